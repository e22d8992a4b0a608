/**
 * detectPrefix stops reading a head once no prefix kind can still be on
 * SHARE of its lines; it must answer as a read of every line would, near the
 * share's edge too (heads that are mostly one prefix, with other prefixes and
 * plain lines mixed in anywhere, the last line included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPrefix, type SourceChoice } from '../../src/core/input/textLog/sourceColumn';
import { isKubectlPrefix, newSpans, readBracketPrefix, readComposePrefix, readFilePrefix, readPodContainer } from '../../src/core/input/textLog/sourceShapes';

const SHAPES = {
  kubectl: (i: number) => `[pod/web-7f9c-x2k4p/nginx] 2026-03-14T09:26:53.${String(i % 1000).padStart(3, '0')}Z GET /pay ${i}`,
  bracket: (i: number) => `[api-5d6f-q8w2e/app] 2026-03-14T09:26:53.${String(i % 1000).padStart(3, '0')}Z charging card ${i}`,
  compose: (i: number) => `${i % 2 ? 'web-1 ' : 'db_1  '} | 2026-03-14T09:26:53.100Z listening ${i}`,
  file: (i: number) => `${i % 2 ? 'api.log' : 'worker.log'}:2026-03-14T09:26:53.200Z picked job ${i}`,
  stern: (i: number) => `${i % 3 ? 'web-7f9c-x2k4p nginx' : 'api-5d6f-q8w2e app'} 2026-03-14T09:26:53.300Z GET /x ${i}`,
  plain: (i: number) => `2026-03-14T09:26:53.400Z INFO served request ${i}`,
  words: (i: number) => `started worker pool with ${i} threads`,
} as const;
type Shape = keyof typeof SHAPES;
const NAMES = Object.keys(SHAPES) as Shape[];

/** The head read to its end, every kind counted on every line (detectPrefix before it stopped early). */
function everyLine(lines: readonly string[]): SourceChoice | null {
  const spans = newSpans();
  let [bracket, kubectl, compose, file, stern] = [0, 0, 0, 0, 0];
  for (const l of lines) {
    if (readBracketPrefix(l, 0, l.length, spans)) {
      bracket++;
      if (isKubectlPrefix(l, 0)) kubectl++;
    } else if (readComposePrefix(l, 0, l.length, spans)) compose++;
    else if (readFilePrefix(l, 0, l.length, spans)) file++;
    if (readPodContainer(l, 0, l.length, spans)) stern++;
  }
  const n = lines.length;
  // The answer for the kinds the counts decide alone; stern also asks detectPrefix's own pair test.
  if (bracket >= n * 0.9) return { id: kubectl * 2 > bracket ? 'kubectl --prefix' : '[pod/container] prefix', kind: 'bracket' };
  if (compose >= n * 0.9) return { id: 'docker compose', kind: 'compose' };
  if (file >= n * 0.9) return { id: 'file name', kind: 'file' };
  if (n >= 4 && stern >= n * 0.9) return { id: 'stern', kind: 'stern' };
  return null;
}

describe('detectPrefix', () => {
  it('answers as reading every line would, however many lines lack the prefix and wherever they are', () => {
    const head = fc
      .record({
        main: fc.constantFrom<Shape>(...NAMES),
        n: fc.integer({ min: 1, max: 320 }),
        // Mostly around the 90 % edge: 0–20 % of lines another shape.
        others: fc.array(fc.tuple(fc.nat(), fc.constantFrom<Shape>(...NAMES)), { maxLength: 64 }),
      })
      .map(({ main, n, others }) => {
        const shapes: Shape[] = Array.from({ length: n }, () => main);
        for (const [at, s] of others) shapes[at % n] = s;
        return shapes.map((s, i) => SHAPES[s](i));
      });
    fc.assert(
      fc.property(head, (lines) => {
        const got = detectPrefix(lines);
        const want = everyLine(lines.slice(0, 300));
        // Stern is also asked whether its pod/container pairs recur: only a stern answer may be turned down by that.
        if (want?.kind === 'stern') expect(got === null || got.kind === 'stern').toBe(true);
        else expect(got).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a prefix on 90 % of the lines even when the lines without it come first', () => {
    const lines = Array.from({ length: 100 }, (_, i) => (i < 10 ? SHAPES.plain(i) : SHAPES.compose(i)));
    expect(detectPrefix(lines)?.kind).toBe('compose');
    lines[10] = SHAPES.plain(10);
    expect(detectPrefix(lines)).toBeNull();
  });
});
