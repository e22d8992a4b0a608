/**
 * A trial run of every user regex (the rules' patterns and text predicates,
 * the ShiViz regex and delimiter) on the first lines of each input, before
 * the real analysis. It serves the page's time budget for user regexes: the
 * session reports which regex it is about to try, so if that regex hangs (a
 * catastrophic backtracking pattern) the page, which stops hearing progress,
 * knows whom to blame when it terminates the worker; and the measured speed
 * tells the page how long the full analysis may fairly go quiet.
 */
import type { AnalyzeOptions } from '../analysis/analyzeOptions';

export interface UserRegex {
  /** How the page names it: `rule "gateway" pattern`. */
  label: string;
  source: string;
}

export interface RegexTiming extends UserRegex {
  ms: number;
  /** Bytes of sample text it ran over. */
  bytes: number;
}

/** How long user regexes may run without progress, in the page (Rules view) and the CLI (--regex-budget) alike. */
export const DEFAULT_REGEX_BUDGET_MS = 10_000;

/** Sample per input: this many bytes from its start, at most SAMPLE_LINES lines. */
export const SAMPLE_BYTES = 256 << 10;
export const SAMPLE_LINES = 2000;

export function userRegexes(options: AnalyzeOptions): UserRegex[] {
  const out: UserRegex[] = [];
  if (typeof options.regex === 'string' && options.regex) out.push({ label: 'the log regex', source: options.regex });
  if (typeof options.delimiter === 'string' && options.delimiter) out.push({ label: 'the execution delimiter', source: options.delimiter });
  for (const source of options.correlationPatterns ?? []) if (typeof source === 'string' && source) out.push({ label: 'a correlation pattern', source });
  const rules = Array.isArray(options.rules?.rules) ? options.rules.rules : [];
  rules.forEach((rule, i) => {
    if (typeof rule !== 'object' || rule === null) return;
    const name = typeof rule.name === 'string' && rule.name ? rule.name : `rule ${i + 1}`;
    if (typeof rule.pattern === 'string') out.push({ label: `rule "${name}" pattern`, source: rule.pattern });
    if (typeof rule.keyText === 'string') out.push({ label: `rule "${name}" keyText`, source: rule.keyText });
    for (const role of ['send', 'receive'] as const) {
      const text = rule[role]?.text;
      if (typeof text === 'string') out.push({ label: `rule "${name}" ${role}.text`, source: text });
    }
  });
  return out;
}

/** The first lines of each input, decoded leniently. */
export function sampleLines(inputs: { bytes: Uint8Array }[]): { lines: string[]; bytes: number } {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const lines: string[] = [];
  let bytes = 0;
  for (const input of inputs) {
    const head = input.bytes.subarray(0, SAMPLE_BYTES);
    bytes += head.length;
    const text = decoder.decode(head);
    const split = text.split('\n', SAMPLE_LINES);
    for (const l of split) lines.push(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  return { lines, bytes };
}

/** Runs each regex over the sample; `onRegex` is told before each one starts. */
export function probeRegexes(regexes: UserRegex[], sample: { lines: string[]; bytes: number }, onRegex: (r: UserRegex) => void): RegexTiming[] {
  const out: RegexTiming[] = [];
  for (const r of regexes) {
    let re: RegExp;
    try {
      re = new RegExp(r.source);
    } catch {
      continue; // reported at the rule by compileRules
    }
    onRegex(r);
    const t0 = performance.now();
    for (const line of sample.lines) re.test(line);
    out.push({ ...r, ms: performance.now() - t0, bytes: sample.bytes });
  }
  return out;
}

/** The full run's expected regex time, ms, scaling the sample's speed to all the bytes. */
export function expectedRegexMs(timings: RegexTiming[], totalBytes: number): number {
  let ms = 0;
  for (const t of timings) if (t.bytes > 0) ms += (t.ms / t.bytes) * totalBytes;
  return ms;
}
