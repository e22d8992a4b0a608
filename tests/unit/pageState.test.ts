/**
 * The page's pure decisions, without a browser: the size limit and its
 * message, the URL hash, the stored settings (rules and options only), the
 * options an analysis runs with, the format choices (in step with the
 * core's list), the keyboard commands and the sample manifest.
 */
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/core/input/formats';
import { checkRules, FORMAT_CHOICES, optionsOf } from '../../src/ui/state/analysisOptions';
import { formatHash, parseHash } from '../../src/ui/state/hashState';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, SETTINGS_KEY } from '../../src/ui/state/settingsStore';
import { commandFor, type KeyLike } from '../../src/ui/state/shortcuts';
import { MAX_TOTAL_BYTES, refuseTooLarge, totalLimit } from '../../src/ui/input/sizeLimit';
import { validEntries } from '../../src/ui/samples/sampleManifest';

const GiB = 2 ** 30;

describe('size limit', () => {
  it('is 1.5 GiB, or a quarter of a smaller device', () => {
    expect(totalLimit(undefined)).toBe(MAX_TOTAL_BYTES);
    expect(totalLimit(8)).toBe(MAX_TOTAL_BYTES);
    expect(totalLimit(2)).toBe(0.5 * GiB);
  });

  it('names the files and sizes it refuses', () => {
    expect(refuseTooLarge([{ name: 'a.log', size: 10 }])).toBeNull();
    // Streamed: one 1 GiB file is fine; past the total it is refused by name.
    expect(refuseTooLarge([{ name: 'big.log', size: 2 ** 30 }])).toBeNull();
    expect(refuseTooLarge([{ name: 'big.log', size: MAX_TOTAL_BYTES + 1 }])).toMatch(/^Too large to analyze in this tab: 1 file, 1\.5 GB in all \(largest: big\.log \(1\.5 GB\)\)/);
    const many = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.log`, size: 400 * 2 ** 20 }));
    expect(refuseTooLarge(many)).toMatch(/4 files, 1\.6 GB in all \(largest: f0\.log \(400 MB\), .*This device allows 1\.5 GB/);
    const two = [{ name: 'a.log', size: 300 * 2 ** 20 }, { name: 'b.log', size: 300 * 2 ** 20 }];
    expect(refuseTooLarge(two)).toBeNull();
    expect(refuseTooLarge(two, 2)).toMatch(/2 files, 600 MB in all .*This device allows 512 MB/);
  });
});

describe('URL hash', () => {
  it('round-trips the state and drops what it does not know', () => {
    const s = { sample: 'quickstart', view: 'log' as const, exec: 1, event: 12, axis: 'raw' as const, order: 'corrected' as const };
    expect(formatHash(s)).toBe('#sample=quickstart&view=log&exec=1&event=12&axis=raw&order=corrected');
    expect(parseHash(formatHash(s))).toEqual(s);
    expect(parseHash('#view=nope&axis=sideways&exec=-1&event=3')).toEqual({});
    expect(formatHash({ view: 'start', axis: 'logical', order: 'causal', exec: 0 })).toBe('');
  });

  it('never carries an event of the user\'s own files', () => {
    expect(formatHash({ view: 'diagram', event: 5 })).toBe('#view=diagram');
    expect(parseHash('#event=5&view=log')).toEqual({ view: 'log' });
  });
});

describe('settings in localStorage', () => {
  it('keeps rules and options, and reads garbage as the defaults', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    saveSettings(storage, { ...DEFAULT_SETTINGS, rulesText: '{"rules":[]}', format: 'jsonl', regexBudgetSeconds: 3, csvColumns: { time: 'when', clockDomain: '' } });
    // No clock-domain mapping among them: its keys are process names from the logs (kept in memory only).
    expect(Object.keys(JSON.parse(store.get(SETTINGS_KEY)!)).sort()).toEqual(['csvColumns', 'delimiter', 'format', 'regex', 'regexBudgetSeconds', 'rulesText', 'theme']);
    expect(loadSettings(storage)).toMatchObject({ rulesText: '{"rules":[]}', format: 'jsonl', regexBudgetSeconds: 3, csvColumns: { time: 'when', clockDomain: '' } });
    expect(optionsOf(loadSettings(storage)).csvColumns).toEqual({ time: 'when', clockDomain: '' });
    expect(loadSettings(storage).theme).toBe('system');
    saveSettings(storage, { ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(loadSettings(storage).theme).toBe('dark');
    store.set(SETTINGS_KEY, JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'purple' }));
    expect(loadSettings(storage).theme).toBe('system');
    store.set(SETTINGS_KEY, JSON.stringify({ csvColumns: { time: 3, process: 'svc', bogus: 'x' } }));
    expect(loadSettings(storage).csvColumns).toEqual({ process: 'svc' });
    store.set(SETTINGS_KEY, '{not json');
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    store.set(SETTINGS_KEY, JSON.stringify({ rulesText: 7, regexBudgetSeconds: 1e9 }));
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings({ setItem: () => { throw new Error('full'); } }, DEFAULT_SETTINGS)).not.toThrow();
  });
});

describe('analysis options', () => {
  it('offers exactly the core formats', () => {
    expect([...FORMAT_CHOICES].sort()).toEqual(FORMATS.map((f) => f.id).sort());
  });

  it('puts the problems at the rule, and leaves invalid rules out of the options', () => {
    const text = JSON.stringify({ rules: [{ name: 'ok', key: '${k}', send: { field: 'd' } }, { name: 'bad', pattern: '(' }] });
    const c = checkRules(text);
    expect(c.error).toBeNull();
    expect(c.problems).toEqual([{ rule: 1, name: 'bad', message: expect.stringMatching(/"pattern" is not a valid regular expression/) }]);
    expect(checkRules('[').error).toMatch(/not valid JSON/);
    const settings = { ...DEFAULT_SETTINGS, rulesText: text, regex: ' ', format: 'jsonl' };
    expect(optionsOf(settings)).toEqual({ format: 'jsonl', rules: { schema: 'causeway.rules/1', rules: JSON.parse(text).rules } });
    expect(optionsOf({ ...settings, rulesText: '{' })).toEqual({ format: 'jsonl' });
  });
});

describe('keyboard commands', () => {
  const key = (k: string, more: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, targetTag: 'BODY', targetEditable: false, ...more });
  it('maps keys to commands, never while typing or with modifiers', () => {
    expect(commandFor(key('?'), 'logical')).toEqual({ type: 'help' });
    expect(commandFor(key('5'), 'logical')).toEqual({ type: 'view', view: 'log' });
    expect(commandFor(key('a'), 'corrected')).toEqual({ type: 'axis', axis: 'logical' });
    expect(commandFor(key('j'), 'logical')).toEqual({ type: 'hit', direction: 1 });
    expect(commandFor(key('8'), 'logical')).toEqual({ type: 'view', view: 'correlations' });
    expect(commandFor(key(']'), 'logical')).toEqual({ type: 'correlation', direction: 1 });
    expect(commandFor(key('['), 'logical')).toEqual({ type: 'correlation', direction: -1 });
    expect(commandFor(key(']', { targetTag: 'INPUT' }), 'logical')).toBeNull();
    expect(commandFor(key('9'), 'logical')).toBeNull();
    expect(commandFor(key('a', { targetTag: 'TEXTAREA' }), 'logical')).toBeNull();
    expect(commandFor(key('?', { targetEditable: true }), 'logical')).toBeNull();
    expect(commandFor(key('e', { ctrlKey: true }), 'logical')).toBeNull();
    expect(commandFor(key('Escape'), 'logical')).toEqual({ type: 'escape' });
  });
});

describe('sample manifest', () => {
  it('keeps well-formed entries and paths inside sample-logs/', () => {
    expect(
      validEntries([
        { id: 'q', title: 'Q', summary: 'S', files: ['q/a.log', '../etc/passwd', '/abs', 3] },
        { id: 'no-files', files: [] },
        { title: 'no id', files: ['x'] },
        'junk',
      ]),
    ).toEqual([{ id: 'q', title: 'Q', summary: 'S', files: ['q/a.log'] }]);
    expect(validEntries({})).toEqual([]);
  });
});
