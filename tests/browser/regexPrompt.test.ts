/**
 * A vector-clock log in a layout no built-in ShiViz reading fits (issue 16,
 * "ShiViz logs without a regex"): dropped as is, it is read as plain text, and
 * the page offers a regex guessed from its first lines with a live count of
 * the records it reads there (counted in a worker of its own). An edit
 * recounts; Apply reads the log again with it: lanes per host and messages
 * from the vector clocks.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessShivizRegex } from '../../src/core/input/shiviz/regexGuess';
import { ARTIFACTS, paintedPixels, startHarness, type Harness } from './helpers/browserHarness';

// Three nodes, the host in brackets after a level, the clock as clock={…}: neither GoVector's, ShiViz's default nor one record per line.
const LOG = [
  '2026-03-14T09:00:00.001Z INFO [node-1] clock={"node-1":1} start election',
  '2026-03-14T09:00:00.004Z INFO [node-2] clock={"node-1":1,"node-2":1} vote for node-1',
  '2026-03-14T09:00:00.005Z INFO [node-3] clock={"node-1":1,"node-3":1} vote for node-1',
  '2026-03-14T09:00:00.009Z WARN [node-1] clock={"node-1":2,"node-2":1} got vote of node-2',
  '2026-03-14T09:00:00.010Z INFO [node-1] clock={"node-1":3,"node-2":1,"node-3":1} got vote of node-3',
  '2026-03-14T09:00:00.012Z INFO [node-1] clock={"node-1":4,"node-2":1,"node-3":1} elected',
  '2026-03-14T09:00:00.015Z INFO [node-2] clock={"node-1":4,"node-2":2,"node-3":1} leader is node-1',
  '',
].join('\n');

describe('the regex prompt for vector-clock logs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('offers the guessed regex with a live count, and Apply reads lanes and vector-clock messages', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'election.log', mimeType: 'text/plain', buffer: Buffer.from(LOG) });
    const prompt = page.getByTestId('regex-prompt');
    await prompt.waitFor({ timeout: 20_000 });
    const input = page.getByTestId('regex-prompt-input');
    const count = page.getByTestId('regex-prompt-count');
    const guess = guessShivizRegex(LOG)!.regex;
    expect(await input.inputValue()).toBe(guess);
    expect((await count.textContent())?.trim()).toBe('7 records read from the first 7 lines');
    expect(await prompt.textContent()).toContain('election.log looks like a vector-clock log');
    // Read as text first: one lane, no messages.
    expect(await page.getByTestId('count-messages').textContent()).toBe('0');
    await page.screenshot({ path: join(ARTIFACTS, 'regex-prompt-page.png') });

    // A live count through the worker: an edit that takes the level for the host reads nothing it can place.
    await input.fill(guess.replace('[^\\n]*?[ \\t]*\\[(?<host>[^\\s"\\[\\](){}<>|,;=\\n]{1,64})\\]', '(?<host>[A-Z]+)[ \\t]+\\[[^\\]]*\\]'));
    await expect.poll(async () => (await count.textContent())?.trim(), { timeout: 10_000 }).toBe('0 records read from the first 7 lines; 7 matched but have no clock counting their host');
    expect(await page.getByTestId('regex-prompt-apply').isDisabled()).toBe(true);
    await input.fill('(?<host>');
    await expect.poll(async () => (await count.textContent())?.trim(), { timeout: 10_000 }).toContain('does not compile');
    await input.fill(guess);
    await expect.poll(async () => (await count.textContent())?.trim(), { timeout: 10_000 }).toBe('7 records read from the first 7 lines');
    await prompt.screenshot({ path: join(ARTIFACTS, 'regex-prompt.png') });

    // Enter applies, as the button does.
    await input.press('Enter');
    await expect.poll(async () => (await page.getByTestId('count-messages').textContent())?.trim(), { timeout: 20_000 }).toBe('5');
    expect(await page.getByTestId('count-processes').textContent()).toBe('3');
    expect(await page.getByTestId('count-events').textContent()).toBe('7');
    expect(await page.locator('[data-testid=input-row][data-input="election.log"]').textContent()).toContain('shiviz');
    // The prompt is gone: the log is read with the regex now.
    expect(await prompt.count()).toBe(0);
    const { painted } = await paintedPixels(page, '[data-testid=diagram-canvas]');
    expect(painted).toBeGreaterThan(500);
    await page.screenshot({ path: join(ARTIFACTS, 'regex-prompt-applied.png') });
    expect(h.errors).toEqual([]);
  });

  it('stops a count that runs past the regex budget, and the page goes on with the same analysis', async () => {
    const page = await h.context.newPage();
    await page.goto(h.baseUrl);
    // The regex applied above is a kept setting: start without it.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('opt-budget').fill('1');
    await page.getByTestId('opt-budget').dispatchEvent('change');
    await page.getByTestId('tab-start').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'election.log', mimeType: 'text/plain', buffer: Buffer.from(LOG) });
    const input = page.getByTestId('regex-prompt-input');
    const count = page.getByTestId('regex-prompt-count');
    await input.waitFor({ timeout: 20_000 });
    const guess = await input.inputValue();
    // Nested quantifiers and a '#' no line holds: exponential on an 80-character line.
    const started = Date.now();
    await input.fill(String.raw`^(?<host>([^\n]+)+)#(?<clock>\{[^{}\n]*\})`);
    await expect.poll(async () => (await count.textContent())?.trim(), { timeout: 10_000 }).toMatch(/^The regex ran for more than 1 s on the first lines and was stopped/);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await page.getByTestId('regex-prompt-apply').isDisabled()).toBe(true);
    await page.getByTestId('regex-prompt').screenshot({ path: join(ARTIFACTS, 'regex-prompt-budget.png') });
    // A fresh probe counts the next edit; the analysis (in its own worker) is still there.
    await input.fill(guess);
    await expect.poll(async () => (await count.textContent())?.trim(), { timeout: 10_000 }).toBe('7 records read from the first 7 lines');
    expect(await page.getByTestId('count-events').textContent()).toBe('7');
    expect(await page.getByTestId('worker-failure').count()).toBe(0);
    await page.getByTestId('regex-prompt-apply').click();
    await expect.poll(async () => (await page.getByTestId('count-messages').textContent())?.trim(), { timeout: 20_000 }).toBe('5');
    await page.close();
  });
});
