/**
 * What became of a repeated request at its receiver: did it do the work
 * again, or recognize the repeat?
 *
 * A delivery's handler is read as the events of the receiving process after
 * the delivery, up to its next request delivery (of any key) or MAX_HANDLER
 * events, leaving out lines about another message key (another request's
 * work). Work is a line with a side-effect word (committed, charged, debited,
 * inserted, written…) or a write operation field, not worded as a failure
 * or a recognized repeat; or a send in the handler that went to a process
 * other than the requester (a downstream request). A repeat is recognized by
 * wording (duplicate, already processed, idempotent replay, stored
 * response…) or a dedup/duplicate/replay flag field, on any event under the
 * same key or in the handler of a later delivery.
 */
import type { MessageEnds } from '../correlate/messageEnds';
import { ID_FIELDS } from '../correlate/messageConventions';
import { type Execution, textOf } from '../model/execution';
import { fieldColumnIfAny } from './fieldColumn';

export const DEDUP_TEXT =
  /\b(duplicate|deduplicated|dedup(?:e|ed|licated|lication)?|already (?:processed|handled|seen|executed|applied|done|completed|charged|committed|exists)|idempotent[ -]?replay(?:ed)?|replayed|stored response|cached response|skipp(?:ed|ing) (?:repeat|duplicate|redelivered))\b/i;

export const WORK_TEXT =
  /\b(commit(?:s|ted)?|charg(?:ed|ing)|debit(?:ed|ing)?|credit(?:ed|ing)|wr(?:ote|itten|iting)|insert(?:ed|ing)?|updat(?:ed|ing)|sav(?:ed|ing)|persist(?:ed|ing)?|creat(?:ed|ing)|execut(?:ed|ing)|applied|applying|transferr(?:ed|ing)|paid|withdr[ae]wn?|deposit(?:ed)?|reserv(?:ed|ing)|book(?:ed|ing)|shipp(?:ed|ing)|refund(?:ed|ing)|enqueued|published|stored|deleted|incremented|appended)\b/i;

export const FAILURE_TEXT = /\b(?:fail(?:s|ed|ure|ing)?|errors?|timed? ?out|timeout|refused|abort(?:s|ed)?|rolled back|rollback|could not|cannot|unable)\b/i;

/**
 * Where none of FAILURE_TEXT, DEDUP_TEXT and WORK_TEXT matches, this (their
 * alternations in one, between the same word boundaries) does not either: a
 * handler's line, most often plain, is read once instead of three times.
 */
export const ANY_OUTCOME_TEXT = new RegExp(`\\b(?:${[FAILURE_TEXT, DEDUP_TEXT, WORK_TEXT].map((re) => re.source.slice(2, -2)).join('|')})\\b`, 'i');

const WRITE_OPS = new Set(['write', 'set', 'put', 'update', 'delete', 'insert', 'upsert', 'append', 'incr', 'increment', 'commit', 'charge', 'debit', 'credit']);
const OP_FIELDS = ['op', 'operation', 'action', 'cmd', 'command'] as const;

export const MAX_HANDLER = 50;

/** A field named for deduplication (`dedup`, `is_duplicate`, `replayed`), and a value that says yes. */
const DEDUP_KEY = /dedup|duplicate|replay/i;
const TRUE_TEXT = /^(true|1|yes)$/i;

/** Each event's out-edge receivers, CSR: outTo[outStart[e] .. outStart[e + 1]) (messageLinks.ts makes them). */
export interface OutEdges {
  outStart: Uint32Array;
  outTo: Uint32Array;
}

export class RetryOutcomes {
  /** null: no event carries an operation field. */
  private readonly op: Int32Array | null;
  private readonly isWriteOp: Int8Array;
  private readonly skipKeys: Set<number>;
  /**
   * Memos, as the same events and strings are asked about again (a handler is read for
   * the evidence, then for the work): per event, 0 not yet asked, 1 yes, 2 no (`deduped`,
   * `work`); per string id, the bits of VALUE_* and KEY_* below (0: not yet read).
   */
  private readonly deduped: Uint8Array;
  private readonly work: Uint8Array;
  /** Per event, 1 when its text is known to hold no word of ANY_OUTCOME_TEXT. */
  private readonly quiet: Uint8Array;
  private readonly stringBits: Uint8Array;
  /** Per event, what its text says where it was read ahead (rememberText): the bits of TEXT_* below, 0 not read. */
  private textBits: Uint8Array | null = null;
  /** Out-edge receivers per send: CSR. */
  private readonly outStart: Uint32Array;
  private readonly outTo: Uint32Array;

