import { describe, expect, it } from 'vitest';
import { nestedQuantifier } from '../../src/core/rules/regexShape';

describe('nestedQuantifier (#15)', () => {
  it('finds a quantified group holding a quantifier', () => {
    expect(nestedQuantifier('(a+)+')).toBe('(a+)+');
    expect(nestedQuantifier('^(?<x>(a+)+)$')).toBe('(a+)+');
    expect(nestedQuantifier('x(\\w*)*y')).toBe('(\\w*)*');
    expect(nestedQuantifier('((ab)+c)*')).toBe('((ab)+c)*');
    expect(nestedQuantifier('(?:a|b+){2,}')).toBe('(?:a|b+){2,}');
    expect(nestedQuantifier('(\\d+\\.)+?x')).toBe('(\\d+\\.)+?');
    expect(nestedQuantifier('((a+))+')).toBe('((a+))+');
  });

  it('passes ordinary log patterns', () => {
    for (const ok of [
      '^(?<ts>\\S+) (?<svc>\\w+) (?<dir>>>|<<) order (?<order>\\w+)$',
      '(?<host>\\S+) \\{(?<clock>.*)\\}',
      '(ab)+',
      '(a+)?',
      '(a+){1}',
      '[(a+)]+',
      '\\(a+\\)+',
      'req-[0-9a-f]{8}(-[0-9a-f]{4}){3}',
    ]) {
      expect(nestedQuantifier(ok), ok).toBeNull();
    }
  });
});
