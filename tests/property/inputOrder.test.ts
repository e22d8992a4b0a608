import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { InputData } from '../../src/core/read/analyzeInput';
import type { Execution } from '../../src/core/model/execution';

/**
 * Random message-passing executions, simulated so every receive comes after
 * its send, then written as one JSON-lines file per process with a skewed
 * clock each. Message ids are unique, so the edges are exactly the generated
 * sends and receives, whatever order the files are given in.
 */
interface Step {
  proc: number;
  action: 'local' | 'unicast' | 'multicast' | 'receive';
  pick: number;
  mask: number;
  peer: boolean;
}

interface Model {
  names: string[];
  steps: Step[];
  skewMs: number[];
  epochTimes: boolean[];
  serviceField: boolean[];
}

const modelArb: fc.Arbitrary<Model> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/), { minLength: 2, maxLength: 5 })
  .chain((names) =>
    fc.record({
      names: fc.constant(names),
      steps: fc.array(
        fc.record({
          proc: fc.nat({ max: names.length - 1 }),
          action: fc.constantFrom('local', 'unicast', 'unicast', 'multicast', 'receive', 'receive', 'receive'),
          pick: fc.nat(),
          mask: fc.nat({ max: 31 }),
          peer: fc.boolean(),
        }),
        { minLength: 5, maxLength: 80 },
      ),
      skewMs: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: names.length, maxLength: names.length }),
      epochTimes: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
      serviceField: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
    }),
  );

interface Generated {
  files: InputData[];
  /** "from-proc:seq -> to-proc:seq msg_id=…" */
  edges: string[];
}

function generate(m: Model): Generated {
  const k = m.names.length;
  const lines: string[][] = m.names.map(() => []);
  const clock = m.names.map((_, p) => Date.UTC(2026, 2, 14, 9) + m.skewMs[p]!);
  const pending: { id: string; from: string; targets: Set<number> }[] = [];
  const edges: string[] = [];
  let nextId = 0;

  const emit = (p: number, fields: Record<string, string>): string => {
    clock[p]! += 1 + (lines[p]!.length % 7) * 13;
    const ts = m.epochTimes[p] ? clock[p]! : new Date(clock[p]!).toISOString();
    const obj: Record<string, unknown> = { ts, msg: `step ${lines[p]!.length + 1}`, level: 'info', ...fields };
    if (m.serviceField[p]) obj.service = m.names[p];
    lines[p]!.push(JSON.stringify(obj));
    return `${m.names[p]}:${lines[p]!.length}`;
  };

  for (const s of m.steps) {
    const p = s.proc;
    if (s.action === 'unicast' || s.action === 'multicast') {
      const others = [...Array(k).keys()].filter((q) => q !== p);
      const targets =
        s.action === 'unicast'
          ? [others[s.pick % others.length]!]
          : others.filter((_, i) => s.mask & (1 << i));
      if (targets.length === 0) targets.push(others[s.pick % others.length]!);
      const id = `m${nextId++}`;
      const fields: Record<string, string> = { msg_id: id, dir: 'send' };
      if (s.action === 'unicast' && s.peer) fields.to = m.names[targets[0]!]!;
      pending.push({ id, from: emit(p, fields), targets: new Set(targets) });
    } else if (s.action === 'receive') {
      const ready = pending.filter((msg) => msg.targets.has(p));
      if (ready.length === 0) {
        emit(p, {});
        continue;
      }
      const msg = ready[s.pick % ready.length]!;
      msg.targets.delete(p);
      const fields: Record<string, string> = { msg_id: msg.id, dir: 'recv' };
      if (s.peer) fields.from = msg.from.slice(0, msg.from.lastIndexOf(':'));
      edges.push(`${msg.from} -> ${emit(p, fields)} msg_id=${msg.id}`);
    } else {
      emit(p, {});
    }
  }
  const files: InputData[] = [];
  m.names.forEach((name, p) => {
    if (lines[p]!.length === 0) return;
    // With a service field the file name does not matter; without it, it names
    // the process. The underscore keeps the two kinds of names from colliding.
    const fileName = m.serviceField[p] ? `svc_${p}.jsonl` : `${name}.jsonl`;
    files.push({ name: fileName, bytes: new TextEncoder().encode(lines[p]!.join('\n') + '\n') });
  });
  return { files, edges: edges.sort() };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function edgeList(x: Execution): { from: number; to: number; rule: string; key: string }[] {
  return Array.from({ length: x.edgeCount }, (_, k) => ({
    from: x.edgeFrom[k]!,
    to: x.edgeTo[k]!,
    rule: x.strings.get(x.edgeRule[k]!),
    key: x.strings.get(x.edgeKey[k]!),
  }));
}

function named(x: Execution, e: number): string {
  const p = x.eventProc[e]!;
  return `${x.processNames[p]}:${e - x.procStart[p]! + 1}`;
}

function expectSameTyped(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) expect.fail(`element ${i}: ${a[i]} ≠ ${b[i]}`);
}

function expectSameAnalysis(a: Analysis, b: Analysis): void {
  expect(a.executions.length).toBe(b.executions.length);
  a.executions.forEach((ra, i) => {
    const rb = b.executions[i]!;
    expect(ra.execution.processNames).toEqual(rb.execution.processNames);
    expect(edgeList(ra.execution)).toEqual(edgeList(rb.execution));
    expectSameTyped(ra.clocks.lamport, rb.clocks.lamport);
    expectSameTyped(ra.clocks.order, rb.clocks.order);
    expectSameTyped(ra.execution.eventKind, rb.execution.eventKind);
  });
  expect(a.diagnostics).toEqual(b.diagnostics);
}

describe('input order', () => {
  it('does not change the analysis of JSON-lines files, and finds exactly the generated message edges', async () => {
    let edgesSeen = 0;
    let multicastsSeen = 0;
    await fc.assert(
      fc.asyncProperty(modelArb, fc.integer(), fc.integer(), async (model, seedA, seedB) => {
        const { files, edges } = generate(model);
        const a = await analyze(shuffled(files, seedA));
        const b = await analyze(shuffled(files, seedB));
        expectSameAnalysis(a, b);
        if (files.length === 0) return;
        const { execution: x, clocks } = a.executions[0]!;
        expect(a.inputs.every((s) => s.format === 'jsonl' && s.skipped === 0)).toBe(true);
        const found = edgeList(x).map((e) => `${named(x, e.from)} -> ${named(x, e.to)} ${e.key}`);
        expect(found.sort()).toEqual(edges);
        edgesSeen += edges.length;
        const perSend = new Map<string, number>();
        for (const e of edges) perSend.set(e.split(' ')[0]!, (perSend.get(e.split(' ')[0]!) ?? 0) + 1);
        multicastsSeen += [...perSend.values()].filter((c) => c > 1).length;
        for (const e of edgeList(x)) {
          expect(e.rule).toBe('message-id');
          expect(clocks.lamport[e.from]!).toBeLessThan(clocks.lamport[e.to]!);
        }
      }),
      { numRuns: 150 },
    );
    // The generator must actually exercise pairing, multicasts included.
    expect(edgesSeen).toBeGreaterThan(100);
    expect(multicastsSeen).toBeGreaterThan(5);
  });
});
