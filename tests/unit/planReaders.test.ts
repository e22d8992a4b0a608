import { describe, expect, it } from 'vitest';
import { planReaders, readerOptions } from '../../src/core/parallel/planReaders';
import { CLI_FIRST_WEIGHT, defaultReaders, PARALLEL_MIN_BYTES } from '../../src/core/parallel/splitInputs';

const big = [
  { name: 'b.log', size: 40 * 1024 * 1024 },
  { name: 'a.log', size: 40 * 1024 * 1024 },
];
const small = [
  { name: 'b.log', size: 10 },
  { name: 'a.log', size: 10 },
];

describe('planReaders (the page and the CLI)', () => {
  it('uses the cores but one from PARALLEL_MIN_BYTES on, unless a count is forced', () => {
    expect(readerOptions({ cores: 8 })).toEqual({ workers: defaultReaders(8), minBytes: PARALLEL_MIN_BYTES, firstWeight: 1 });
    expect(readerOptions({ cores: 8, forced: '2' })).toEqual({ workers: 2, minBytes: 0, firstWeight: 1 });
    for (const junk of ['', '0', '-1', '1.5', 'two', null, undefined]) expect(readerOptions({ cores: 3, forced: junk })).toEqual({ workers: 2, minBytes: PARALLEL_MIN_BYTES, firstWeight: 1 });
  });

  it('splits big inputs in name order, keeps small ones and one-core machines in one reader', () => {
    expect(planReaders(big, { cores: 3 })?.map((g) => g.map((i) => i.name))).toEqual([['a.log'], ['b.log']]);
    expect(planReaders(big, { cores: 2 })).toBeNull();
    expect(planReaders(small, { cores: 8 })).toBeNull();
    expect(planReaders(small, { cores: 1, forced: '2' })?.map((g) => g.map((i) => i.name))).toEqual([['a.log'], ['b.log']]);
  });

  it('gives the CLI’s own thread a heavier first group, and the page equal groups', () => {
    const files = Array.from({ length: 16 }, (_, i) => ({ name: `p${String(i).padStart(2, '0')}.log`, size: 6.5 * 1024 * 1024 }));
    expect(planReaders(files, { cores: 2, forced: '2' })?.map((g) => g.length)).toEqual([8, 8]);
    expect(planReaders(files, { cores: 2, forced: '2', cli: true })?.map((g) => g.length)).toEqual([9, 7]);
    expect(readerOptions({ cores: 3, cli: true })).toEqual({ workers: defaultReaders(3), minBytes: PARALLEL_MIN_BYTES, firstWeight: CLI_FIRST_WEIGHT });
  });

  it('keeps everything in one reader when asked to (user regexes on the page)', () => {
    expect(planReaders(big, { cores: 3 }, true)).toBeNull();
    expect(planReaders(small, { cores: 1, forced: '2' }, true)).toBeNull();
  });
});
