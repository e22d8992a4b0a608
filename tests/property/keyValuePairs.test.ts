import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hintBytes, KeyValueScanner, keyValuePairsIn } from '../../src/core/input/keyValuePairs';

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

/** Every pair KeyValueScanner gives, as spans, with the hints `hint(i)` gives for pair i. */
function spans(text: string, hint: (i: number) => [string, string]): { key: string; value: string; escaped: boolean; hinted: [boolean, boolean] }[] {
  const sc = new KeyValueScanner();
  sc.reset(text);
  const out: { key: string; value: string; escaped: boolean; hinted: [boolean, boolean] }[] = [];
  for (;;) {
    const [key, value] = hint(out.length);
    if (!sc.next(hintBytes(key), hintBytes(value))) break;
    out.push({ key: text.slice(sc.keyStart, sc.keyEnd), value: text.slice(sc.valueStart, sc.valueEnd), escaped: sc.escaped, hinted: [sc.keyExpected, sc.valueExpected] });
  }
  return out;
}

// Text with many whole pairs among the grammar's characters, so expectations are often met (or nearly).
const pairPiece = fc.constantFrom(' req_id=abc', ' to=ledger', ' a=9', ' k=k.', '(to=a)', ' x.y-z="x y"', ' ak=to', 'Z_9=a');
const pairTextArb = fc.array(fc.oneof(piece, pairPiece, pairPiece), { maxLength: 24 }).map((p) => p.join(''));

describe('KeyValueScanner with an expected key and value', () => {
  it('finds the same pairs whatever it is told to expect, and says it met the expectation only where it did', () => {
    let keysMet = 0;
    let valuesMet = 0;
    const hintArb = fc.array(fc.tuple(fc.constantFrom('', 'a', 'k', 'req_id', 'to', 'x.y-z', 'ak', 'Z_9'), fc.constantFrom('', 'a', '9', 'k.', 'ledger', 'abc', 'x y', '"', 'to')), { maxLength: 8 });
    fc.assert(
      fc.property(pairTextArb, hintArb, (text, hints) => {
        const plain = spans(text, () => ['', '']);
        const hinted = spans(text, (i) => hints[i] ?? ['', '']);
        const strip = (l: typeof plain) => l.map(({ key, value, escaped }) => ({ key, value, escaped }));
        expect(strip(hinted)).toEqual(strip(plain));
        hinted.forEach(({ key, value, hinted: [k, v] }, i) => {
          const [hk, hv] = hints[i] ?? ['', ''];
          if (k) expect(key).toBe(hk);
          if (v) expect(k && value === hv).toBe(true);
          keysMet += k ? 1 : 0;
          valuesMet += v ? 1 : 0;
        });
      }),
      { numRuns: 20000 },
    );
    // Not vacuous: expectations are met often enough to matter.
    expect(keysMet).toBeGreaterThan(500);
    expect(valuesMet).toBeGreaterThan(100);
  });

  it('takes a repeated key and value by the hint', () => {
    const text = 'sent req_id=abc to=ledger.';
    expect(spans(text, (i) => (i === 0 ? ['req_id', 'abc'] : ['to', 'ledger']))).toEqual([
      { key: 'req_id', value: 'abc', escaped: false, hinted: [true, true] },
      // A value with sentence punctuation after it is read the long way: the hint is only a shortcut.
      { key: 'to', value: 'ledger', escaped: false, hinted: [true, false] },
    ]);
  });
});
