import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldColumn, fieldColumnIfAny } from '../../src/core/anomalies/fieldColumn';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { withEdges } from '../../src/core/correlate/withEdges';

function execution(events: [string, [string, string][]][]) {
  const b = new ExecutionBuilder('fields');
  const p = b.process('api');
  events.forEach(([text, fields], i) => b.addEvent(p, { text, fields, input: 'a.log', line: i + 1 }));
  return b.build();
}

describe('fieldColumn', () => {
  const x = execution([
    ['charge card', [['op', 'charge'], ['operation', 'write']]],
    ['op mentioned only in text and as a value', [['kind', 'op'], ['action', 'op']]],
    ['the same key twice: the first is kept', [['action', 'put'], ['action', 'delete']]],
    ['no fields', []],
    ['the later name first in the line', [['operation', 'set'], ['op', 'incr']]],
  ]);
  const column = (names: string[]) => [...fieldColumn(x, names)].map((v) => (v < 0 ? null : x.strings.get(v)));

  it('gives the value of the first of the names by their priority, not by field order', () => {
    expect(column(['op', 'operation', 'action'])).toEqual(['charge', 'op', 'put', null, 'incr']);
    expect(column(['operation', 'op'])).toEqual(['write', null, null, null, 'set']);
  });

  it('reads no key from a name that is only a value or a text word, or not there at all', () => {
    expect(column(['kind'])).toEqual([null, 'op', null, null, null]);
    expect(column(['charge', 'card', 'idempotency_key'])).toEqual([null, null, null, null, null]);
    expect(column([])).toEqual([null, null, null, null, null]);
  });

  it('is null, with fieldColumnIfAny, exactly where no name is a key (a value or a text word is none)', () => {
    expect(fieldColumnIfAny(x, ['charge', 'card', 'idempotency_key'])).toBeNull();
    expect(fieldColumnIfAny(x, [])).toBeNull();
    expect([...fieldColumnIfAny(x, ['missing', 'kind'])!]).toEqual([...fieldColumn(x, ['missing', 'kind'])]);
  });

  it('reads an execution with edges added as the one it was made from', () => {
    const y = withEdges(x, [{ from: 0, to: 2, rule: 'test', key: 'k' }]);
    expect([...fieldColumn(y, ['action', 'op'])]).toEqual([...fieldColumn(x, ['action', 'op'])]);
  });

  it('agrees with reading each event\'s fields in turn, for any fields and names', () => {
    const word = fc.constantFrom<string>('op', 'operation', 'action', 'key', 'x', 'y', '');
    const event = fc.array(fc.tuple(word, word), { maxLength: 5 });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.array(word, { maxLength: 4 }), (events, names) => {
        const y = execution(events.map((fields, i) => [`event ${i}`, fields]));
        const expected = Array.from({ length: y.eventCount }, (_, e) => {
          let best = Infinity;
          let v = -1;
          for (let i = y.fieldStart[e]!; i < y.fieldStart[e + 1]!; i++) {
            const r = names.indexOf(y.strings.get(y.fieldKey[i]!));
            if (r >= 0 && r < best) [best, v] = [r, y.fieldValue[i]!];
          }
          return v;
        });
        expect([...fieldColumn(y, names)]).toEqual(expected);
      }),
    );
  });
});