  constructor(
    private readonly x: Execution,
    private readonly ends: MessageEnds,
    /** Per event, 2 for a request delivery (retryRequests.ts marks, retries.ts decides). */
    private readonly request: Uint8Array,
    idemKeyFields: readonly string[],
    edges: OutEdges,
  ) {
    this.op = fieldColumnIfAny(x, OP_FIELDS);
    this.isWriteOp = new Int8Array(x.strings.size).fill(-1);
    this.skipKeys = new Set([...ID_FIELDS, ...idemKeyFields].map((f) => x.strings.find(f)).filter((id) => id >= 0));
    this.deduped = new Uint8Array(x.eventCount);
    this.work = new Uint8Array(x.eventCount);
    this.quiet = new Uint8Array(x.eventCount);
    this.stringBits = new Uint8Array(x.strings.size);
    this.outStart = edges.outStart;
    this.outTo = edges.outTo;
  }

  /**
   * The handler of delivery r is the events after it on its process, up to
   * the next delivery or MAX_HANDLER of them, less lines about another message.
   * Its first event that says the repeat was recognized, or -1.
   */
  dedupInHandler(r: number): number {
    return this.findInHandler(r, -2);
  }

  /** The first event of r's handler that did the operation's work, or -1. `requester`: the process that asked. */
  workOf(r: number, requester: number): number {
    return this.findInHandler(r, requester);
  }

  /** The handler read in place, no list made: requester -2 asks for a recognized repeat, else for work. */
  private findInHandler(r: number, requester: number): number {
    const { x, ends } = this;
    const proc = x.eventProc[r]!;
    const end = x.procStart[proc + 1]!;
    const g = ends.group[r]!;
    let taken = 0;
    for (let e = r + 1; e < end && taken < MAX_HANDLER; e++) {
      if (this.request[e] === 2) break;
      const h = ends.group[e]!;
      if (h >= 0 && h !== g && ends.role[e] === 0) continue; // a line about another message
      taken++;
      if (requester === -2) {
        if (this.saysDeduplicated(e)) return e;
        continue;
      }
      // A send downstream first: it needs no text read (either makes e the work).
      for (let i = this.outStart[e]!; i < this.outStart[e + 1]!; i++) {
        const p = x.eventProc[this.outTo[i]!]!;
        if (p !== requester && p !== proc) return e;
      }
      if (this.isWork(e)) return e;
    }
    return -1;
  }

  isWork(e: number): boolean {
    let w = this.work[e]!;
    if (w === 0) this.work[e] = w = this.readWork(e) ? 1 : 2;
    return w === 1;
  }

  private readWork(e: number): boolean {
    const { x } = this;
    if (this.quiet[e] === 1) return this.deduped[e] === 2 && this.isWriteOperation(e); // read for a repeat already: no wording at all
    const known = this.textBits === null ? 0 : this.textBits[e]!;
    if (known !== 0) {
      // As below, from what the text was found to say (rememberText).
      if ((known & TEXT_ANY) === 0) {
        if (this.deduped[e] === 0) this.deduped[e] = this.fieldsSayDeduplicated(e) ? 1 : 2;
        return this.deduped[e] === 2 && this.isWriteOperation(e);
      }
      if (known & TEXT_FAILURE || this.saysDeduplicated(e)) return false;
      if (known & TEXT_WORK) return true;
      return this.isWriteOperation(e);
    }
    const text = textOf(x, e);
    if (!ANY_OUTCOME_TEXT.test(text)) {
      // The text says no repeat: only the fields may.
      if (this.deduped[e] === 0) this.deduped[e] = this.fieldsSayDeduplicated(e) ? 1 : 2;
      return this.deduped[e] === 2 && this.isWriteOperation(e);
    }
    if (FAILURE_TEXT.test(text) || this.saysDeduplicated(e)) return false;
    if (WORK_TEXT.test(text)) return true;
    return this.isWriteOperation(e);
  }

