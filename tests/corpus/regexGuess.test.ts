/**
 * The regex guesser (input/shiviz/regexGuess.ts) on real logs nobody here
 * wrote: on every ShiViz example log of ../shared/corpus (which the built-in
 * readings also read) the guess from the head reads its records, each clock
 * counting its own host, with no line left over but the execution delimiters
 * and an upload header; on the Kubernetes documents and the page's samples
 * that carry no vector clock it offers nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guessShivizRegex } from '../../src/core/input/shiviz/regexGuess';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const present = existsSync(join(corpus, 'shiviz'));
if (!present) console.warn(`regex guess corpus tests skipped: ${corpus} is absent (it ships with CI and development checkouts only)`);
const samples = fileURLToPath(new URL('../../sample-logs/', import.meta.url));

const head = (path: string) => readFileSync(path).subarray(0, 64 << 10).toString('utf8');

describe.skipIf(!present)('regex guess on the corpus', () => {
  it('reads the records of every ShiViz example log from its head', () => {
    const files = readdirSync(join(corpus, 'shiviz')).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const guess = guessShivizRegex(head(join(corpus, 'shiviz', f)));
      expect(guess, f).not.toBeNull();
      const lines = guess!.sample.split('\n');
      const clocks = lines.filter((l) => /\{\s*"/.test(l) && !/\(\?<clock>/.test(l)).length;
      const delimiters = lines.filter((l) => /^=== .* ===$/.test(l) || /\(\?<clock>/.test(l)).length;
      expect(guess!.count.valid, `${f}: ${guess!.regex}`).toBe(clocks);
      expect(guess!.count.records, f).toBe(clocks);
      expect(guess!.count.stray, f).toBeLessThanOrEqual(delimiters);
    }
  });

  it('offers nothing for the Kubernetes documents or the samples without vector clocks', () => {
    const plain = [
      ...readdirSync(join(corpus, 'k8s')).map((f) => join(corpus, 'k8s', f)),
      ...readdirSync(samples, { recursive: true, encoding: 'utf8' })
        .map((f) => join(samples, f))
        .filter((p) => /\.(log|txt|json|jsonl|csv|ya?ml)$/.test(p) && !/-Log\.txt$/.test(p)),
    ];
    expect(plain.length).toBeGreaterThan(10);
    for (const p of plain) expect(guessShivizRegex(head(p)), p).toBeNull();
  });
});
