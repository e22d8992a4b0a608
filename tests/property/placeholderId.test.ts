import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholderId } from '../../src/core/correlate/messageConventions';

const NO_ID = ['', '-', 'null', 'nil', 'none', 'undefined', 'n/a'];
/** The definition: a placeholder, once trimmed and lower-cased. */
const reference = (v: string) => NO_ID.includes(v.trim().toLowerCase());

const spaces = fc.constantFrom('', ' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028');
const word = fc.oneof(fc.constantFrom(...NO_ID, 'NULL', 'Nil', 'N/A', 'UNDEFINED', 'm-1', 'nonce', 'u1', '-1', 'nul'), fc.string({ maxLength: 12 }));

describe('isPlaceholderId', () => {
  it('is the trimmed, lower-cased value being a placeholder, whatever the first character', () => {
    fc.assert(
      fc.property(spaces, word, spaces, (a, w, b) => {
        const v = a + w + b;
        expect(isPlaceholderId(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });
});
