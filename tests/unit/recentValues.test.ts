import { describe, expect, it } from 'vitest';
import { RecentValues } from '../../src/core/input/jsonLines/recentValues';

const line = 'level=info level=warn level=debug level=error level=trace';
const span = (v: string) => [line.indexOf(v), line.indexOf(v) + v.length] as const;

describe('RecentValues', () => {
  it('finds each of the last four values a key had at a place, by their text in a line', () => {
    const r = new RecentValues();
    ['info', 'warn', 'debug', 'error'].forEach((v, id) => r.add(0, 7, v, id));
    expect(['info', 'warn', 'debug', 'error'].map((v) => r.find(0, 7, line, ...span(v)))).toEqual([0, 1, 2, 3]);
    expect(r.find(0, 7, line, ...span('trace'))).toBe(-1);
  });

  it('lets the oldest value go for a fifth one', () => {
    const r = new RecentValues();
    ['info', 'warn', 'debug', 'error', 'trace'].forEach((v, id) => r.add(0, 7, v, id));
    expect(r.find(0, 7, line, ...span('info'))).toBe(-1);
    expect(r.find(0, 7, line, ...span('trace'))).toBe(4);
  });

  it('tells values apart that share a length and a last character', () => {
    const r = new RecentValues();
    r.add(0, 1, 'm00000048', 5);
    const s = 'x=m00000048 y=m10000048';
    expect(r.find(0, 1, s, 2, 11)).toBe(5);
    expect(r.find(0, 1, s, 14, 23)).toBe(-1);
  });

  it('keeps places and keys apart, and forgets a place on request', () => {
    const r = new RecentValues();
    r.add(0, 7, 'info', 1);
    r.add(1, 8, 'info', 2);
    expect(r.find(0, 8, line, ...span('info'))).toBe(-1);
    expect(r.find(1, 8, line, ...span('info'))).toBe(2);
    r.add(0, 9, 'warn', 3);
    expect(r.find(0, 7, line, ...span('info'))).toBe(-1);
    expect(r.find(0, 9, line, ...span('warn'))).toBe(3);
    r.forget(0);
    expect(r.find(0, 9, line, ...span('warn'))).toBe(-1);
  });
});
