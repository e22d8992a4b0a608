import { describe, expect, it } from 'vitest';
import { computeClocks } from '../../src/core/clocks/clockEngine';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { eventId, sourceOf, type Execution, textsOf } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/** The final index of process `name`'s `seq`-th event (1-based). */
function ev(x: Execution, name: string, seq: number): number {
  const p = x.processNames.indexOf(name);
  if (p < 0) throw new Error(`no process ${name}`);
  const e = x.procStart[p]! + seq - 1;
  if (e >= x.procStart[p + 1]!) throw new Error(`no event ${name}:${seq}`);
  return e;
}

/** Lamport times keyed by "P:seq", so expectations read like the diagram. */
function lamportById(x: Execution, lamport: Uint32Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (let e = 0; e < x.eventCount; e++) out[eventId(x, e)] = lamport[e]!;
  return out;
}

/**
 * The classic three-process diagram (events added in a scrambled order on
 * purpose; build() puts them in program order per process):
 *
 *   P1: a1 ── a2(send m1) ────────── a3(recv m3) ── a4
 *   P2: b1 ── b2(recv m1) ── b3(send m2)
 *   P3: c1(send m3) ────────── c2(recv m2) ── c3
 */
function classic(): Execution {
  const b = new ExecutionBuilder('classic');
  const P3 = b.process('P3', 'h3');
  const P1 = b.process('P1', 'h1');
  const P2 = b.process('P2', 'h2');
  const at = (p: number, text: string, input: string, line: number) => b.addEvent(p, { text, input, line });
  const c1 = at(P3, 'c1', 'p3.log', 1);
  at(P1, 'a1', 'p1.log', 1);
  const a2 = at(P1, 'a2', 'p1.log', 2);
  at(P2, 'b1', 'p2.log', 1);
  const b2 = at(P2, 'b2', 'p2.log', 2);
  const a3 = at(P1, 'a3', 'p1.log', 3);
  const b3 = at(P2, 'b3', 'p2.log', 3);
  const c2 = at(P3, 'c2', 'p3.log', 2);
  at(P1, 'a4', 'p1.log', 4);
  at(P3, 'c3', 'p3.log', 3);
  b.addEdge(b3, c2, 'test', 'm2');
  b.addEdge(a2, b2, 'test', 'm1');
  b.addEdge(c1, a3, 'test', 'm3');
  return b.build();
}

