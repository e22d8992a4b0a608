/**
 * The CLI's default output: what happened, in words, for a terminal. It reads
 * the analysis the document is made from and prints, in this order, the
 * inputs with their reading summary, each clock domain's offset from its
 * reference, the findings (groupFindings.ts) most severe first with their
 * events as `file:line`, and totals. Every list is cut to a share of a line
 * budget (about 100 lines whatever the input) and says how many it left out,
 * so a folder of ten thousand logs prints as much as a folder of three.
 * Colour (ANSI) only when asked: the CLI asks when stdout is a terminal.
 */
import { shellQuote } from '../read/regexGuessNote';
import type { Analysis, ExecutionResult } from '../analysis/analyze';
import type { AnomalySeverity } from '../anomalies/anomaly';
import { rangeMs, signedMs } from '../findings/roundMs';
import { groupFindings } from '../findings/groupFindings';
import type { Finding } from '../findings/finding';
import { hasTime, seqOf, sourceOf } from '../model/execution';
import type { DomainOffset } from '../offsets/domainOffset';
import type { InputSummary } from '../read/inputSummary';
import { timedShare } from '../read/readingReport';

export interface WordsReportOptions {
  color?: boolean;
  /** Lines to aim for (default 100). */
  maxLines?: number;
}

const SEVERITIES: readonly AnomalySeverity[] = ['critical', 'warning', 'info'];
const EVENTS_SHOWN = 4;

export function wordsReport(analysis: Analysis, options: WordsReportOptions = {}): string {
  const budget = Math.max(30, options.maxLines ?? 100);
  const c = paint(options.color === true);
  const out: string[] = [];
  const results = analysis.executions;
  const findings = results.map((r) => groupFindings(r));
  const events = results.reduce((s, r) => s + r.execution.eventCount, 0);
  const processes = results.reduce((s, r) => s + r.execution.processNames.length, 0);
  const domains = results.reduce((s, r) => s + r.execution.domainNames.length, 0);
  out.push(c.bold(`Causeway: ${count(analysis.inputs.length, 'input')}, ${count(events, 'event')}, ${count(processes, 'process', 'processes')}, ${count(domains, 'clock domain')}`));

  out.push('', c.bold('Inputs'));
  inputLines(analysis, Math.floor(budget * 0.2), c, out);

  out.push('', c.bold('Clocks'), c.dim('  each domain against its reference: + reads ahead, − behind'));
  clockLines(results, Math.floor(budget * 0.15), out);

  const all = findings.flatMap((fs, i) => fs.map((f) => ({ f, r: results[i]!, exec: i })));
  const bySeverity = SEVERITIES.map((s) => all.filter((a) => a.f.severity === s).length);
  const tally = SEVERITIES.map((s, i) => (bySeverity[i]! > 0 ? `${bySeverity[i]} ${s}${s === 'warning' && bySeverity[i]! > 1 ? 's' : ''}` : '')).filter(Boolean).join(', ');
  out.push('', c.bold(`Findings${all.length > 0 ? ` (${tally})` : ''}`));
  const matched = results.reduce((s, r) => s + r.execution.edgeCount, 0);
  if (all.length === 0) {
    out.push(
      matched > 0
        ? noFindingsLine(results)
        : '  none, but no message was matched between processes either: the logs share no ids or wording the analysis recognizes (--rules and --correlation-pattern teach it yours)',
    );
  }
  all.sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || a.exec - b.exec);
  const room = Math.max(3, budget - out.length - 6);
  let used = 0;
  let shown = 0;
  for (const { f, r } of all) {
    const lines = findingLines(f, r, results.length > 1, c);
    if (used + lines.length > room) break;
    out.push(...lines);
    used += lines.length;
    shown++;
  }
  if (shown < all.length) out.push(c.dim(`  … and ${all.length - shown} more findings (--format json lists them all)`));

  const anomalies = results.reduce((s, r) => s + r.anomalies.length, 0);
  const edges = results.reduce((s, r) => s + r.execution.edgeCount, 0);
  const diag = (['error', 'warning', 'info'] as const).map((s) => {
    const n = analysis.diagnostics.filter((d) => d.severity === s).length;
    return n > 0 ? `${n} ${s}${n === 1 || s === 'info' ? '' : 's'}` : '';
  });
  const diagText = diag.filter(Boolean).join(', ');
  out.push('', c.bold('Totals'));
  out.push(`  ${count(events, 'event')}, ${count(edges, 'message')} matched, ${count(all.length, 'finding')} from ${count(anomalies, 'anomaly', 'anomalies')}, ${count(analysis.diagnostics.length, 'diagnostic')}${diagText ? ` (${diagText})` : ''}`);
  out.push(c.dim('  --format json writes the whole analysis document; --out FILE writes it to a file'));
  return `${out.join('\n')}\n`;
}

