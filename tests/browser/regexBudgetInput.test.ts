/**
 * #15: past the time budget, a user regex that backtracks on one input of
 * several costs that input alone: it is set aside with an error naming the
 * pattern and the input, and the others are analyzed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/browserHarness';

const GOVECTOR = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n';

describe('the regex time budget, per input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('sets aside the input a pattern hangs on, names both, and reads the others', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    h.errors.length = 0;
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('opt-budget').fill('3');
    await page.getByTestId('opt-budget').dispatchEvent('change');
    const rules = { rules: [{ name: 'backtracker', pattern: '^(?<a>(a+)+)$', key: '${a}', send: { text: 'x' } }] };
    await page.getByTestId('rules-text').fill(JSON.stringify(rules));
    await page.getByTestId('tab-start').click();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'evil.log', mimeType: 'text/plain', buffer: Buffer.from(`${'a'.repeat(40)}!\n`) },
      { name: 'govector-Log.txt', mimeType: 'text/plain', buffer: Buffer.from(GOVECTOR) },
    ]);
    // Past the budget the worker is stopped and a fresh one reads the rest: on a loaded machine that took 18–45 s.
    await page.getByTestId('diagram').waitFor({ timeout: 75_000 });
    expect((await page.getByTestId('count-events').first().textContent())?.trim()).toBe('2');
    const diagnostics = (await page.getByTestId('diagnostics').first().textContent()) ?? '';
    expect(diagnostics).toContain('evil.log');
    expect(diagnostics).toMatch(/rule "backtracker" pattern ran past the 3 s time budget on this input/);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(h.errors).toEqual([]);
  }, 90_000);
});
