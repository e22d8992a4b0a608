/**
 * Round trip: random executions (hosts, local events, sends, receives of any
 * pending message) are simulated with true vector clocks, written as GoVector
 * text (one file, or one file per host), and read back. The engine's clocks
 * over the derived edges must equal the written ones. Random bytes and
 * mutated logs must give diagnostics, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';

type Op = [kind: number, a: number, b: number];

interface Written {
  host: string;
  clock: Map<string, number>;
  text: string;
}

/** Simulates ops over `hosts` processes; events in the order they happened. */
function simulate(hostCount: number, ops: Op[]): Written[] {
  const hosts = Array.from({ length: hostCount }, (_, i) => `h${i}`);
  const clocks = hosts.map(() => new Map<string, number>());
  const pending: { to: number; clock: Map<string, number> }[] = [];
  const out: Written[] = [];
  const tick = (p: number, text: string) => {
    const c = clocks[p]!;
    c.set(hosts[p]!, (c.get(hosts[p]!) ?? 0) + 1);
    out.push({ host: hosts[p]!, clock: new Map(c), text });
  };
  for (const [kind, a, b] of ops) {
    const p = a % hostCount;
    if (kind === 1 && b % hostCount !== p) {
      tick(p, `send to ${hosts[b % hostCount]}`);
      pending.push({ to: b % hostCount, clock: new Map(clocks[p]!) });
    } else if (kind === 2) {
      const mine = pending.filter((m) => m.to === p);
      if (mine.length === 0) {
        tick(p, 'local');
        continue;
      }
      const msg = mine[b % mine.length]!;
      pending.splice(pending.indexOf(msg), 1);
      for (const [h, v] of msg.clock) clocks[p]!.set(h, Math.max(clocks[p]!.get(h) ?? 0, v));
      tick(p, 'receive');
    } else {
      tick(p, 'local');
    }
  }
  return out;
}

function govector(events: Written[]): string {
  return events.map((e) => `${e.host} ${JSON.stringify(Object.fromEntries(e.clock))}\n${e.text}\n`).join('');
}

const enc = new TextEncoder();

const opsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(50), fc.nat(50)), { minLength: 1, maxLength: 60 });

function assertClocksRoundTrip(a: Analysis, written: Written[]): void {
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(a.executions).toHaveLength(1);
  const { execution: x, clocks } = a.executions[0]!;
  expect(x.eventCount).toBe(written.length);
  const byId = new Map(written.map((w) => [`${w.host}:${w.clock.get(w.host)}`, w]));
  for (let e = 0; e < x.eventCount; e++) {
    const p = x.eventProc[e]!;
    const seq = e - x.procStart[p]! + 1;
    const w = byId.get(`${x.processNames[p]}:${seq}`);
    expect(w).toBeDefined();
    x.processNames.forEach((q, qi) => expect(clocks.vc.entry(e, qi)).toBe(w!.clock.get(q) ?? 0));
    for (const h of w!.clock.keys()) expect(x.processNames).toContain(h);
  }
}

describe('GoVector round trip', () => {
  it('recomputes the written vector clocks from the derived edges (one file)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), opsArb, async (hosts, ops) => {
        const written = simulate(hosts, ops);
        const a = await analyze([{ name: 'run.log', bytes: enc.encode(govector(written)) }]);
        assertClocksRoundTrip(a, written);
      }),
      { numRuns: 150 },
    );
  });

  it('recomputes the written vector clocks from one file per host', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 5 }), opsArb, async (hosts, ops) => {
        const written = simulate(hosts, ops);
        const files = new Map<string, Written[]>();
        for (const w of written) files.set(w.host, [...(files.get(w.host) ?? []), w]);
        const inputs = [...files].map(([host, ws]) => ({ name: `${host}-Log.txt`, bytes: enc.encode(govector(ws)) }));
        assertClocksRoundTrip(await analyze(inputs), written);
      }),
      { numRuns: 100 },
    );
  });
});

describe('robustness', () => {
  it('never throws on random bytes read as ShiViz', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, withRegex) => {
        const options = withRegex ? { regex: String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)` } : { format: 'shiviz' };
        const a = await analyze([{ name: 'noise.log', bytes }], options);
        expect(Array.isArray(a.diagnostics)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on mutated logs, and reports problems on lines of the file', async () => {
    const mutation = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), opsArb, fc.array(mutation, { minLength: 1, maxLength: 5 }), async (hosts, ops, muts) => {
        let lines = govector(simulate(hosts, ops)).split('\n');
        for (const [kind, i, j, s] of muts) {
          const at = i % lines.length;
          const other = j % lines.length;
          if (kind === 0) lines.splice(at, 1);
          else if (kind === 1) lines.splice(at, 0, s);
          else if (kind === 2) [lines[at], lines[other]] = [lines[other]!, lines[at]!];
          else if (kind === 3) lines.splice(at, 0, lines[other]!);
          else lines[at] = lines[at]!.slice(0, j % (lines[at]!.length + 1)) + s;
          if (lines.length === 0) lines = [''];
        }
        const text = lines.join('\n');
        const a = await analyze([{ name: 'mutated.log', bytes: enc.encode(text) }], { format: 'shiviz' });
        const lineCount = text.split('\n').length;
        for (const d of a.diagnostics) expect(d.line).toBeLessThanOrEqual(lineCount);
      }),
      { numRuns: 200 },
    );
  });
});
