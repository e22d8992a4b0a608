/**
 * Operations.of (idempotency.ts) reads a text's words in place in its chunk of
 * texts and makes a string only of a word that may be an HTTP method or a
 * verb; it must name the operation the plain reading names: every word of
 * /[A-Za-z][A-Za-z_-]*\/g in turn, an HTTP method anywhere winning over the
 * first verb (the table's or the user's, any case).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Operations } from '../../src/core/anomalies/idempotency';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { textOf, type Execution } from '../../src/core/model/execution';

const HTTP = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE', 'POST', 'PATCH', 'CONNECT']);
const VERBS = new Set(['set', 'put', 'delete', 'del', 'read', 'get', 'fetch', 'lookup', 'query', 'list', 'head', 'options', 'create', 'transfer', 'charge', 'pay', 'increment', 'incr', 'append', 'send', 'enqueue', 'insert', 'add', 'push', 'post', 'patch', 'refund', 'withdraw', 'deposit']);

/** The reading Operations.of had before it read in place: every word a string. */
function plainOf(x: Execution, e: number, overrides: ReadonlySet<string>): string | null {
  let verb: string | null = null;
  for (const w of textOf(x, e).match(/[A-Za-z][A-Za-z_-]*/g) ?? []) {
    if (HTTP.has(w)) return w;
    if (verb === null && (overrides.has(w.toLowerCase()) || VERBS.has(w.toLowerCase()))) verb = w.toLowerCase();
  }
  return verb;
}

const word = fc.oneof(
  fc.constantFrom(...HTTP, ...VERBS, 'Get', 'pOST', 'Charge', 'CHARGE', 'charge_card', 'set-key', 'xPUT', 'PUTx', 'reconcile', 'Reconcile', 'a', 'INFO', 'DEBUG'),
  fc.constantFrom('0', '42', ' ', '=', '/', '_', '-', '.', 'é', 'ü', '日', '\t'),
  fc.string({ maxLength: 5 }),
);
const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(''));

function execution(texts: string[]): Execution {
  const b = new ExecutionBuilder('ops');
  const p = b.process('api');
  texts.forEach((t, i) => b.addEvent(p, { text: t, input: 'a.log', line: i + 1 }));
  return b.build();
}

describe('Operations.of', () => {
  it('names the operation the plain reading of every word names', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), fc.boolean(), (texts, withOverrides) => {
        const x = execution(texts);
        const overrides: Record<string, boolean> = withOverrides ? { reconcile: false, 'Charge_Card ': true, x: true } : {};
        const ops = new Operations(x, overrides);
        const own = new Set(Object.keys(overrides).map((k) => k.trim().toLowerCase()));
        for (let e = 0; e < x.eventCount; e++) expect(ops.of(e)).toBe(plainOf(x, e, own));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads texts in every chunk of texts, at their edges', () => {
    // 600 texts: three chunks of 256, words running up to each text's end.
    const texts = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? `x ${i} POST` : i % 3 === 1 ? `charge${i % 2 ? '' : ' GET'}` : `Get-it put`));
    const x = execution(texts);
    const ops = new Operations(x);
    for (let e = 0; e < x.eventCount; e++) expect(ops.of(e)).toBe(plainOf(x, e, new Set()));
  });
});
