/**
 * Two executions compared lane by lane (a good run and a bad one, say).
 * Processes are matched by name. Within a matched pair each event becomes a
 * token, its kind and its template, interned to an integer, and the two token
 * sequences are aligned by Myers' O(ND) diff (base/myersDiff.ts): events
 * outside the common subsequence differ. A process present on one side only
 * differs entirely.
 *
 * Runs repeat with new ids, ports and timestamps in their text; by default an
 * event's template is its text with ids and numbers masked (the correlation
 * proposals' maskTemplate, plus hex ids of 8 or more digits and letters), so
 * only a change of shape counts.
 *
 * Each run of differing events is a hunk: "only in A" (events of A with none
 * of B in their place), "only in B", or "differs" (events of both sides in
 * the same place). The first MAX_HUNKS are listed with their first texts.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { myersDiff } from '../base/myersDiff';
import { maskTemplate } from '../correlate/correlationTokens';
import { type Execution, textOf } from '../model/execution';

export type ProcessDiffStatus = 'same' | 'differs' | 'only-a' | 'only-b';
export type HunkKind = 'only-a' | 'only-b' | 'differs';

export interface ProcessDiff {
  name: string;
  status: ProcessDiffStatus;
  eventsA: number;
  eventsB: number;
  /** Events marked as differing, per side. */
  differA: number;
  differB: number;
  /** Part of the lane was too different to align within the budget and was marked whole. */
  coarse: boolean;
}

/** One run of differing events: events [fromA, fromA+countA) of A in place of [fromB, fromB+countB) of B. */
export interface DiffHunk {
  process: string;
  kind: HunkKind;
  /** Event indices in their execution; a side with count 0 gives where the other side's events would go. */
  fromA: number;
  countA: number;
  fromB: number;
  countB: number;
  /** The first event's text on each side ('' where the side has none). */
  textA: string;
  textB: string;
}

export interface ExecutionDiff {
  a: string;
  b: string;
  processes: ProcessDiff[];
  /** Per event of A (B): 1 where it differs. */
  marksA: Uint8Array;
  marksB: Uint8Array;
  /** The first MAX_HUNKS hunks, by process then place. */
  hunks: DiffHunk[];
  /** All hunks, listed or not. */
  hunkCount: number;
}

export interface DiffOptions {
  /** Compare event templates, ids and numbers masked (default true), rather than texts as written. */
  ignoreNumbers?: boolean;
}

export const MAX_HUNKS = 1000;

/** Hex ids the correlation scanner leaves (span ids, short hashes): 8+ hex characters holding a digit, not part of a uuid. */
const HEX_ID = /(?<![-\w])(?=[0-9a-f]*\d)[0-9a-f]{8,}(?![-\w])/gi;

/** An event text as the comparison sees it: ids and numbers masked. */
export function eventTemplate(text: string): string {
  return maskTemplate(text.replace(HEX_ID, '<id>'), []);
}

export function diffExecutions(ra: ExecutionResult, rb: ExecutionResult, options: DiffOptions = {}): ExecutionDiff {
  const a = ra.execution;
  const b = rb.execution;
  const norm = options.ignoreNumbers === false ? (t: string) => t : eventTemplate;
  const ids = new Map<string, number>();
  const tokensOf = (x: Execution, from: number, to: number): Int32Array => {
    const out = new Int32Array(to - from);
    for (let e = from; e < to; e++) {
      const key = `${x.eventKind[e]!}\u0000${norm(textOf(x, e))}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      out[e - from] = id;
    }
    return out;
  };
  const marksA = new Uint8Array(a.eventCount);
  const marksB = new Uint8Array(b.eventCount);
  const hunks: DiffHunk[] = [];
  let hunkCount = 0;
  const indexA = new Map(a.processNames.map((n, p) => [n, p]));
  const indexB = new Map(b.processNames.map((n, p) => [n, p]));
  const names = [...new Set([...a.processNames, ...b.processNames])].sort();
  const processes: ProcessDiff[] = names.map((name) => {
    const pa = indexA.get(name);
    const pb = indexB.get(name);
    const loA = pa === undefined ? 0 : a.procStart[pa]!;
    const hiA = pa === undefined ? 0 : a.procStart[pa + 1]!;
    const loB = pb === undefined ? 0 : b.procStart[pb]!;
    const hiB = pb === undefined ? 0 : b.procStart[pb + 1]!;
    ids.clear();
    const { matchedA, matchedB, coarse } = myersDiff(tokensOf(a, loA, hiA), tokensOf(b, loB, hiB));
    let differA = 0;
    let differB = 0;
    // Matched tokens pair up in order; between two pairs lies one hunk.
    let i = 0;
    let j = 0;
    while (i < matchedA.length || j < matchedB.length) {
      if (i < matchedA.length && j < matchedB.length && matchedA[i] === 1 && matchedB[j] === 1) {
        i++;
        j++;
        continue;
      }
      const i0 = i;
      const j0 = j;
      while (i < matchedA.length && matchedA[i] === 0) marksA[loA + i++] = 1;
      while (j < matchedB.length && matchedB[j] === 0) marksB[loB + j++] = 1;
      differA += i - i0;
      differB += j - j0;
      hunkCount++;
      if (hunks.length < MAX_HUNKS) {
        hunks.push({
          process: name,
          kind: i === i0 ? 'only-b' : j === j0 ? 'only-a' : 'differs',
          fromA: loA + i0,
          countA: i - i0,
          fromB: loB + j0,
          countB: j - j0,
          textA: i > i0 ? textOf(a, loA + i0) : '',
          textB: j > j0 ? textOf(b, loB + j0) : '',
        });
      }
    }
    const status: ProcessDiffStatus =
      pa === undefined ? 'only-b' : pb === undefined ? 'only-a' : differA + differB > 0 ? 'differs' : 'same';
    return { name, status, eventsA: hiA - loA, eventsB: hiB - loB, differA, differB, coarse };
  });
  return { a: a.name, b: b.name, processes, marksA, marksB, hunks, hunkCount };
}
