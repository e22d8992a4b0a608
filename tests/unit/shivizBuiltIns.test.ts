import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { textsOf } from '../../src/core/model/execution';

const enc = (s: string) => new TextEncoder().encode(s);

describe('ShiViz logs with no regex given', () => {
  it('reads one vector-clock record per line, the host named just before its clock, in shapes other than Akka', async () => {
    const text = [
      '2026-03-14 09:00:00,001 INFO worker-a {"worker-a":1} put k=1',
      '2026-03-14 09:00:00,004 INFO [store/worker-b] {"worker-a":1, "worker-b":1} got put k=1',
      '2026-03-14 09:00:00,009 WARN worker-a {"worker-a":2, "worker-b":1} ack seen',
    ].join('\n');
    const a = await analyze([{ name: 'run.log', bytes: enc(text) }]);
    expect(a.inputs[0]!.format).toBe('shiviz');
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['worker-a', 'worker-b']);
    expect(textsOf(x)).toEqual(['put k=1', 'ack seen', 'got put k=1']);
    expect(x.edgeCount).toBe(2); // a:1 → b:1, and b:1 → a:2
    expect(a.diagnostics.some((d) => d.message.startsWith('one vector-clock record per line'))).toBe(true);
  });

  it('reads the time of an Akka-style line from its bracketed US date', async () => {
    const text = '[INFO] [10/13/2014 14:37:20.543] [disp-2] [akka://B/user/node0] {"node0" : 1} Initiating\n[INFO] [10/13/2014 14:37:20.548] [disp-5] [akka://B/user/node1] {"node0" : 1, "node1" : 1} Received';
    const a = await analyze([{ name: 'akka.log', bytes: enc(text) }]);
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['node0', 'node1']);
    expect(Array.from(x.timeMs)).toEqual([Date.UTC(2014, 9, 13, 14, 37, 20, 543), Date.UTC(2014, 9, 13, 14, 37, 20, 548)]);
  });

  it('splits executions at "=== name ===" lines and names them after the line', async () => {
    const run = (n: number) => [`=== run ${n} ===`, 'start', 'a {"a":1}', 'reply', 'b {"a":1, "b":1}'];
    const a = await analyze([{ name: 'two.log', bytes: enc([...run(1), ...run(2)].join('\n')) }]);
    expect(a.executions.map((r) => r.execution.name)).toEqual(['run 1', 'run 2']);
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('does not take a text log whose lines merely hold JSON for a ShiViz log', async () => {
    const text = '2026-03-14T09:00:00Z api {"path":"/x","status":200} served\n2026-03-14T09:00:01Z api {"path":"/y","status":404} served';
    const a = await analyze([{ name: 'api.log', bytes: enc(text) }]);
    expect(a.inputs[0]!.format).not.toBe('shiviz');
  });
});
