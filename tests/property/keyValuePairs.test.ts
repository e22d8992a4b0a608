import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyValuePairsIn } from '../../src/core/input/keyValuePairs';

// The regex keyValuePairsIn's scanner replaced, kept as the reference it must agree with.
const PAIR_IN_TEXT = /(?:^|[\s([{,;|])([A-Za-z_][\w.-]*)=(?!=)("(?:[^"\\]|\\.)*"?|[^\s"]*)/g;
const TRAILING_PUNCT = /[.,;:!?)\]}'>]+$/;

function reference(text: string): [string, string][] {
  if (!text.includes('=')) return [];
  const out: [string, string][] = [];
  const seen = new Set<string>();
  PAIR_IN_TEXT.lastIndex = 0;
  for (let m = PAIR_IN_TEXT.exec(text); m; m = PAIR_IN_TEXT.exec(text)) {
    const key = m[1]!;
    const raw = m[2]!;
    let value: string;
    if (raw.startsWith('"')) {
      value = unquote(raw);
    } else {
      value = raw.replace(TRAILING_PUNCT, '');
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([key, value]);
  }
  return out;
}

function unquote(raw: string): string {
  let value = '';
  let runStart = 1;
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') return value + raw.slice(runStart, i);
    if (c === '\\' && i + 1 < raw.length) {
      value += raw.slice(runStart, i);
      const e = raw[i + 1]!;
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      i++;
      runStart = i + 1;
    }
  }
  return raw.slice(1);
}

// Text made of the characters that matter to the grammar, so pairs, quotes and escapes are common.
const piece = fc.constantFrom(
  'a', 'k', 'Z', '_', '9', '.', '-', '=', '==', '"', '\\', '\\"', ' ', '\t', '\n', '\r', '\u2028', '\u00a0', '\u3000',
  '(', '[', '{', ',', ';', '|', ':', '!', '?', ')', ']', '}', "'", '>', 'req_id', 'to', 'x.y-z', 'é', '\ufeff',
);
const textArb = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

describe('keyValuePairsIn', () => {
  it('finds what the reference regex finds', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(keyValuePairsIn(text)).toEqual(reference(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('reads the usual message shapes', () => {
    for (const text of [
      'sent req_id=abc to=ledger.',
      'a=1 a=2 b="x \\"y\\" z" c="unterminated',
      '(k=v) [q=r], s=t; u=v|w=x',
      'a==b c=d e="x\\\ny" f=',
      'x=1\u00a0y=2',
    ]) {
      expect(keyValuePairsIn(text)).toEqual(reference(text));
    }
  });
});
