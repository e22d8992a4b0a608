/**
 * The reading report in the page's inputs table (issue 14, "Reading report",
 * "Missing zone", "Lines that don't match"), in Chromium:
 * - a JSON lines file with records without a time and broken lines shows
 *   its share of timed lines with a warning, and the first three unread
 *   lines as written (markup in them stays text);
 * - a text log whose times carry no zone is read as UTC; setting its zone
 *   in the page reads it again, and the log shows the times shifted;
 * - a file no time layout reads leaves its lane without time, which the
 *   raw and corrected axis buttons say; alone, it turns them off.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';

const API = [
  '{"ts":"2026-03-14T09:26:53.050Z","service":"api","msg":"call db","req_id":"7","dir":"send","to":"db"}',
  '{"service":"api","msg":"no time on this record"}',
  '{broken <b>bold</b> line',
  '',
  '{"ts":"2026-03-14T09:26:53.200Z","service":"api","msg":"reply seen"}',
  'not json at all <script>alert(1)</script>',
  '{"ts":"2026-03-14T09:26:53.300Z","service":"api","msg":"done"',
  '{"ts":"2026-03-14T09:26:53.400Z","service":"api","msg":"later"}',
  '',
].join('\n');

const SVC = [
  '2026-03-14 09:26:53.100 host=db INFO handle req_id=7 dir=recv from=api',
  '\tat com.example.Db.handle(Db.java:42)',
  '2026-03-14 09:26:53.140 host=db INFO done',
  '',
].join('\n');

const NOTES = 'restarted the database by hand\nthen checked the queue\n';

describe('the reading report in the inputs table', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  const row = (name: string) => h.page.locator(`[data-testid=input-row][data-input="${name}"]`);

  async function logTimes(): Promise<string[]> {
    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('log-row').first().waitFor();
    return h.page.locator('[data-testid=log-row] [role=gridcell]:nth-child(2)').allTextContents();
  }

  it('warns of untimed lines, shows unread samples as text, and reads a zone set in the page', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles([
      { name: 'api.jsonl', mimeType: 'application/json', buffer: Buffer.from(API) },
      { name: 'svc.log', mimeType: 'text/plain', buffer: Buffer.from(SVC) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTES) },
    ]);
    await page.getByTestId('diagram').waitFor();

    // api.jsonl: 3 of 7 lines timed (one record without a time, three broken lines), two blank.
    const api = row('api.jsonl');
    expect((await api.getByTestId('input-timed').textContent())?.trim()).toBe('⚠42.8 %');
    expect(await api.getByTestId('input-timed').getAttribute('title')).toBe('3 of 7 lines read with a time; 1 read without one (logical order only); 3 not read');
    expect(await api.locator('.warn').count()).toBe(1);
    const unread = api.getByTestId('input-unread');
    expect((await unread.locator('summary').textContent())?.trim()).toBe('3');
    await unread.locator('summary').click();
    const samples = await unread.locator('[data-testid=input-samples] li').allTextContents();
    expect(samples.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual([
      '3 {broken <b>bold</b> line',
      '6 not json at all <script>alert(1)</script>',
      '7 {"ts":"2026-03-14T09:26:53.300Z","service":"api","msg":"done"',
    ]);
    // Log text is never HTML: the markup is shown, not made.
    expect(await unread.locator('b, script').count()).toBe(0);

    expect((await api.getByTestId('input-time').textContent())?.replace(/\s+/g, ' ').trim()).toBe('field ts (in the data)');

    // svc.log: every line that could be an event has a time; the stack frame is a continuation.
    const svc = row('svc.log');
    expect((await svc.getByTestId('input-timed').textContent())?.trim()).toBe('100 %');
    expect(await svc.locator('.warn').count()).toBe(0);
    expect((await svc.getByTestId('input-time').textContent())?.replace(/\s+/g, ' ').trim()).toBe('ISO-8601 @ 0 (UTC)');
    expect((await svc.getByTestId('input-continuation').textContent())?.trim()).toBe('1');
    expect((await svc.getByTestId('input-source').textContent())?.trim()).toBe('field host (1)');

    // notes.txt: no time at all, said in the table and on the wall-clock axis buttons.
    expect(await row('notes.txt').getByTestId('input-no-time').textContent()).toBe('no time layout reads the lines of this input');
    await page.getByTestId('tab-diagram').click();
    expect(await page.getByTestId('axis-raw').isDisabled()).toBe(false);
    expect(await page.getByTestId('axis-raw').getAttribute('title')).toContain('No time on the lane notes (notes.txt: no time layout reads the lines of this input)');
    await page.getByTestId('axis-raw').click();
    expect(await page.getByTestId('untimed-lanes').textContent()).toBe(
      'No time on the lane notes (notes.txt: no time layout reads the lines of this input): on this axis their events are only placed between others, not by time.',
    );
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'reading-untimed-lane.png') });
    await page.getByTestId('axis-logical').click();
    expect(await page.getByTestId('untimed-lanes').count()).toBe(0);

    // The log's rows come from the worker after the switch: wait for them.
    await expect.poll(logTimes).toEqual(expect.arrayContaining(['2026-03-14T09:26:53.100Z', '2026-03-14T09:26:53.140Z']));
    const before = await logTimes();

    // Read svc.log's zoneless times as two hours ahead of UTC: its events move two hours earlier.
    await page.getByTestId('tab-diagram').click();
    const settings = page.getByTestId('reading-settings');
    if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open))) await settings.locator('summary').click();
    const zone = page.locator('[data-testid=reading-row][data-input="svc.log"] [data-testid=reading-zone]');
    await zone.fill('+02:00');
    await page.locator('[data-testid=reading-row][data-input="svc.log"] [data-testid=reading-apply]').click();
    await expect.poll(async () => (await row('svc.log').getByTestId('input-time').textContent())?.replace(/\s+/g, ' ').trim()).toBe('ISO-8601 @ 0 (+02:00)');
    await row('api.jsonl').getByTestId('input-unread').locator('summary').click();
    await page.getByTestId('summary').screenshot({ path: join(ARTIFACTS, 'reading-report.png') });

    // The log is built again from the new analysis: wait for its rows, not the old ones.
    await expect.poll(logTimes, { timeout: 10_000 }).toEqual(expect.arrayContaining(['2026-03-14T07:26:53.100Z', '2026-03-14T07:26:53.140Z']));
    const after = await logTimes();
    expect(after).not.toContain('2026-03-14T09:26:53.100Z');
    // api.jsonl wrote its zone (Z): unchanged.
    expect(after).toEqual(expect.arrayContaining(['2026-03-14T09:26:53.050Z', '2026-03-14T09:26:53.400Z']));
    // The zone names the user's file: kept in the page only.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('svc.log');
    expect(h.errors).toEqual([]);
  });

  it('reads an input as one source, or by the column it names, as picked from its report', async () => {
    const { page } = h;
    const HOSTS = ['2026-03-14T09:26:53.100Z host=web-1 INFO a', '2026-03-14T09:26:53.200Z host=web-2 INFO b', '2026-03-14T09:26:53.300Z host=web-1 INFO c', ''].join('\n');
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'hosts.log', mimeType: 'text/plain', buffer: Buffer.from(HOSTS) });
    await page.getByTestId('diagram').waitFor();
    expect((await row('hosts.log').getByTestId('input-source').textContent())?.trim()).toBe('field host (2)');
    expect((await page.getByTestId('count-processes').textContent())?.trim()).toBe('2');

    const settings = page.getByTestId('reading-settings');
    if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open))) await settings.locator('summary').click();
    const source = page.locator('[data-testid=reading-row][data-input="hosts.log"] [data-testid=reading-source]');
    // The settings build their rows once open: wait for them.
    await expect.poll(() => source.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['', 'field host', 'none']);
    await source.selectOption('none');
    await page.locator('[data-testid=reading-row][data-input="hosts.log"] [data-testid=reading-apply]').click();
    await expect.poll(async () => (await page.getByTestId('count-processes').textContent())?.trim()).toBe('1');
    expect((await row('hosts.log').getByTestId('input-source').textContent())?.trim()).toBe('—');
    // The report of a single source offers no column; the one it offered before can be taken back.
    expect(await source.inputValue()).toBe('none');
    await source.selectOption('field host');
    await page.locator('[data-testid=reading-row][data-input="hosts.log"] [data-testid=reading-apply]').click();
    await expect.poll(async () => (await page.getByTestId('count-processes').textContent())?.trim()).toBe('2');
    expect(h.errors).toEqual([]);
  });

  it('turns the raw and corrected axes off for an input with no time, saying why', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTES) });
    await page.getByTestId('diagram').waitFor();
    for (const mode of ['raw', 'corrected']) {
      const button = page.getByTestId(`axis-${mode}`);
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toContain('No time axis: notes.txt: no time layout reads the lines of this input.');
    }
    expect(await page.getByTestId('axis-logical').getAttribute('aria-pressed')).toBe('true');
    expect((await row('notes.txt').getByTestId('input-timed').textContent())?.trim()).toBe('⚠0 %');
    await page.screenshot({ path: join(ARTIFACTS, 'reading-no-time.png'), fullPage: true });
    expect(h.errors).toEqual([]);
  });
});