/**
 * Inputs with anything to say first (untimed lines, skips, warnings), then
 * the rest, up to `room` lines; under an input, its first warning or error.
 */
/**
 * "None" with messages matched: what was checked. Where no event has a time nothing was checked
 * by the timestamps, so nothing is claimed of them; where some processes have none, only the
 * messages between timed ones were.
 */
function noFindingsLine(results: ExecutionResult[]): string {
  let timed = 0;
  let untimed = 0;
  for (const { execution: x } of results) {
    for (let p = 0; p < x.processNames.length; p++) {
      let any = false;
      for (let e = x.procStart[p]!; e < x.procStart[p + 1]! && !any; e++) any = hasTime(x, e);
      if (any) timed++;
      else if (x.procStart[p + 1]! > x.procStart[p]!) untimed++;
    }
  }
  const rest = 'no retry ran twice, no message was lost where both logs cover it';
  if (timed < 2) return `  none: ${rest}; ${timed === 0 ? 'the logs have no times, so no clock could be checked against another: the order is logical only' : 'only one process has times, so no clock could be checked against another: the order between processes is logical only'}`;
  if (untimed > 0) return `  none: every message between processes with times arrives after it was sent (${untimed} ${untimed === 1 ? 'process has' : 'processes have'} none), ${rest}`;
  return `  none: every message arrives after it was sent, ${rest}`;
}

function inputLines(analysis: Analysis, room: number, c: Paint, out: string[]): void {
  const inputs = analysis.inputs;
  const warned = new Map<string, string>();
  // Errors before warnings: the first of the worst.
  for (const severity of ['error', 'warning'] as const) {
    for (const d of analysis.diagnostics) if (d.severity === severity && !warned.has(d.input)) warned.set(d.input, `${d.line > 0 ? `line ${d.line}: ` : ''}${d.message}`);
  }
  const rank = (s: InputSummary) => (s.events === 0 ? 1 : timedShare(s.reading) < 1 || s.skipped > 0 || warned.has(s.name) ? 0 : 2);
  const order = inputs.map((s, i) => i).sort((a, b) => rank(inputs[a]!) - rank(inputs[b]!) || a - b);
  const width = Math.min(40, Math.max(...inputs.map((s) => s.name.length), 5));
  let shown = 0;
  for (const i of order) {
    if (shown >= Math.max(3, room)) break;
    const s = inputs[i]!;
    const r = s.reading;
    const share = timedShare(r);
    const pct = `${Math.floor(share * 1000) / 10} % timed`;
    const parts = [s.format, count(s.events, 'event')];
    if (s.events > 0) parts.push(share < 1 ? c.yellow(pct) : pct);
    if (r.timeLayoutLabel ?? r.timeLayout) parts.push(`time ${r.timeLayoutLabel ?? r.timeLayout}${r.timePosition !== undefined && r.timePosition !== 0 ? ` at ${r.timePosition}` : ''}`);
    if (r.sourceColumn && (r.sources ?? 0) > 1) parts.push(`sources by ${r.sourceColumn} (${r.sources ?? '?'})`);
    if (r.continuation > 0) parts.push(`${r.continuation} continuation`);
    if (s.skipped > 0) parts.push(c.yellow(`${s.skipped} skipped${r.skippedSamples[0] ? `, e.g. line ${r.skippedSamples[0].line}` : ''}`));
    if (s.events === 0) parts.push(c.yellow('nothing read'));
    out.push(`  ${pad(oneLine(s.name), width)}  ${parts.join(' · ')}`);
    const w = warned.get(s.name);
    if (w !== undefined && shown < room) out.push(c.yellow(`    ${cut(oneLine(w), 150)}`));
    // Vector clocks in a layout no built-in reading fits: the guessed regex, whole, to paste (read/regexGuessNote.ts).
    if (s.regexGuess) out.push(`    vector clocks in a layout no built-in reading fits: try --regex ${shellQuote(s.regexGuess.regex)}`);
    shown++;
  }
  if (shown < inputs.length) out.push(c.dim(`  … and ${inputs.length - shown} more inputs, read in full`));
}

