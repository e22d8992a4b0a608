/**
 * PartBuilder notes only the events so far at each window's end; each
 * event's window comes from those marks at build, in built order (processes
 * by name, each one's events in the order added), and events added after
 * the last mark (a parser's finish) get the window the clock shows then.
 */
import { describe, expect, it } from 'vitest';
import { PartBuilder, type WindowClock } from '../../src/core/parallel/partBuilder';

describe('PartBuilder', () => {
  it('gives each event the window it was added in, from the marks', () => {
    const clock: WindowClock = { window: 0 };
    const b = new PartBuilder('x', clock);
    const add = (proc: string, text: string) => b.addEvent(b.process(proc), { text, input: `in${clock.window}`, line: 1 });
    add('web', 'w0');
    add('api', 'a0');
    b.markWindow(0);
    // Window 1 is another builder's only: still marked here, with no events.
    clock.window = 1;
    b.markWindow(1);
    clock.window = 2;
    add('web', 'w2');
    add('web', 'w2b');
    add('api', 'a2');
    b.markWindow(2);
    // The parsers' finish, after every input.
    clock.window = 3;
    add('db', 'd3');
    const part = b.buildPart(undefined, ['in0', 'in1', 'in2']);
    // Built order: api (a0, a2), db (d3), web (w0, w2, w2b).
    expect(part.execution.processNames).toEqual(['api', 'db', 'web']);
    expect([...part.eventWindow]).toEqual([0, 2, 3, 0, 2, 2]);
    expect([...part.stringMarks]).toEqual([0, b.strings.size, 1, b.strings.size, 2, b.strings.size]);
  });
});