  /** Whether e's operation field names a write. */
  private isWriteOperation(e: number): boolean {
    const { x } = this;
    const v = this.op === null ? -1 : this.op[e]!;
    if (v < 0) return false;
    let w = this.isWriteOp[v]!;
    if (w < 0) this.isWriteOp[v] = w = WRITE_OPS.has(x.strings.get(v).trim().toLowerCase()) ? 1 : 0;
    return w === 1;
  }

  /** Text or a non-id field value that says the repeat was recognized. */
  saysDeduplicated(e: number): boolean {
    let d = this.deduped[e]!;
    if (d === 0) this.deduped[e] = d = this.readDeduplicated(e) ? 1 : 2;
    return d === 1;
  }

  /**
   * Read with ANY_OUTCOME_TEXT first: most texts hold no outcome word at all (no slower to tell
   * than with DEDUP_TEXT), and such a text, marked quiet, is not read again for the work.
   */
  private readDeduplicated(e: number): boolean {
    const known = this.textBits === null ? 0 : this.textBits[e]!;
    if (known !== 0) {
      if ((known & TEXT_ANY) === 0) this.quiet[e] = 1;
      else if (known & TEXT_DEDUP) return true;
      return this.fieldsSayDeduplicated(e);
    }
    const text = textOf(this.x, e);
    if (!ANY_OUTCOME_TEXT.test(text)) this.quiet[e] = 1;
    else if (DEDUP_TEXT.test(text)) return true;
    return this.fieldsSayDeduplicated(e);
  }

  /**
   * What e's text says, found where its chunk is decoded anyway (retryTexts.ts): the handlers and
   * keys read after read no text for e. Each word test as the readers above would run it.
   */
  rememberText(e: number, text: string): void {
    const bits = (this.textBits ??= new Uint8Array(this.x.eventCount));
    let b = TEXT_READ;
    if (ANY_OUTCOME_TEXT.test(text)) {
      b |= TEXT_ANY;
      if (DEDUP_TEXT.test(text)) b |= TEXT_DEDUP;
      if (FAILURE_TEXT.test(text)) b |= TEXT_FAILURE;
      if (WORK_TEXT.test(text)) b |= TEXT_WORK;
    }
    bits[e] = b;
  }

  private fieldsSayDeduplicated(e: number): boolean {
    // Columns in locals: this runs for every event of every handler and key read.
    const { fieldStart, fieldKey, fieldValue } = this.x;
    const bits = this.stringBits;
    for (let i = fieldStart[e]!, end = fieldStart[e + 1]!; i < end; i++) {
      const ks = fieldKey[i]!;
      const known = ks < bits.length ? bits[ks]! : 0;
      const k = known !== 0 ? known : this.readBits(ks);
      if (k & KEY_SKIPPED) continue;
      const vs = fieldValue[i]!;
      const knownValue = vs < bits.length ? bits[vs]! : 0;
      const v = knownValue !== 0 ? knownValue : this.readBits(vs);
      if (v & VALUE_SAYS_DEDUP) return true;
      if (k & KEY_NAMES_DEDUP && v & VALUE_TRUE) return true;
    }
    return false;
  }

  /** What string id s says, as a key and as a value (read once per id; the loop above reads the memo itself). */
  private readBits(s: number): number {
    const t = this.x.strings.get(s);
    let b = READ;
    if (this.skipKeys.has(s)) b |= KEY_SKIPPED;
    if (DEDUP_KEY.test(t)) b |= KEY_NAMES_DEDUP;
    if (DEDUP_TEXT.test(t)) b |= VALUE_SAYS_DEDUP;
    if (TRUE_TEXT.test(t.trim())) b |= VALUE_TRUE;
    if (s < this.stringBits.length) this.stringBits[s] = b;
    return b;
  }
}

const READ = 1;
const KEY_SKIPPED = 2;
const KEY_NAMES_DEDUP = 4;
const VALUE_SAYS_DEDUP = 8;
const VALUE_TRUE = 16;

const TEXT_READ = 1;
const TEXT_ANY = 2;
const TEXT_DEDUP = 4;
const TEXT_FAILURE = 8;
const TEXT_WORK = 16;
