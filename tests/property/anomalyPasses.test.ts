/**
 * findAnomalies shares passes between detectors: the messages indexed once
 * from both ends (messageLinks.ts) for the retries and the unmatched ends,
 * and the messages within one domain listed by the skew pass for the
 * same-clock one. The index must equal plain loops over the edges, and the
 * anomalies must be those of each detector run alone (making its own passes),
 * on random executions: several domains, untimed events, edges set aside by
 * cycles, receives with two sends, ids, directions and operations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/core/anomalies/findAnomalies';
import { backwardSteps } from '../../src/core/anomalies/backwardSteps';
import { findClockRegressions } from '../../src/core/anomalies/clockRegression';
import { findClockSkew } from '../../src/core/anomalies/clockSkew';
import { findConcurrentWrites } from '../../src/core/anomalies/concurrentWrites';
import { Operations } from '../../src/core/anomalies/idempotency';
import { messageLinks } from '../../src/core/anomalies/messageLinks';
import { findRecordedAfterEffect } from '../../src/core/anomalies/recordedAfterEffect';
import { findRetries } from '../../src/core/anomalies/retries';
import { findSameClockInversions } from '../../src/core/anomalies/sameClockInversion';
import { findUnmatchedMessages } from '../../src/core/anomalies/unmatchedMessages';
import { searchTexts } from '../../src/core/anomalies/textSearches';
import { findCorrelations, MAX_SHARE, MIN_CAP } from '../../src/core/correlate/correlationGroups';
import { compileCorrelationPatterns, scanTokens } from '../../src/core/correlate/correlationTokens';
import type { Anomaly } from '../../src/core/anomalies/anomaly';
import { computeClocks } from '../../src/core/clocks/clockEngine';
import { conventionEnds } from '../../src/core/correlate/messageEnds';
import { textOf, type Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';

const T0_MS = 1_700_000_000_000;

const executionArb = fc.record({
  procs: fc.integer({ min: 1, max: 5 }),
  events: fc.array(
    fc.record({
      proc: fc.nat(4),
      domain: fc.nat(2),
      time: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: null }),
      fields: fc.dictionary(
        fc.constantFrom('msg_id', 'dir', 'to', 'from', 'attempt', 'method', 'op', 'key', 'idempotency_key'),
        fc.constantFrom('a', 'b', 'p0', 'p1', 'p2', 'send', 'recv', 'reply', 'POST', 'GET', 'set', 'charge', '1', '2'),
      ),
      text: fc.constantFrom('', 'SET x=1', 'POST /pay', 'charged card', 'duplicate request', 'retrying', 'committed', 'hello'),
    }),
    { maxLength: 40 },
  ),
  edges: fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 30 }),
});

type Shape = typeof executionArb extends fc.Arbitrary<infer T> ? T : never;

function build(m: Shape): Execution {
  const b = new ExecutionBuilder('passes');
  const hs = m.events.map((ev, i) =>
    b.addEvent(b.process(`p${ev.proc % m.procs}`, `D${ev.domain}`), {
      text: ev.text,
      fields: ev.fields,
      input: 'in',
      line: i + 1,
      time: ev.time === null ? null : { ms: T0_MS + ev.time, ns: 0, digits: 3 },
    }),
  );
  for (const [f, t] of m.edges) if (f < hs.length && t < hs.length && f !== t) b.addEdge(hs[f]!, hs[t]!, 'r', `k${f}`);
  return b.build();
}

const plain = (list: readonly Anomaly[]) => list.map((a) => ({ kind: a.kind, severity: a.severity, events: a.events, summary: a.summary, detail: a.detail }));

describe('passes findAnomalies shares between detectors', () => {
  it('messageLinks: the first send into each event and each event’s receivers in edge order, as plain loops give them', () => {
    fc.assert(
      fc.property(executionArb, (m) => {
        const x = build(m);
        const links = messageLinks(x);
        for (let e = 0; e < x.eventCount; e++) {
          let first = -1;
          const out: number[] = [];
          for (let k = 0; k < x.edgeCount; k++) {
            if (x.edgeTo[k] === e && first < 0) first = x.edgeFrom[k]!;
            if (x.edgeFrom[k] === e) out.push(x.edgeTo[k]!);
          }
          expect(links.sendOf[e]).toBe(first);
          expect([...links.outTo.subarray(links.outStart[e], links.outStart[e + 1])]).toEqual(out);
        }
        expect(links.outStart[x.eventCount]).toBe(x.edgeCount);
      }),
      { numRuns: 500 },
    );
  });

  it('findAnomalies finds what each detector finds alone', () => {
    fc.assert(
      fc.property(executionArb, (m) => {
        const x = build(m);
        const clocks = computeClocks(x, []);
        const offsets = estimateOffsets(x, 0, clocks.edgeIgnored);
        const steps = offsets.steps ?? backwardSteps(x);
        const ends = conventionEnds(x);
        const options = { idempotency: { charge: false } };
        const alone = [
          ...findClockSkew(x, clocks.edgeIgnored),
          ...findClockRegressions(x, steps),
          ...findSameClockInversions(x, clocks.edgeIgnored, steps),
          ...findRecordedAfterEffect(x, clocks.edgeIgnored),
          ...findRetries(x, ends, new Operations(x, options.idempotency)),
          ...findUnmatchedMessages(x, ends),
          ...findConcurrentWrites(x, clocks),
        ];
        expect(plain(findAnomalies(x, clocks, offsets, options, undefined, ends))).toEqual(plain(alone));
        expect(plain(findAnomalies(x, clocks, offsets, options, undefined, ends, searchTexts(x)))).toEqual(plain(alone));
      }),
      { numRuns: 500 },
    );
  });

  // analyze() searches every text once (textSearches.ts) for the SET writes and the correlations' ids; over
  // several chunks of texts, with SET lines and ids at the chunks' edges, both find what their own passes find.
  it('one search of every text gives the concurrent writes and the correlations their own searches give', () => {
    const piece = fc.constantFrom('SET ', 'set ', 'Set', 'x=1', 'y=', ' ', '=', 'SET k', '=v', 'blk_7', 'blk_', '-42', 'req-', '0123456789abcdef', '0123456789ABCDEF', 'q-', 'GET');
    fc.assert(
      fc.property(
        fc.array(fc.record({ proc: fc.nat(2), text: fc.array(piece, { maxLength: 4 }).map((p) => p.join('')) }), { minLength: 257, maxLength: 600 }),
        (events) => {
          const b = new ExecutionBuilder('texts');
          events.forEach((ev, i) => b.addEvent(b.process(`p${ev.proc}`), { text: ev.text, input: 'in', line: i + 1, time: { ms: T0_MS + i, ns: 0, digits: 3 } }));
          const x = b.build();
          const clocks = computeClocks(x, []);
          const texts = searchTexts(x);
          expect(plain(findConcurrentWrites(x, clocks, texts))).toEqual(plain(findConcurrentWrites(x, clocks)));
          // The correlations as a scan of each text alone gives them: built-in ids, then the user's pattern's, in order.
          const options = { correlationPatterns: ['k(=v)', 'x=\\d'] };
          const { patterns } = compileCorrelationPatterns(options.correlationPatterns);
          const seen = new Map<string, { source: number; events: number[]; processes: number[] }>();
          for (let e = 0; e < x.eventCount; e++) {
            scanTokens(textOf(x, e), patterns, (v, kind) => {
              const g = seen.get(v) ?? { source: kind, events: [], processes: [] };
              if (g.events[g.events.length - 1] !== e) g.events.push(e);
              if (!g.processes.includes(x.eventProc[e]!)) g.processes.push(x.eventProc[e]!);
              seen.set(v, g);
            });
          }
          const cap = Math.max(MIN_CAP, Math.floor(x.eventCount * MAX_SHARE));
          const want = [...seen]
            .filter(([, g]) => g.processes.length >= 2 && g.events.length <= cap)
            .map(([key, g]) => ({ key, source: g.source, events: g.events, processes: g.processes.sort((p, q) => p - q) }))
            .sort((p, q) => q.processes.length - p.processes.length || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
          expect(findCorrelations(x, options, undefined, texts)).toEqual(want);
        },
      ),
      { numRuns: 40 },
    );
  });
});
