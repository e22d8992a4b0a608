import { describe, expect, it } from 'vitest';
import { defaultReaders, MAX_READERS, splitInputs } from '../../src/core/parallel/splitInputs';

const MB = 1024 * 1024;
const f = (name: string, mb: number) => ({ name, size: mb * MB });

describe('splitInputs', () => {
  it('leaves small, single-input and one-core analyses alone', () => {
    expect(splitInputs([f('a', 40), f('b', 3)], { workers: 2 })).toBeNull();
    expect(splitInputs([f('a', 100)], { workers: 4 })).toBeNull();
    expect(splitInputs([f('a', 50), f('b', 50)], { workers: 1 })).toBeNull();
  });

  it('makes contiguous groups in name order, balanced by bytes', () => {
    const groups = splitInputs([f('d', 20), f('a', 20), f('c', 20), f('b', 20)], { workers: 2 })!;
    expect(groups.map((g) => g.map((i) => i.name))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const uneven = splitInputs([f('a', 60), f('b', 15), f('c', 15), f('d', 15), f('e', 15)], { workers: 2 })!;
    expect(uneven.map((g) => g.map((i) => i.name))).toEqual([['a'], ['b', 'c', 'd', 'e']]);
  });

  it('weighs the first group as asked, the others equal', () => {
    const files = Array.from({ length: 20 }, (_, i) => f(`x${String(i).padStart(2, '0')}`, 10));
    expect(splitInputs(files, { workers: 2, firstWeight: 1.5 })!.map((g) => g.length)).toEqual([12, 8]);
    expect(splitInputs(files, { workers: 3, firstWeight: 2 })!.map((g) => g.length)).toEqual([10, 5, 5]);
    expect(splitInputs(files, { workers: 3 })!.map((g) => g.length)).toEqual([7, 6, 7]);
    // However heavy, every later group still gets an input.
    expect(splitInputs(files.slice(0, 3), { workers: 3, firstWeight: 100, minBytes: 0 })!.map((g) => g.length)).toEqual([1, 1, 1]);
  });

  it('gives every worker an input when there are enough, never an empty group', () => {
    const groups = splitInputs([f('a', 100), f('b', 1), f('c', 1)], { workers: 3 })!;
    expect(groups.map((g) => g.length)).toEqual([1, 1, 1]);
    const few = splitInputs([f('a', 40), f('b', 40)], { workers: 8 })!;
    expect(few.length).toBe(2);
    for (let n = 2; n < 12; n++) {
      const many = splitInputs(Array.from({ length: n }, (_, i) => f(`x${String(i).padStart(2, '0')}`, 1 + (i % 3))), { workers: 3, minBytes: 0 })!;
      expect(many.every((g) => g.length > 0)).toBe(true);
      expect(many.flat().map((i) => i.name)).toEqual([...many.flat().map((i) => i.name)].sort());
      expect(many.length).toBe(Math.min(3, n));
    }
  });
});

describe('default readers', () => {
  it('leaves one core for the page and the garbage collector, and caps at MAX_READERS', () => {
    expect([1, 2, 3, 4, 5, 16].map(defaultReaders)).toEqual([1, 1, 2, 3, 4, MAX_READERS]);
    // One reader means no split: everything is read as before.
    expect(splitInputs([{ name: 'a', size: 1e9 }, { name: 'b', size: 1e9 }], { workers: defaultReaders(2) })).toBeNull();
  });
});
