import { describe, expect, it } from 'vitest';
import { MarkBuffers } from '../../src/ui/draw/markBuffers';

describe('mark buffers kept across frames', () => {
  it('give each style its numbers in first-use order, as copies a later frame cannot change', () => {
    const m = new MarkBuffers();
    m.push3('red', 1, 2, 3);
    m.push4('blue', 4, 5, 6, 7);
    m.push3('red', 8, 9, 10);
    const first = m.take();
    expect(first.map(([k, d]) => [k, [...d]])).toEqual([
      ['red', [1, 2, 3, 8, 9, 10]],
      ['blue', [4, 5, 6, 7]],
    ]);
    m.reset();
    m.push3('blue', 11, 12, 13);
    expect(m.take().map(([k, d]) => [k, [...d]])).toEqual([['blue', [11, 12, 13]]]); // red unused this frame
    expect([...first[1]![1]]).toEqual([4, 5, 6, 7]);
  });

  it('grow past their first allocation without losing numbers', () => {
    const m = new MarkBuffers();
    for (let i = 0; i < 5000; i++) m.push4('k', i, i + 1, i + 2, i + 3);
    const [[, d]] = m.take() as [[string, Float64Array]];
    expect(d.length).toBe(20000);
    expect(d[19996]).toBe(4999);
    expect(d[19999]).toBe(5002);
  });
});
