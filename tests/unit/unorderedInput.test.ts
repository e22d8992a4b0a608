import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';

const T0 = Date.UTC(2005, 11, 4, 6, 0, 0) / 1000;

/** An HPC-like cluster log: `id node component state epoch flag text`, one line per record. */
function clusterLine(id: number, node: string, epoch: number, text: string): string {
  return `${id} ${node} unix.hw state_change.unavailable ${epoch} 1 ${text}`;
}

async function run(text: string, name = 'cluster.log') {
  const a = await analyze([{ name, bytes: new TextEncoder().encode(text) }]);
  const kinds = a.executions.flatMap((r) => r.anomalies.map((x) => x.kind));
  const unordered = a.diagnostics.filter((d) => d.message.startsWith('lines are not in time order'));
  return { a, kinds, unordered };
}

describe('an input whose lines are not in time order', () => {
  it('says so once, with counts, and claims no clock step or out-of-line stamp for it', async () => {
    // Record-id order, as loghub's HPC sample: each node's lines jump back and forth by hours.
    const lines: string[] = [];
    for (let i = 0; i < 120; i++) lines.push(clusterLine(1000 + i, `node-${i % 4}`, T0 + ((i * 7919) % 97) * 3600, `Component State Change: ${i}`));
    const { kinds, unordered } = await run(lines.join('\n'));
    expect(kinds.filter((k) => k === 'clock-regression' || k === 'same-clock-inversion')).toEqual([]);
    expect(unordered).toHaveLength(1);
    expect(unordered[0]).toMatchObject({ input: 'cluster.log', severity: 'warning' });
    expect(unordered[0]!.message).toMatch(/^lines are not in time order within their sources: \d+ of \d+ steps/);
  });

  it('still reports a clock stepped back once in a log written in order', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) lines.push(`${new Date((T0 + i - (i >= 60 ? 30 : 0)) * 1000).toISOString()} web-1 served request ${i}`);
    const { kinds, unordered } = await run(lines.join('\n'), 'web.log');
    expect(unordered).toEqual([]);
    expect(kinds).toContain('clock-regression');
  });

  it('still reports a host clock stepped back once in one file of the host\'s sources (each goes back once)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 48; i++) {
      const at = new Date((T0 + i - (i >= 30 ? 20 : 0)) * 1000).toISOString();
      lines.push(`ts=${at} svc=svc-${i % 6} host=node-1 msg="tick ${i}"`);
    }
    const { kinds, unordered } = await run(lines.join('\n'), 'node-1.log');
    expect(unordered).toEqual([]);
    expect(kinds.filter((k) => k === 'clock-regression')).toHaveLength(6);
  });

  it('property: shuffling a long log of several sources always says so; a sorted one never does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 60, max: 150 }), fc.integer(), async (nodes, n, seed) => {
        const recs = Array.from({ length: n }, (_, i) => ({ node: `n${i % nodes}`, t: T0 + i * 13 }));
        const sorted = recs.map((r, i) => clusterLine(i, r.node, r.t, `event ${i}`)).join('\n');
        expect((await run(sorted)).unordered).toEqual([]);
        // A seeded shuffle (Fisher–Yates with a linear congruential generator).
        let s = seed >>> 0;
        const shuffled = [...recs];
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const { unordered, kinds } = await run(shuffled.map((r, i) => clusterLine(i, r.node, r.t, `event ${i}`)).join('\n'));
        expect(unordered).toHaveLength(1);
        expect(kinds.filter((k) => k === 'clock-regression' || k === 'same-clock-inversion')).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('a clock step back', () => {
  it('of seconds reads as an NTP step; of more than an hour, as lines of another file or run joined', async () => {
    const at = (s: number, i: number) => `${new Date((T0 + s) * 1000).toISOString()} svc line ${i}`;
    const short = await analyze([{ name: 'a.log', bytes: new TextEncoder().encode([at(0, 0), at(10, 1), at(20, 2), at(5, 3), at(6, 4), at(7, 5)].join('\n')) }]);
    const long = await analyze([{ name: 'b.log', bytes: new TextEncoder().encode([at(0, 0), at(10, 1), at(90_000, 2), at(5, 3), at(6, 4), at(7, 5)].join('\n')) }]);
    const summary = (a: typeof short) => a.executions[0]!.anomalies.find((x) => x.kind === 'clock-regression')!.summary;
    expect(summary(short)).toContain('as after an NTP step');
    expect(summary(long)).toContain('more likely lines of another file, run or writer joined here than an NTP step');
  });
});
