/**
 * #15: bidirectional controls in a service name or a log text are shown as
 * their code points in the page (log, event details, SVG export), so that
 * `pay\u202Egnp.exe` never reads as `payexe.png`; the JSON export keeps the
 * text as it was written.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/browserHarness';

const RLO = '\u202E';
const log = [
  { ts: '2026-03-14T09:00:00.000Z', service: `pay${RLO}gnp.exe`, msg: `sent invoice${RLO}fdp.exe to ledger`, msg_id: 'm1', dir: 'send' },
  { ts: '2026-03-14T09:00:01.000Z', service: 'ledger', msg: `got \u2067isolated\u2069 invoice`, msg_id: 'm1', dir: 'recv' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

describe('bidi controls in names and texts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('are shown as ⟨U+…⟩ in the log, the details and the SVG export, and kept in the JSON export', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'bidi.jsonl', mimeType: 'text/plain', buffer: Buffer.from(log) });
    await page.getByTestId('diagram').waitFor();

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svg = await readFile((await svgDownload.path())!, 'utf8');
    expect(svg).toContain('>pay⟨U+202E⟩gnp.'); // the lane label, cut to fit
    expect(svg).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);

    await page.getByRole('region', { name: /Lane diagram:/ }).focus();
    await page.keyboard.press('n');
    const details = page.getByTestId('event-details');
    await details.waitFor();
    const shown = (await details.textContent()) ?? '';
    expect(shown).toMatch(/⟨U\+202E⟩/);
    expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);

    await page.getByTestId('tab-log').click();
    const merged = page.getByTestId('merged-log');
    await expect.poll(async () => (await merged.textContent()) ?? '').toContain('invoice⟨U+202E⟩fdp.exe to ledger');
    const logText = (await merged.textContent()) ?? '';
    expect(logText).toContain('pay⟨U+202E⟩gnp.exe');
    expect(logText).toContain('got ⟨U+2067⟩isolated⟨U+2069⟩ invoice');
    expect(logText).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);

    await page.getByTestId('export-menu').click();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const doc = await readFile((await json.path())!, 'utf8');
    expect(doc).toContain(JSON.stringify(`pay${RLO}gnp.exe`).slice(1, -1));
    expect(doc).not.toContain('⟨U+202E⟩');
    expect(h.errors).toEqual([]);
  });
});
