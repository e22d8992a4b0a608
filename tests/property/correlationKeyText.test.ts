/**
 * A proposed rule's keyText reads the id the correlations found: on random
 * texts of id-like pieces glued by separators (uuids inside and outside
 * `req-` ids, `xreq-` lookalikes, ids run into words, long hex runs, block
 * ids), the first id the scanner reports of a kind is exactly what that
 * kind's keyText (correlationTokens.keyTextFor) takes from the text; and for
 * random user patterns (a capturing group or none, non-capturing groups,
 * lookaheads, escaped and bracketed parentheses before the id), keyText takes
 * the value the scanner takes (group 1, else the whole match).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCorrelationPatterns, keyTextFor, scanTokens, TokenKind } from '../../src/core/correlate/correlationTokens';

const HEX = '0123456789abcdefABCDEF';
const hexArb = (n: number) => fc.array(fc.constantFrom(...HEX), { minLength: n, maxLength: n }).map((a) => a.join(''));
const uuidArb = fc.tuple(hexArb(8), hexArb(4), hexArb(4), hexArb(4), hexArb(12)).map((p) => p.join('-'));
const pieceArb = fc.oneof(
  uuidArb,
  uuidArb.map((u) => `req-${u}`),
  uuidArb.map((u) => `xreq-${u}`),
  uuidArb.map((u) => `${u}x`),
  hexArb(32),
  hexArb(33),
  fc.integer({ min: -99999, max: 99999 }).map((n) => `blk_${n}`),
  fc.constantFrom('req', 'req-', 'blk_', 'instance', 'GET', 'a_b', '42'),
);
const SEPARATORS = [' ', '[', ']', '/', ':', '-', '_', '(', ') ', '=', ''];
const textArb = fc.array(fc.tuple(pieceArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 6 }).map((ps) => ps.map(([p, s]) => p + s).join(''));

/** The first value the scanner reports of `kind`, as written in the text (the scanner lower-cases hex ids). */
function firstOfKind(text: string, kind: number, user: string[] = []): string | undefined {
  const { patterns } = compileCorrelationPatterns(user);
  let out: string | undefined;
  scanTokens(text, patterns, (_v, k, start, end) => {
    if (out === undefined && k === kind) out = text.slice(start, end);
  });
  return out;
}

function keyTextValue(text: string, kind: number, user: string[] = []): string | undefined {
  const { keyText, key } = keyTextFor(kind, user);
  const name = /^\$\{(.+)\}$/.exec(key)![1]!;
  return new RegExp(keyText).exec(text)?.groups?.[name];
}

describe('keyText reads what the correlations found', () => {
  it('for each built-in kind: the first id of that kind in the text', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const kind of [TokenKind.Request, TokenKind.Block, TokenKind.Uuid, TokenKind.TraceHex]) {
          expect(keyTextValue(text, kind), `${kind} in ${text}`).toBe(firstOfKind(text, kind));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('for user patterns: their first group, else the whole match', () => {
    const before = fc.constantFrom('', 'ORDER#', '(?:ORDER#|order )', '\\(', '[(]x[)]', '(?=[A-Z])', 'T\\d?');
    const idPart = fc.constantFrom('[A-Z]-\\d+', '\\d+', '[a-z]{2}\\d');
    const after = fc.constantFrom('', '(?:\\.|$)', '(?!\\d)', '\\b');
    const form = fc.constantFrom('group', 'named', 'none');
    const patternArb = fc.tuple(before, idPart, after, form).map(([b, id, a, f]) => (f === 'group' ? `${b}(${id})${a}` : f === 'named' ? `${b}(?<tk>${id})${a}` : `${b}${id}${a}`));
    const userText = fc
      .array(fc.constantFrom('ORDER#A-17', 'order B-2', '(x)ab1', '(Q-9', 'T4Z-3', '77', 'ab', ' ', '.', 'zz9'), { minLength: 1, maxLength: 6 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(patternArb, userText, (pattern, text) => {
        const kind = TokenKind.User;
        const re = new RegExp(pattern);
        const m = re.exec(text);
        // The scanner's value: group 1 where it took part, else the whole match (empty matches skipped).
        const scanned = m && m[0] !== '' ? (m[1] ?? m[0]) : undefined;
        if (scanned === undefined || scanned === '') return;
        expect(keyTextValue(text, kind, [pattern]), `${pattern} on ${text}`).toBe(scanned);
      }),
      { numRuns: 400 },
    );
  });
});
