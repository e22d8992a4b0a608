/**
 * The texts a retry search reads, read ahead in event order. Where texts are
 * read back from their files (model/fileTexts.ts), a text asked for alone is
 * one small read of its file; the retry search asks for a hundred thousand
 * of them at a million events (each unit's operation word, its deliveries'
 * handlers, every event under its key), spread over every chunk. Once the
 * units that may be retries are known (each with a source), the events
 * whose texts can be asked for are known too, a superset: their units'
 * sends and receives (the operation), the handler of each receive
 * (retryOutcome.ts reads the same events, less its early stops), and every
 * event under a unit's message group or idempotency key (retryEvidence.ts).
 * When they are many, the pass over every text (textSearches.ts) hands
 * each chunk here while it is decoded anyway, and what each of their texts
 * says is remembered (the operation word, idempotency.ts; the outcome word
 * tests, retryOutcome.ts): the same tests on the same texts, so the
 * findings are the same. An event not read ahead is read alone as before.
 * Texts held in the heap (the page's) are read in place already: nothing is
 * read ahead.
 */
import { endOf } from '../base/chunkedStrings';
import type { MessageEnds } from '../correlate/messageEnds';
import type { Execution } from '../model/execution';
import { FileTextChunks } from '../model/fileTexts';
import type { Operations } from './idempotency';
import { MAX_HANDLER, type RetryOutcomes } from './retryOutcome';
import type { RetryUnit } from './retryUnits';

const WANT_OPERATION = 1;
const WANT_OUTCOME = 2;

/**
 * Read ahead only when at least one event in READ_AHEAD_SHARE may be asked for: fewer cost
 * little read alone, less than the tests on every text of the superset (more than are asked for).
 */
const READ_AHEAD_SHARE = 16;

/** Given each chunk of texts in order, c's texts of events [first, end). */
export type ReadAhead = (chunk: string, first: number, end: number) => void;

/** What reads ahead the texts the retry search can ask for, or null when none should be. */
export function retryTextsAhead(
  x: Execution,
  ends: MessageEnds,
  idem: Int32Array | null,
  /** Per event, 2 for a request delivery (as RetryOutcomes reads it). */
  request: Uint8Array,
  units: readonly RetryUnit[],
  ops: Operations,
  outcomes: RetryOutcomes,
): ReadAhead | null {
  if (!(x.textChunks instanceof FileTextChunks) || units.length === 0) return null;
  const n = x.eventCount;
  const want = new Uint8Array(n);
  const wanted = markWanted(x, ends, idem, request, units, want);
  if (wanted * READ_AHEAD_SHARE < n) return null;
  const { textStart } = x;
  return (chunk, first, end) => {
    for (let e = first; e < end; e++) {
      const w = want[e]!;
      if (w === 0) continue;
      const from = textStart[e]!;
      const to = endOf(chunk, textStart, n, e);
      if (w & WANT_OPERATION) ops.rememberWord(e, chunk, from, to);
      if (w & WANT_OUTCOME) outcomes.rememberText(e, chunk.slice(from, to));
    }
  };
}

/** Marks the events whose texts the search can ask for; returns how many. */
function markWanted(x: Execution, ends: MessageEnds, idem: Int32Array | null, request: Uint8Array, units: readonly RetryUnit[], want: Uint8Array): number {
  const { group } = ends;
  const underKey = new Uint8Array(ends.groupCount);
  const idemKeys = new Set<number>();
  const mark = (e: number) => {
    want[e]! |= WANT_OPERATION;
    if (group[e]! >= 0) underKey[group[e]!] = 1;
    if (idem !== null && idem[e]! >= 0) idemKeys.add(idem[e]!);
  };
  for (const u of units) {
    for (const e of u.sends) mark(e);
    for (const r of u.recvs) {
      mark(r);
      markHandler(x, ends, request, r, want);
    }
  }
  let wanted = 0;
  for (let e = 0, n = x.eventCount; e < n; e++) {
    const g = group[e]!;
    if ((g >= 0 && underKey[g] === 1) || (idem !== null && idem[e]! >= 0 && idemKeys.has(idem[e]!))) want[e]! |= WANT_OUTCOME;
    if (want[e] !== 0) wanted++;
  }
  return wanted;
}

/** The events RetryOutcomes reads as delivery r's handler (its findInHandler, without the early stops). */
function markHandler(x: Execution, ends: MessageEnds, request: Uint8Array, r: number, want: Uint8Array): void {
  const end = x.procStart[x.eventProc[r]! + 1]!;
  const g = ends.group[r]!;
  let taken = 0;
  for (let e = r + 1; e < end && taken < MAX_HANDLER; e++) {
    if (request[e] === 2) break;
    const h = ends.group[e]!;
    if (h >= 0 && h !== g && ends.role[e] === 0) continue;
    taken++;
    want[e]! |= WANT_OUTCOME;
  }
}
