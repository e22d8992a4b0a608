/**
 * Random request / reply / retry / loss scenarios with a known truth, each
 * rendered as JSON lines with direction fields or as text with wording only,
 * with and without attempt numbers on either side, clocks of every host
 * offset by up to ±3 s: the matched edges are exactly the scenario's
 * deliveries, and the retry and lost-message findings are exactly its
 * retries and losses, nothing missing and no false alarm.
 *
 * Scenario: clients send requests to one server, one at a time. An attempt's
 * request may be lost; if it arrives, the server does the work (or, in the
 * dedup variant, recognizes a repeat), answers, and the answer may be lost.
 * A client that hears nothing within its timeout logs so and tries again,
 * up to three attempts. Every log starts well before and ends well after the
 * exchange, so every lost message falls inside its peer's log.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { eventId } from '../../src/core/model/execution';

const T0 = Date.UTC(2026, 2, 14, 9, 0, 0);
const TIMEOUT = 1000;

interface Attempt {
  requestLost: boolean;
  replyLost: boolean;
  d1: number;
  d2: number;
  d3: number;
}
interface Request {
  client: number;
  attempts: Attempt[];
}
interface Render {
  clientJson: boolean;
  serverJson: boolean;
  clientAttempts: boolean;
  serverAttempts: boolean;
  replyWord: 'send' | 'reply';
  dedup: boolean;
}
interface Scenario {
  clients: number;
  offsets: number[];
  requests: Request[];
  render: Render;
}

const attemptArb = fc.record({
  requestLost: fc.boolean(),
  replyLost: fc.boolean(),
  d1: fc.integer({ min: 1, max: 50 }),
  d2: fc.integer({ min: 1, max: 5 }),
  d3: fc.integer({ min: 1, max: 50 }),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    clients: fc.integer({ min: 1, max: 2 }),
    offsets: fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 3, maxLength: 3 }),
    requests: fc.array(fc.record({ client: fc.nat(1), attempts: fc.array(attemptArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 6 }),
    render: fc.record({
      clientJson: fc.boolean(),
      serverJson: fc.boolean(),
      clientAttempts: fc.boolean(),
      serverAttempts: fc.boolean(),
      replyWord: fc.constantFrom('send' as const, 'reply' as const),
      dedup: fc.boolean(),
    }),
  })
  .map((s) => ({
    ...s,
    // Every attempt but the last failed (that is why there was another).
    requests: s.requests.map((r) => ({
      client: r.client % s.clients,
      attempts: r.attempts.map((a, i) => (i < r.attempts.length - 1 && !a.requestLost && !a.replyLost ? { ...a, replyLost: true } : a)),
    })),
  }));

type Line = { proc: number; t: number; text: string; fields: Record<string, string | number> };

interface Truth {
  files: { name: string; bytes: Uint8Array }[];
  edges: string[];
  findings: string[];
}

/** Logs and truth; proc C is the server, 0..C-1 the clients. */
function render(s: Scenario): Truth {
  const C = s.clients;
  const S = C;
  const name = (p: number) => (p === S ? 'server' : `client-${p + 1}`);
  const lines: Line[] = [];
  const idOf = new Map<Line, string>();
  const add = (proc: number, t: number, text: string, fields: Record<string, string | number>) => {
    const l = { proc, t, text, fields };
    lines.push(l);
    return l;
  };
  const edges: [Line, Line][] = [];
  const findings: { kind: string; severity: string; events: Line[]; outcome?: string }[] = [];
  const { render: r } = s;
  const att = (side: 'c' | 's', a: number): Record<string, number> => ((side === 'c' ? r.clientAttempts : r.serverAttempts) ? { attempt: a } : {});

  for (let p = 0; p <= C; p++) add(p, -10_000, 'started', {});
  let t = 0;
  for (let c = 0; c < C; c++) {
    const ping = add(c, t, `sent ping to server`, { msg_id: `ping-${c}`, dir: 'send', to: 'server' });
    const pingIn = add(S, t + 10, `received ping from ${name(c)}`, { msg_id: `ping-${c}`, dir: 'recv', from: name(c) });
    const pong = add(S, t + 11, `sent pong to ${name(c)}`, { msg_id: `pong-${c}`, dir: 'send', to: name(c) });
    const pongIn = add(c, t + 21, 'received pong from server', { msg_id: `pong-${c}`, dir: 'recv', from: 'server' });
    edges.push([ping, pingIn], [pong, pongIn]);
    t += 100;
  }
  s.requests.forEach((req, k) => {
    const id = `r-${k}`;
    const c = req.client;
    const sends: Line[] = [];
    const deliveries: Line[] = [];
    let dedupLine: Line | null = null;
    req.attempts.forEach((a, i) => {
      const n = i + 1;
      const send = add(c, t, 'sent POST /pay to server', { request_id: id, dir: 'send', to: 'server', method: 'POST', ...att('c', n) });
      sends.push(send);
      if (a.requestLost) findings.push({ kind: 'unmatched-send', severity: 'warning', events: [send] });
      else {
        const recv = add(S, t + a.d1, `received POST /pay from ${name(c)}`, { request_id: id, dir: 'recv', from: name(c), ...att('s', n) });
        edges.push([send, recv]);
        const first = deliveries.length === 0;
        deliveries.push(recv);
        if (first || !r.dedup) add(S, t + a.d1 + 1, 'payment stored', { request_id: id });
        else {
          const d = add(S, t + a.d1 + 1, 'duplicate request, already processed', { request_id: id });
          dedupLine ??= d;
        }
        const reply = add(S, t + a.d1 + a.d2, `sent response to ${name(c)}`, { request_id: id, dir: r.replyWord, to: name(c), ...att('s', n) });
        if (a.replyLost) findings.push({ kind: 'unmatched-send', severity: 'warning', events: [reply] });
        else {
          const back = add(c, t + a.d1 + a.d2 + a.d3, 'received response from server', { request_id: id, dir: 'recv', from: 'server', ...att('c', n) });
          edges.push([reply, back]);
        }
      }
      if (i < req.attempts.length - 1) add(c, t + TIMEOUT, 'timeout waiting for server, retrying', { request_id: id });
      t += TIMEOUT + 5;
    });
    if (sends.length >= 2) {
      const outcome = deliveries.length >= 2 ? (r.dedup ? 'deduplicated' : 'executed-twice') : 'unknown';
      const severity = outcome === 'executed-twice' ? 'critical' : outcome === 'unknown' ? 'warning' : 'info';
      findings.push({ kind: 'non-idempotent-retry', severity, events: [...sends, ...deliveries, ...(dedupLine ? [dedupLine] : [])], outcome });
    }
    t += 500;
  });
  for (let p = 0; p <= C; p++) add(p, t + 10_000, 'stopped', {});

  // Event ids: program order is time order per process (ties keep the order written).
  const perProc = Array.from({ length: C + 1 }, (_, p) => lines.filter((l) => l.proc === p).sort((a, b) => a.t - b.t));
  perProc.forEach((ls, p) => ls.forEach((l, i) => idOf.set(l, `${name(p)}:${i + 1}`)));

  const files = perProc.map((ls, p) => {
    const json = p === S ? r.serverJson : r.clientJson;
    const body = ls
      .map((l) => {
        const ts = new Date(T0 + l.t + s.offsets[p]!).toISOString();
        if (json) return JSON.stringify({ ts, service: name(p), msg: l.text, ...l.fields });
        // Text: wording only; the id and attempt as key=value, no dir / to / from / method.
        const kv = Object.entries(l.fields)
          .filter(([k]) => k === 'request_id' || k === 'msg_id' || k === 'attempt')
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        return `${ts} ${l.text}${kv ? ` ${kv}` : ''}`;
      })
      .join('\n');
    return { name: `${name(p)}.${json ? 'jsonl' : 'log'}`, bytes: new TextEncoder().encode(body + '\n') };
  });
  return {
    files,
    edges: edges.map(([a, b]) => `${idOf.get(a)} -> ${idOf.get(b)}`).sort(),
    findings: findings
      .map((f) => `${f.kind} ${f.severity} ${f.events.map((l) => idOf.get(l)).sort().join(' ')}${f.outcome ? ` ${f.outcome}` : ''}`)
      .sort(),
  };
}

describe('matching random request / retry / loss scenarios in many renderings', () => {
  it('matches exactly the true deliveries and reports exactly the true retries and losses', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const truth = render(s);
        const a = await analyze(truth.files);
        expect(a.executions).toHaveLength(1);
        const { execution: x, anomalies } = a.executions[0]!;
        const edges: string[] = [];
        for (let k = 0; k < x.edgeCount; k++) edges.push(`${eventId(x, x.edgeFrom[k]!)} -> ${eventId(x, x.edgeTo[k]!)}`);
        expect(edges.sort()).toEqual(truth.edges);
        const findings = anomalies
          .filter((an) => an.kind === 'non-idempotent-retry' || an.kind === 'idempotent-retry' || an.kind === 'unmatched-send' || an.kind === 'unmatched-receive')
          .map((an) => {
            const outcome = an.detail['outcome'];
            return `${an.kind} ${an.severity} ${an.events.map((e) => eventId(x, e)).sort().join(' ')}${typeof outcome === 'string' ? ` ${outcome}` : ''}`;
          })
          .sort();
        expect(findings).toEqual(truth.findings);
      }),
      { numRuns: 150 },
    );
  });
});
