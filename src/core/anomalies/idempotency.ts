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
import type { Execution } from '../model/execution';
import { fieldColumnIfAny } from './fieldColumn';
import { textOf } from '../model/execution';

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

const WORDS = /[A-Za-z][A-Za-z_-]*/g;

export class Operations {
  /** null: no event carries an operation field. */
  private readonly column: Int32Array | null;
  private readonly overrides = new Map<string, boolean>();

  constructor(
    private readonly x: Execution,
    overrides: Record<string, boolean> = {},
  ) {
    this.column = fieldColumnIfAny(x, OPERATION_FIELDS);
    for (const [op, idem] of Object.entries(overrides)) this.overrides.set(op.trim().toLowerCase(), idem);
  }

  /** The operation of e as written (field value or text word), or null. */
  of(e: number): string | null {
    const v = this.column === null ? -1 : this.column[e]!;
    if (v >= 0) {
      const s = this.x.strings.get(v).trim();
      if (s) return s;
    }
    // One pass: an HTTP method anywhere wins, else the first verb.
    const words = textOf(this.x, e).match(WORDS) ?? [];
    let verb: string | null = null;
    for (const w of words) {
      // HTTP methods are 3 to 7 capitals: most words are looked up in no table.
      const c = w.charCodeAt(0);
      if (c >= 65 && c <= 90 && w.length <= 7 && HTTP_METHODS.has(w)) return w;
      if (verb === null) {
        const lw = w.toLowerCase();
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