/** Each domain's offset from its reference, widest first. */
function clockLines(results: readonly ExecutionResult[], room: number, out: string[]): void {
  const rows: { text: string; size: number }[] = [];
  // Several executions (a ShiViz log with several) may name the same domains: each row says whose it is, as findings do.
  const named = results.length > 1;
  for (const r of results) {
    // A clock that stepped has one offset per epoch (clockEpochs.ts): a row each, named by where it starts.
    const ep = r.offsets.epochs;
    const x = r.execution;
    // [row name, offset, is its own reference]
    const rowsOf: [string, DomainOffset, boolean][][] = x.domainNames.map((name, d) => [[name, r.offsets.offsets[d]!, r.offsets.offsets[d]!.reference === name]]);
    if (ep) {
      const slots = x.domainNames.map((): number[] => []);
      for (let s = 0; s < ep.epochs.slots; s++) slots[ep.epochs.slotDomain[s]!]!.push(s);
      slots.forEach((list, d) => {
        const from = (s: number) => `${x.processNames[x.eventProc[ep.epochs.slotFrom[s]!]!]!}:${seqOf(x, ep.epochs.slotFrom[s]!)}`;
        if (list.length > 1) rowsOf[d] = list.map((s, k) => [`${x.domainNames[d]!} epoch ${k + 1} (from ${from(s)})`, ep.offsets[s]!, ep.offsets[s]!.reference === ep.epochs.slotNames[s]]);
      });
    }
    // Bounds that contradict each other (a clock drifted or stepped over the run) leave the domains of that connected set
    // (one reference) without one: not for want of messages. Other sets are solved apart (domainOffsets.ts).
    const cycles = r.offsets.conflictCycles ?? [r.offsets.conflictEdges];
    const contested = new Set(cycles.flat().map((k) => r.offsets.offsets[x.processDomain[x.eventProc[x.edgeFrom[k]!]!]!]!.reference));
    rowsOf.forEach((domainRows, d) => {
      const unbounded = contested.has(r.offsets.offsets[d]!.reference)
        ? 'no single offset: its messages bound it in ways that contradict each other (a clock drifted or stepped); offsets per time window: --format json'
        : 'not bounded by any message';
      for (const [name, o, own] of domainRows) {
        if (own) continue;
        const size = Math.max(Math.abs(o.low ?? 0), Math.abs(o.high ?? 0), Math.abs(o.estimate ?? 0));
        const range = o.low !== null && o.high !== null ? rangeMs(o.low, o.high) : o.low !== null ? `at least ${signedMs(o.low, 'down')}` : o.high !== null ? `at most ${signedMs(o.high, 'up')}` : unbounded;
        const est = o.estimate === null || (o.low === null && o.high === null) ? '' : `about ${signedMs(o.estimate)}, `;
        rows.push({ text: `  ${named ? `[${oneLine(x.name)}] ` : ''}${oneLine(name)} from ${oneLine(o.reference)}: ${est}${range}`, size });
      }
    });
  }
  if (rows.length === 0) {
    out.push('  one clock domain per connected set: nothing to compare');
    return;
  }
  rows.sort((a, b) => b.size - a.size);
  const shown = Math.max(3, room);
  for (const row of rows.slice(0, shown)) out.push(row.text);
  if (rows.length > shown) out.push(`  … and ${rows.length - shown} more domains`);
}

function findingLines(f: Finding, r: ExecutionResult, named: boolean, c: Paint): string[] {
  const x = r.execution;
  const tag = f.severity === 'critical' ? c.red('CRITICAL') : f.severity === 'warning' ? c.yellow('WARNING ') : c.dim('INFO    ');
  const where = named ? `[${oneLine(x.name)}] ` : '';
  const evs = f.events.slice(0, EVENTS_SHOWN).map((e) => oneLine(sourceOf(x, e)));
  const more = f.events.length > EVENTS_SHOWN ? ` +${f.events.length - EVENTS_SHOWN} more` : '';
  return [`  ${tag}  ${where}${oneLine(f.summary)}`, c.dim(`            ${evs.join(', ')}${more}`)];
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function pad(s: string, width: number): string {
  return s.length > width ? `…${s.slice(s.length - width + 1)}` : s.padEnd(width);
}

/**
 * Log text never moves the cursor, colours the terminal nor reorders what
 * follows it: control and bidirectional control characters become visible.
 */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n' || ch === '\r' || ch === '\t') return ' ';
    const code = ch.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `⟨U+${code.toString(16).toUpperCase()}⟩`;
  });
}

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
}

function paint(on: boolean): Paint {
  const wrap = (code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), yellow: wrap('33') };
}