describe('computeClocks on the classic three-process example', () => {
  it('gives Lamport times 1 + max(program predecessor, received sends)', () => {
    const x = classic();
    const diags: Diagnostic[] = [];
    const { lamport } = computeClocks(x, diags);
    // a1 = 1, a2 = 2; b1 = 1, b2 = max(b1=1, a2=2) + 1 = 3, b3 = 4;
    // c1 = 1, c2 = max(c1=1, b3=4) + 1 = 5, c3 = 6;
    // a3 = max(a2=2, c1=1) + 1 = 3, a4 = 4.
    expect(lamportById(x, lamport)).toEqual({
      'P1:1': 1,
      'P1:2': 2,
      'P1:3': 3,
      'P1:4': 4,
      'P2:1': 1,
      'P2:2': 3,
      'P2:3': 4,
      'P3:1': 1,
      'P3:2': 5,
      'P3:3': 6,
    });
    expect(diags).toEqual([]);
  });

  it('lays events out by process name then program order, and derives kinds from edges', () => {
    const x = classic();
    expect(x.processNames).toEqual(['P1', 'P2', 'P3']);
    expect(textsOf(x)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
    expect(Array.from(x.eventKind)).toEqual([0, 1, 2, 0, 0, 2, 1, 1, 2, 0]);
  });

  it('gives vector clocks counting events per process from 1', () => {
    const x = classic();
    const { vc } = computeClocks(x);
    // a3 merges c1 = [0,0,1] into a2 = [2,0,0]; b2 merges a2; c2 merges b3 = [2,3,0].
    const expected: Record<string, number[]> = {
      'P1:1': [1, 0, 0],
      'P1:2': [2, 0, 0],
      'P1:3': [3, 0, 1],
      'P1:4': [4, 0, 1],
      'P2:1': [0, 1, 0],
      'P2:2': [2, 2, 0],
      'P2:3': [2, 3, 0],
      'P3:1': [0, 0, 1],
      'P3:2': [2, 3, 2],
      'P3:3': [2, 3, 3],
    };
    for (let e = 0; e < x.eventCount; e++) {
      const want = expected[eventId(x, e)]!;
      expect(Array.from(vc.clockOf(e)), eventId(x, e)).toEqual(want);
      for (let p = 0; p < 3; p++) expect(vc.entry(e, p), `${eventId(x, e)}[${p}]`).toBe(want[p]);
    }
  });

  it('clockOf writes into a caller-supplied buffer, overwriting stale entries', () => {
    const x = classic();
    const { vc } = computeClocks(x);
    const buf = Uint32Array.of(9, 9, 9);
    expect(vc.clockOf(ev(x, 'P2', 1), buf)).toBe(buf);
    expect(Array.from(buf)).toEqual([0, 1, 0]);
    vc.clockOf(ev(x, 'P3', 3), buf);
    expect(Array.from(buf)).toEqual([2, 3, 3]);
  });

  it('happenedBefore follows chains of messages and program order, and is irreflexive', () => {
    const x = classic();
    const { vc } = computeClocks(x);
    const e = (id: string) => ev(x, id.slice(0, 2), Number(id.slice(3)));
    // a1 → a2 → b2 → b3 → c2 → c3
    expect(vc.happenedBefore(e('P1:1'), e('P3:3'))).toBe(true);
    expect(vc.happenedBefore(e('P3:3'), e('P1:1'))).toBe(false);
    // c1 → a3 → a4
    expect(vc.happenedBefore(e('P3:1'), e('P1:4'))).toBe(true);
    expect(vc.happenedBefore(e('P1:2'), e('P1:3'))).toBe(true);
    expect(vc.happenedBefore(e('P1:3'), e('P1:2'))).toBe(false);
    expect(vc.happenedBefore(e('P2:2'), e('P2:2'))).toBe(false);
    // b1 is before b2, which received a2, but a2 did not depend on b1
    expect(vc.happenedBefore(e('P2:1'), e('P1:2'))).toBe(false);
  });

  it('concurrent holds exactly when neither event happened before the other', () => {
    const x = classic();
    const { vc } = computeClocks(x);
    const e = (id: string) => ev(x, id.slice(0, 2), Number(id.slice(3)));
    expect(vc.concurrent(e('P1:3'), e('P2:2'))).toBe(true);
    expect(vc.concurrent(e('P2:2'), e('P1:3'))).toBe(true);
    expect(vc.concurrent(e('P2:1'), e('P1:4'))).toBe(true);
    expect(vc.concurrent(e('P3:1'), e('P2:3'))).toBe(true);
    expect(vc.concurrent(e('P1:4'), e('P3:3'))).toBe(true);
    expect(vc.concurrent(e('P1:1'), e('P3:3'))).toBe(false);
    expect(vc.concurrent(e('P3:3'), e('P1:1'))).toBe(false);
    expect(vc.concurrent(e('P2:2'), e('P2:2'))).toBe(false);
  });

  it('pastPrefix counts, per process, the events at or before e', () => {
    const x = classic();
    const { vc } = computeClocks(x);
    expect(Array.from(vc.pastPrefix(ev(x, 'P2', 3)))).toEqual([2, 3, 0]);
    expect(Array.from(vc.pastPrefix(ev(x, 'P1', 3)))).toEqual([3, 0, 1]);
    expect(Array.from(vc.pastPrefix(ev(x, 'P3', 1)))).toEqual([0, 0, 1]);
  });

  it('futureStart gives, per process, the first event e happened before (0 for none)', () => {
    const x = classic();
    const { vc } = computeClocks(x);
    // a2 reaches a3 on its own lane, b2 through m1, c2 through m1 then m2
    expect(Array.from(vc.futureStart(ev(x, 'P1', 2)))).toEqual([3, 2, 2]);
    // c1 reaches a3 through m3, nothing on P2, c2 on its own lane
    expect(Array.from(vc.futureStart(ev(x, 'P3', 1)))).toEqual([3, 0, 2]);
    // b1 reaches only its own later events (b3 → c2 too)
    expect(Array.from(vc.futureStart(ev(x, 'P2', 1)))).toEqual([0, 2, 2]);
    // last events have no future
    expect(Array.from(vc.futureStart(ev(x, 'P1', 4)))).toEqual([0, 0, 0]);
    expect(Array.from(vc.futureStart(ev(x, 'P3', 3)))).toEqual([0, 0, 0]);
  });

  it('orders events by ascending Lamport time, ties by process name then sequence', () => {
    const x = classic();
    const { order } = computeClocks(x);
    // L: a1=b1=c1=1, a2=2, a3=b2=3, a4=b3=4, c2=5, c3=6
    expect(Array.from(order, (e) => eventId(x, e))).toEqual([
      'P1:1',
      'P2:1',
      'P3:1',
      'P1:2',
      'P1:3',
      'P2:2',
      'P1:4',
      'P2:3',
      'P3:2',
      'P3:3',
    ]);
  });
});

describe('computeClocks with multicast and join', () => {
  it('a multicast send happens before every one of its receives, which stay concurrent', () => {
    const b = new ExecutionBuilder('multicast');
    const S = b.process('S');
    const R1 = b.process('R1');
    const R2 = b.process('R2');
    const R3 = b.process('R3');
    b.addEvent(S, { text: 's1', input: 's', line: 1 });
    const s2 = b.addEvent(S, { text: 's2 publish', input: 's', line: 2 });
    const r1 = b.addEvent(R1, { text: 'r1', input: 'r1', line: 1 });
    b.addEvent(R2, { text: 'r2 local', input: 'r2', line: 1 });
    b.addEvent(R2, { text: 'r2 local', input: 'r2', line: 2 });
    b.addEvent(R2, { text: 'r2 local', input: 'r2', line: 3 });
    const r2 = b.addEvent(R2, { text: 'r2', input: 'r2', line: 4 });
    b.addEvent(R3, { text: 'r3 local', input: 'r3', line: 1 });
    const r3 = b.addEvent(R3, { text: 'r3', input: 'r3', line: 2 });
    for (const r of [r1, r2, r3]) b.addEdge(s2, r, 'topic', 'orders');
    const x = b.build();
    const { lamport, vc } = computeClocks(x);
    const send = ev(x, 'S', 2);
    const recvs = [ev(x, 'R1', 1), ev(x, 'R2', 4), ev(x, 'R3', 2)];
    // s2 = 2; R1:1 = max(0, 2) + 1 = 3; R2:4 = max(3, 2) + 1 = 4; R3:2 = max(1, 2) + 1 = 3
    expect(recvs.map((r) => lamport[r])).toEqual([3, 4, 3]);
    expect(x.eventKind[send]).toBe(1);
    for (const r of recvs) {
      expect(x.eventKind[r]).toBe(2);
      expect(vc.happenedBefore(send, r)).toBe(true);
      expect(vc.happenedBefore(ev(x, 'S', 1), r)).toBe(true);
      expect(vc.entry(r, x.processNames.indexOf('S'))).toBe(2);
    }
    expect(vc.concurrent(recvs[0]!, recvs[1]!)).toBe(true);
    expect(vc.concurrent(recvs[1]!, recvs[2]!)).toBe(true);
    // processes sorted: R1, R2, R3, S
    expect(Array.from(vc.futureStart(send))).toEqual([1, 4, 2, 0]);
  });

  it('a join receive happens after every one of its sends, which stay concurrent', () => {
    const b = new ExecutionBuilder('join');
    const J = b.process('J');
    const X = b.process('X');
    const Y = b.process('Y');
    const Z = b.process('Z');
    b.addEvent(J, { text: 'j1', input: 'j', line: 1 });
    const j2 = b.addEvent(J, { text: 'j2 barrier', input: 'j', line: 2 });
    const x1 = b.addEvent(X, { text: 'x1', input: 'x', line: 1 });
    b.addEvent(Y, { text: 'y1', input: 'y', line: 1 });
    b.addEvent(Y, { text: 'y2', input: 'y', line: 2 });
    const y3 = b.addEvent(Y, { text: 'y3', input: 'y', line: 3 });
    const z1 = b.addEvent(Z, { text: 'z1', input: 'z', line: 1 });
    b.addEvent(Z, { text: 'z2', input: 'z', line: 2 });
    for (const s of [x1, y3, z1]) b.addEdge(s, j2, 'barrier', 'b1');
    const x = b.build();
    const { lamport, vc } = computeClocks(x);
    const recv = ev(x, 'J', 2);
    // max(j1=1, x1=1, y3=3, z1=1) + 1 = 4
    expect(lamport[recv]).toBe(4);
    // processes sorted J, X, Y, Z
    expect(Array.from(vc.clockOf(recv))).toEqual([2, 1, 3, 1]);
    for (const s of [ev(x, 'X', 1), ev(x, 'Y', 3), ev(x, 'Z', 1)]) expect(vc.happenedBefore(s, recv)).toBe(true);
    expect(vc.happenedBefore(ev(x, 'Z', 2), recv)).toBe(false);
    expect(vc.concurrent(ev(x, 'X', 1), ev(x, 'Y', 3))).toBe(true);
    expect(Array.from(vc.pastPrefix(recv))).toEqual([2, 1, 3, 1]);
  });
});

function twoProcessCycle(): Execution {
  // A:1 → A:2 —m1→ B:1 → B:2 —m2→ A:1: truly cyclic.
  const b = new ExecutionBuilder('cycle');
  const A = b.process('A');
  const B = b.process('B');
  const a1 = b.addEvent(A, { text: 'a1', input: 'a.log', line: 10 });
  const a2 = b.addEvent(A, { text: 'a2', input: 'a.log', line: 11 });
  const b1 = b.addEvent(B, { text: 'b1', input: 'b.log', line: 20 });
  const b2 = b.addEvent(B, { text: 'b2', input: 'b.log', line: 21 });
  b.addEdge(a2, b1, 'req', 'm1');
  b.addEdge(b2, a1, 'resp', 'm2');
  return b.build();
}

describe('computeClocks on cyclic edges', () => {
  it('reports a cycle as one error naming its events by input:line', () => {
    const x = twoProcessCycle();
    const diags: Diagnostic[] = [];
    computeClocks(x, diags);
    expect(diags).toHaveLength(1);
    const d = diags[0]!;
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(/cycle/);
    for (const s of ['A:1 (a.log:10)', 'A:2 (a.log:11)', 'B:1 (b.log:20)', 'B:2 (b.log:21)']) expect(d.message).toContain(s);
  });

  it('sets aside exactly one edge of the cycle and names it in the diagnostic', () => {
    const x = twoProcessCycle();
    const diags: Diagnostic[] = [];
    const { edgeIgnored } = computeClocks(x, diags);
    expect(Array.from(edgeIgnored).reduce((s, v) => s + v, 0)).toBe(1);
    const k = edgeIgnored.indexOf(1);
    const from = eventId(x, x.edgeFrom[k]!);
    const to = eventId(x, x.edgeTo[k]!);
    expect(diags[0]!.message).toContain(`the edge ${from} → ${to}`);
    expect(diags[0]!.input).toBe(x.inputs[x.eventInput[x.edgeTo[k]!]!]);
    expect(diags[0]!.line).toBe(x.eventLine[x.edgeTo[k]!]);
  });

  it('still gives every event clocks that respect program order and the edge kept', () => {
    const x = twoProcessCycle();
    const { lamport, vc, order, edgeIgnored } = computeClocks(x);
    for (let e = 0; e < x.eventCount; e++) expect(lamport[e]).toBeGreaterThan(0);
    expect(lamport[ev(x, 'A', 1)]).toBeLessThan(lamport[ev(x, 'A', 2)]!);
    expect(lamport[ev(x, 'B', 1)]).toBeLessThan(lamport[ev(x, 'B', 2)]!);
    const kept = edgeIgnored.indexOf(0);
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(lamport[x.edgeFrom[kept]!]).toBeLessThan(lamport[x.edgeTo[kept]!]!);
    expect(vc.happenedBefore(x.edgeFrom[kept]!, x.edgeTo[kept]!)).toBe(true);
    // the ignored edge orders nothing: its receive does not see its send
    const dropped = edgeIgnored.indexOf(1);
    expect(vc.happenedBefore(x.edgeFrom[dropped]!, x.edgeTo[dropped]!)).toBe(false);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });

  it('treats an edge back to an earlier event of the same process as a cycle', () => {
    const b = new ExecutionBuilder('self');
    const A = b.process('A');
    const O = b.process('O');
    const a1 = b.addEvent(A, { text: 'a1', input: 'a.log', line: 1 });
    b.addEvent(A, { text: 'a2', input: 'a.log', line: 2 });
    const a3 = b.addEvent(A, { text: 'a3', input: 'a.log', line: 3 });
    const o1 = b.addEvent(O, { text: 'o1', input: 'o.log', line: 1 });
    b.addEdge(a3, a1, 'loop', 'k');
    b.addEdge(o1, a3, 'msg', 'm');
    const x = b.build();
    const diags: Diagnostic[] = [];
    const { lamport, edgeIgnored } = computeClocks(x, diags);
    expect(diags).toHaveLength(1);
    expect(diags[0]!.severity).toBe('error');
    for (const s of ['A:1 (a.log:1)', 'A:2 (a.log:2)', 'A:3 (a.log:3)']) expect(diags[0]!.message).toContain(s);
    expect(diags[0]!.message).not.toContain('O:1');
    const back = [...Array(x.edgeCount).keys()].find((k) => x.edgeFrom[k] === ev(x, 'A', 3))!;
    expect(edgeIgnored[back]).toBe(1);
    expect(Array.from(edgeIgnored).reduce((s, v) => s + v, 0)).toBe(1);
    // A:1 = 1, A:2 = 2, A:3 = max(2, O:1 = 1) + 1 = 3
    expect(lamportById(x, lamport)).toEqual({ 'A:1': 1, 'A:2': 2, 'A:3': 3, 'O:1': 1 });
  });

  it('treats an edge from an event to itself as a cycle', () => {
    const b = new ExecutionBuilder('loop');
    const A = b.process('A');
    b.addEvent(A, { text: 'a1', input: 'a.log', line: 1 });
    const a2 = b.addEvent(A, { text: 'a2', input: 'a.log', line: 2 });
    b.addEdge(a2, a2, 'echo', 'k');
    const x = b.build();
    const diags: Diagnostic[] = [];
    const { lamport, edgeIgnored } = computeClocks(x, diags);
    expect(diags).toHaveLength(1);
    expect(diags[0]!.message).toContain('A:2 (a.log:2)');
    expect(diags[0]!.line).toBe(2);
    expect(Array.from(edgeIgnored)).toEqual([1]);
    expect(Array.from(lamport)).toEqual([1, 2]);
  });

  it('breaks two independent cycles with one error each', () => {
    const b = new ExecutionBuilder('two');
    const names = ['A', 'B', 'C', 'D'];
    const ps = names.map((n) => b.process(n));
    const h = ps.map((p, i) => [1, 2].map((line) => b.addEvent(p, { text: `${names[i]}${line}`, input: `${names[i]}.log`, line })));
    const e = (i: number, s: number) => h[i]![s - 1]!;
    b.addEdge(e(0, 2), e(1, 1), 'r', 'ab');
    b.addEdge(e(1, 2), e(0, 1), 'r', 'ba');
    b.addEdge(e(2, 2), e(3, 1), 'r', 'cd');
    b.addEdge(e(3, 2), e(2, 1), 'r', 'dc');
    const x = b.build();
    const diags: Diagnostic[] = [];
    const { lamport, edgeIgnored } = computeClocks(x, diags);
    expect(diags.map((d) => d.severity)).toEqual(['error', 'error']);
    expect(Array.from(edgeIgnored).reduce((s, v) => s + v, 0)).toBe(2);
    const ab = diags.find((d) => d.message.includes('A:1'))!;
    const cd = diags.find((d) => d.message.includes('C:1'))!;
    expect(ab).toBeDefined();
    expect(cd).toBeDefined();
    expect(ab.message).not.toContain('C:');
    expect(cd.message).not.toContain('A:');
    for (let k = 0; k < x.edgeCount; k++)
      if (!edgeIgnored[k]) expect(lamport[x.edgeFrom[k]!]).toBeLessThan(lamport[x.edgeTo[k]!]!);
  });
});

describe('ExecutionBuilder insertion order', () => {
  type Step = { proc: string; text: string; line: number };
  const steps: Step[] = [
    { proc: 'web', text: 'w1', line: 1 },
    { proc: 'web', text: 'w2', line: 2 },
    { proc: 'web', text: 'w3', line: 3 },
    { proc: 'db', text: 'd1', line: 1 },
    { proc: 'db', text: 'd2', line: 2 },
    { proc: 'cache', text: 'c1', line: 1 },
    { proc: 'cache', text: 'c2', line: 2 },
    { proc: 'cache', text: 'c3', line: 3 },
  ];
  const edges: [string, string, string][] = [
    ['w1', 'd2', 'q1'],
    ['d2', 'w3', 'r1'],
    ['w2', 'c2', 'q2'],
    ['c1', 'd1', 'inv'],
    ['c3', 'w3', 'r2'],
  ];

  function buildIn(order: number[], edgeOrder: number[]): Execution {
    const b = new ExecutionBuilder('x');
    const handle = new Map<string, number>();
    for (const i of order) {
      const s = steps[i]!;
      const p = b.process(s.proc, s.proc === 'cache' ? 'host1' : 'host2');
      handle.set(s.text, b.addEvent(p, { text: s.text, input: `${s.proc}.log`, line: s.line, fields: { n: s.text } }));
    }
    for (const k of edgeOrder) {
      const [f, t, key] = edges[k]!;
      b.addEdge(handle.get(f)!, handle.get(t)!, k % 2 ? 'rule-odd' : 'rule-even', key);
    }
    return b.build();
  }

  function decoded(x: Execution) {
    return {
      processNames: x.processNames,
      processDomain: Array.from(x.processDomain, (d) => x.domainNames[d]),
      procStart: Array.from(x.procStart),
      eventProc: Array.from(x.eventProc),
      texts: textsOf(x),
      kinds: Array.from(x.eventKind),
      sources: Array.from({ length: x.eventCount }, (_, e) => sourceOf(x, e)),
      fields: Array.from({ length: x.eventCount }, (_, e) =>
        Array.from({ length: x.fieldStart[e + 1]! - x.fieldStart[e]! }, (_, i) => [
          x.strings.get(x.fieldKey[x.fieldStart[e]! + i]!),
          x.strings.get(x.fieldValue[x.fieldStart[e]! + i]!),
        ]),
      ),
      edgeFrom: Array.from(x.edgeFrom),
      edgeTo: Array.from(x.edgeTo),
      edgeRule: Array.from(x.edgeRule, (r) => x.strings.get(r)),
      edgeKey: Array.from(x.edgeKey, (r) => x.strings.get(r)),
    };
  }

  it('yields the same layout, edges and clocks for any interleaving of processes', () => {
    const inOrder = buildIn([0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 4]);
    const interleaved = buildIn([5, 3, 0, 6, 1, 4, 7, 2], [4, 2, 0, 3, 1]);
    const reversedProcs = buildIn([5, 6, 7, 3, 4, 0, 1, 2], [3, 4, 1, 2, 0]);
    const want = decoded(inOrder);
    expect(want.texts).toEqual(['c1', 'c2', 'c3', 'd1', 'd2', 'w1', 'w2', 'w3']);
    const clocks = computeClocks(inOrder);
    for (const other of [interleaved, reversedProcs]) {
      expect(decoded(other)).toEqual(want);
      const c = computeClocks(other);
      expect(Array.from(c.lamport)).toEqual(Array.from(clocks.lamport));
      expect(Array.from(c.order)).toEqual(Array.from(clocks.order));
      for (let e = 0; e < other.eventCount; e++) expect(Array.from(c.vc.clockOf(e))).toEqual(Array.from(clocks.vc.clockOf(e)));
    }
  });

  it('keeps the first rule of a duplicated edge and counts it once', () => {
    const b = new ExecutionBuilder('dup');
    const A = b.process('A');
    const B = b.process('B');
    const a = b.addEvent(A, { text: 'a', input: 'i', line: 1 });
    const r = b.addEvent(B, { text: 'r', input: 'i', line: 2 });
    b.addEdge(a, r, 'first', 'k1');
    b.addEdge(a, r, 'second', 'k2');
    const x = b.build();
    expect(x.edgeCount).toBe(1);
    expect(x.strings.get(x.edgeRule[0]!)).toBe('first');
    expect(x.strings.get(x.edgeKey[0]!)).toBe('k1');
  });
});
