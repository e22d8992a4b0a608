import { describe, expect, it } from 'vitest';
import { runName, runNames } from '../../src/ui/state/runNames';

const f = (name: string) => ({ name, blob: new Blob([]) });

describe('run names', () => {
  it('names a run by its file, its folder, its sample or its first file', () => {
    expect(runName([f('good.log')], null)).toBe('good.log');
    expect(runName([f('run1/b.log'), f('run1/a.log')], null)).toBe('run1/');
    expect(runName([f('b.log'), f('a.log'), f('c.log')], null)).toBe('a.log + 2 more');
    expect(runName([f('a.jsonl')], 'quickstart')).toBe('quickstart sample');
  });

  it('keeps the two distinct and the first sorting first', () => {
    expect(runNames([[f('good.log')], [f('bad.log')]], null)).toEqual(['1 · good.log', '2 · bad.log']);
    expect(runNames([[f('a.log')], [f('b.log')]], null)).toEqual(['a.log', 'b.log']);
    expect(runNames([[f('app.log')], [f('app.log')]], null)).toEqual(['app.log', 'app.log (2)']);
    for (const [a, b] of [runNames([[f('z')], [f('a')]], null), runNames([[f('x')], [f('x')]], null)]) expect(a < b).toBe(true);
  });
});
