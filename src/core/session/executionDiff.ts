/**
 * Two executions compared lane by lane (a good run and a bad one, say).
 * Processes are matched by name. Within a matched pair, each event becomes a
 * token (its kind and text) and the two token sequences are aligned by a
 * longest common subsequence: events outside it differ. A process present on
 * one side only differs entirely.
 *
 * Runs repeat with new ids, ports and timestamps in their text; by default
 * digit runs and long hex ids are replaced by `#` before comparing, so only a
 * change of shape counts. The common prefix and suffix are trimmed first; a
 * middle too large for the quadratic alignment (MAX_CELLS) is marked as
 * differing as a whole, and the answer says so.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { EVENT_KIND_NAMES, textOf } from '../model/execution';

export type ProcessDiffStatus = 'same' | 'differs' | 'only-a' | 'only-b';

export interface ProcessDiff {
  name: string;
  status: ProcessDiffStatus;
  eventsA: number;
  eventsB: number;
  /** Events marked as differing, per side. */
  differA: number;
  differB: number;
  /** The middle was too large to align and was marked whole. */
  coarse: boolean;
}

export interface ExecutionDiff {
  a: string;
  b: string;
  processes: ProcessDiff[];
  /** Per event of A (B): 1 where it differs. */
  marksA: Uint8Array;
  marksB: Uint8Array;
}

export interface DiffOptions {
  /** Replace digit runs and hex ids by `#` before comparing (default true). */
  ignoreNumbers?: boolean;
}

export const MAX_CELLS = 4_000_000;

export function normalizeText(text: string): string {
  return text.replace(/\b[0-9a-f]{8,}(?:-[0-9a-f]{4,})*\b/gi, '#').replace(/\d+/g, '#');
}

export function diffExecutions(ra: ExecutionResult, rb: ExecutionResult, options: DiffOptions = {}): ExecutionDiff {
  const a = ra.execution;
  const b = rb.execution;
  const norm = options.ignoreNumbers === false ? (t: string) => t : normalizeText;
  const marksA = new Uint8Array(a.eventCount);
  const marksB = new Uint8Array(b.eventCount);
  const indexB = new Map(b.processNames.map((n, p) => [n, p]));
  const names = [...new Set([...a.processNames, ...b.processNames])].sort();
  const indexA = new Map(a.processNames.map((n, p) => [n, p]));
  const processes: ProcessDiff[] = names.map((name) => {
    const pa = indexA.get(name);
    const pb = indexB.get(name);
    const rangeA = pa === undefined ? [0, 0] : [a.procStart[pa]!, a.procStart[pa + 1]!];
    const rangeB = pb === undefined ? [0, 0] : [b.procStart[pb]!, b.procStart[pb + 1]!];
    const tokA: string[] = [];
    const tokB: string[] = [];
    for (let e = rangeA[0]!; e < rangeA[1]!; e++) tokA.push(`${EVENT_KIND_NAMES[a.eventKind[e]!]}\u0000${norm(textOf(a, e))}`);
    for (let e = rangeB[0]!; e < rangeB[1]!; e++) tokB.push(`${EVENT_KIND_NAMES[b.eventKind[e]!]}\u0000${norm(textOf(b, e))}`);
    const { inA, inB, coarse } = alignTokens(tokA, tokB);
    let differA = 0;
    let differB = 0;
    inA.forEach((keep, i) => {
      if (!keep) (marksA[rangeA[0]! + i] = 1), differA++;
    });
    inB.forEach((keep, i) => {
      if (!keep) (marksB[rangeB[0]! + i] = 1), differB++;
    });
    const status: ProcessDiffStatus =
      pa === undefined ? 'only-b' : pb === undefined ? 'only-a' : differA + differB > 0 ? 'differs' : 'same';
    return { name, status, eventsA: tokA.length, eventsB: tokB.length, differA, differB, coarse };
  });
  return { a: a.name, b: b.name, processes, marksA, marksB };
}

/** Which tokens of each side are in a longest common subsequence. */
export function alignTokens(a: string[], b: string[]): { inA: boolean[]; inB: boolean[]; coarse: boolean } {
  const inA = a.map(() => false);
  const inB = b.map(() => false);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) inA[pre] = inB[pre++] = true;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    inA[a.length - 1 - suf] = inB[b.length - 1 - suf] = true;
    suf++;
  }
  const m = a.length - pre - suf;
  const n = b.length - pre - suf;
  if (m === 0 || n === 0) return { inA, inB, coarse: false };
  if (m * n > MAX_CELLS) return { inA, inB, coarse: true };
  // Suffix LCS lengths, row-major (m+1) × (n+1), then one walk from the top.
  const w = n + 1;
  const len = new Uint32Array((m + 1) * w);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      len[i * w + j] = a[pre + i] === b[pre + j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[pre + i] === b[pre + j]) {
      inA[pre + i] = inB[pre + j] = true;
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
    else j++;
  }
  return { inA, inB, coarse: false };
}
