/**
 * What operation an event performs, and whether repeating it is safe.
 *
 * The operation is an operation field (method, op, operation, verb, action),
 * else an HTTP method written in capitals anywhere in the text, else the
 * first known verb in the text. HTTP methods follow RFC 9110 §9.2.2: GET,
 * HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent; POST, PATCH and
 * CONNECT are not. Verbs: set, put, delete and read-like verbs are
 * idempotent; create, transfer, charge, pay, increment, append, send and
 * enqueue (and close kin such as incr, insert, add, push) are not. A user
 * table (AnalyzeOptions.idempotency, case-insensitive) overrides both and
 * may name operations of its own.
 */
import { holdText, type Execution } from '../model/execution';
import { fieldColumnIfAny } from './fieldColumn';

export const OPERATION_FIELDS = ['method', 'op', 'operation', 'verb', 'action'] as const;

const HTTP_METHODS: ReadonlyMap<string, boolean> = new Map([
  ['GET', true],
  ['HEAD', true],
  ['OPTIONS', true],
  ['TRACE', true],
  ['PUT', true],
  ['DELETE', true],
  ['POST', false],
  ['PATCH', false],
  ['CONNECT', false],
]);

const VERBS: ReadonlyMap<string, boolean> = new Map([
  ...['set', 'put', 'delete', 'del', 'read', 'get', 'fetch', 'lookup', 'query', 'list', 'head', 'options'].map((v) => [v, true] as const),
  ...['create', 'transfer', 'charge', 'pay', 'increment', 'incr', 'append', 'send', 'enqueue', 'insert', 'add', 'push', 'post', 'patch', 'refund', 'withdraw', 'deposit'].map(
    (v) => [v, false] as const,
  ),
]);

/** A word as `/[A-Za-z][A-Za-z_-]*\/g` reads them: its first character, then the rest (by UTF-16 code). */
function isWordHead(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isWordTail(c: number): boolean {
  return isWordHead(c) || c === 95 || c === 45;
}

export class Operations {
  /** null: no event carries an operation field. */
  private readonly column: Int32Array | null;
  private readonly overrides = new Map<string, boolean>();
  /** The shortest and longest verb (the table's and the user's): a word of another length is no verb. */
  private readonly shortestVerb: number;
  private readonly longestVerb: number;
  /** Text words read ahead (rememberWord): per event, its text's operation word or null. */
  private readonly words = new Map<number, string | null>();

  constructor(
    private readonly x: Execution,
    overrides: Record<string, boolean> = {},
  ) {
    this.column = fieldColumnIfAny(x, OPERATION_FIELDS);
    for (const [op, idem] of Object.entries(overrides)) this.overrides.set(op.trim().toLowerCase(), idem);
    const lengths = [...VERBS.keys(), ...this.overrides.keys()].map((v) => v.length);
    this.shortestVerb = Math.min(...lengths);
    this.longestVerb = Math.max(...lengths);
  }

  /** The operation of e as written (field value or text word), or null. */
  of(e: number): string | null {
    const v = this.column === null ? -1 : this.column[e]!;
    if (v >= 0) {
      const s = this.x.strings.get(v).trim();
      if (s) return s;
    }
    const known = this.words.get(e);
    if (known !== undefined) return known;
    const text = holdText(this.x, e);
    return this.wordIn(text.s, text.from, text.to);
  }

  /**
   * The operation word of e's text, read where its chunk is decoded anyway (retryTexts.ts):
   * `of` then reads no text for e. Only for an event whose text is chunk[from, to).
   */
  rememberWord(e: number, chunk: string, from: number, to: number): void {
    this.words.set(e, this.wordIn(chunk, from, to));
  }

  /**
   * One pass over the words of chunk[from, to), read in place: an HTTP method anywhere wins, else
   * the first verb. Only a word that may be one is made a string: HTTP methods are 3 to 7 capitals.
   */
  private wordIn(chunk: string, from: number, to: number): string | null {
    const shortest = this.shortestVerb;
    const longest = this.longestVerb;
    let verb: string | null = null;
    for (let i = from; i < to; ) {
      if (!isWordHead(chunk.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      for (i++; i < to && isWordTail(chunk.charCodeAt(i)); i++);
      const length = i - start;
      const c = chunk.charCodeAt(start);
      if (c <= 90 && length >= 3 && length <= 7) {
        const w = chunk.slice(start, i);
        if (HTTP_METHODS.has(w)) return w;
      }
      if (verb === null && length >= shortest && length <= longest) {
        const lw = chunk.slice(start, i).toLowerCase();
        if (this.overrides.has(lw) || VERBS.has(lw)) verb = lw;
      }
    }
    return verb;
  }

  /** Whether op may be repeated safely; null when nothing says. */
  idempotent(op: string): boolean | null {
    const lw = op.trim().toLowerCase();
    const known = this.overrides.get(lw) ?? HTTP_METHODS.get(lw.toUpperCase()) ?? VERBS.get(lw);
    if (known !== undefined) return known;
    // "charge_card", "POST /pay": the leading word decides
    const head = /^[a-z]+/.exec(lw)?.[0];
    if (!head || head === lw) return null;
    return this.overrides.get(head) ?? HTTP_METHODS.get(head.toUpperCase()) ?? VERBS.get(head) ?? null;
  }
}
