/**
 * N sources × M records interleaved in one structured file (JSON lines,
 * logfmt, CSV) read exactly as one file per source does: the same processes
 * (a service on its first host keeps its name, on another it is svc@host),
 * each in the same clock domain with the same events in the same program
 * order, and the same message edges. Service and host keys are drawn from
 * the conventional names; some services run on several hosts, and some
 * records name a host only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { textsOf } from '../../src/core/model/execution';

interface Source {
  service: string | null;
  host: string;
}

interface Rec {
  source: number;
  text: string;
  fields: [string, string][];
}

const SERVICE_KEYS = ['svc', 'service', 'app', 'component', 'container', 'service.name'] as const;
const HOST_KEYS = ['host', 'hostname', 'node', 'host.name'] as const;

const scenarioArb = fc
  .record({
    services: fc.integer({ min: 1, max: 6 }),
    hosts: fc.integer({ min: 1, max: 8 }),
    sources: fc.array(fc.record({ service: fc.option(fc.nat(5), { freq: 5 }), host: fc.nat(7) }), { minLength: 1, maxLength: 14 }),
    perSource: fc.integer({ min: 1, max: 6 }),
    serviceKey: fc.constantFrom(...SERVICE_KEYS),
    hostKey: fc.constantFrom(...HOST_KEYS),
    format: fc.constantFrom('jsonl', 'logfmt', 'csv'),
    seed: fc.integer(),
    messages: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
  })
  .map((s) => {
    // Distinct sources (a service on a host, or a host alone).
    const seen = new Set<string>();
    const sources: Source[] = [];
    for (const r of s.sources) {
      const src: Source = { service: r.service === null ? null : `svc${r.service % s.services}`, host: `h${r.host % s.hosts}` };
      const k = `${src.service}@${src.host}`;
      if (!seen.has(k)) {
        seen.add(k);
        sources.push(src);
      }
    }
    return { ...s, sources };
  });

/** Program order per source, then a deterministic interleaving from the seed; messages between sources' records. */
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function records(sc: Scenario): Rec[] {
  const { sources, perSource, seed, messages } = sc;
  const queues = sources.map((_, s) => Array.from({ length: perSource }, (_, i) => ({ source: s, text: `s${s}r${i}`, fields: [] as [string, string][] })));
  // A message: the k-th record of source a sends, the k-th of source b receives.
  messages.forEach(([a, b], m) => {
    const from = a % sources.length;
    const to = b % sources.length;
    if (from === to) return;
    const i = m % perSource;
    const nameOf = (s: Source) => s.service ?? s.host;
    const sr = queues[from]![i]!;
    const rr = queues[to]![(i + 1) % perSource]!;
    if (sr.fields.length > 0 || rr.fields.length > 0) return;
    sr.fields.push(['msg_id', `m-${m}`], ['dir', 'send'], ['to', nameOf(sources[to]!)]);
    rr.fields.push(['msg_id', `m-${m}`], ['dir', 'recv'], ['from', nameOf(sources[from]!)]);
  });
  const out: Rec[] = [];
  let x = seed | 0;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    return (x >>> 8) & 0xffff;
  };
  const left = queues.map((q) => q.length);
  let total = left.reduce((p, q) => p + q, 0);
  while (total > 0) {
    let pick = next() % total;
    let s = 0;
    while (pick >= left[s]!) pick -= left[s++]!;
    const q = queues[s]!;
    out.push(q[q.length - left[s]!]!);
    left[s]!--;
    total--;
  }
  return out;
}

function write(sc: Scenario, recs: Rec[], header: boolean): string {
  const { sources, serviceKey, hostKey, format } = sc;
  const t = (i: number) => `2026-03-14T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`;
  const extra = ['msg_id', 'dir', 'to', 'from'];
  const lines: string[] = [];
  if (format === 'csv' && header) lines.push(['ts', serviceKey, hostKey, 'msg', ...extra].join(','));
  recs.forEach((r) => {
    const src = sources[r.source]!;
    const i = Number(r.text.slice(r.text.indexOf('r') + 1));
    const f = new Map(r.fields);
    if (format === 'jsonl') {
      const o: Record<string, string> = { ts: t(i) };
      if (src.service !== null) o[serviceKey] = src.service;
      o[hostKey] = src.host;
      o['msg'] = r.text;
      for (const [k, v] of r.fields) o[k] = v;
      lines.push(JSON.stringify(o));
    } else if (format === 'logfmt') {
      const parts = [`ts=${t(i)}`];
      if (src.service !== null) parts.push(`${serviceKey}=${src.service}`);
      parts.push(`${hostKey}=${src.host}`, `msg=${r.text}`);
      for (const [k, v] of r.fields) parts.push(`${k}=${v}`);
      lines.push(parts.join(' '));
    } else {
      lines.push([t(i), src.service ?? '', src.host, r.text, ...extra.map((k) => f.get(k) ?? '')].join(','));
    }
  });
  return lines.join('\n') + '\n';
}

const ext = { jsonl: 'jsonl', logfmt: 'log', csv: 'csv' } as const;
const enc = (s: string) => new TextEncoder().encode(s);

/** Processes with their domain and events in program order; edges by event text. */
function summary(a: Analysis): { lanes: string[]; edges: string[] } {
  expect(a.executions).toHaveLength(1);
  const x = a.executions[0]!.execution;
  const texts = textsOf(x);
  const lanes = x.processNames.map((name, p) => {
    const events: string[] = [];
    for (let e = 0; e < x.eventCount; e++) if (x.eventProc[e] === p) events.push(texts[e]!);
    return `${name} in ${x.domainNames[x.processDomain[p]!]}: ${events.join(' ')}`;
  });
  const edges: string[] = [];
  for (let k = 0; k < x.edgeCount; k++) edges.push(`${texts[x.edgeFrom[k]!]} -> ${texts[x.edgeTo[k]!]}`);
  return { lanes: lanes.sort(), edges: edges.sort() };
}

describe('many sources in one structured file', () => {
  it('N sources × M records interleaved read as one file per source: processes, domains, program order, edges', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const recs = records(sc);
        const one = await analyze([{ name: `all.${ext[sc.format]}`, bytes: enc(write(sc, recs, true)) }]);
        // One file per source, named in the order sources first appear, so each service meets its hosts in the same order.
        const firstAt = new Map<number, number>();
        recs.forEach((r, i) => {
          if (!firstAt.has(r.source)) firstAt.set(r.source, i);
        });
        const files = [...firstAt.keys()].map((s, order) => ({
          name: `${String(order).padStart(3, '0')}-src${s}.${ext[sc.format]}`,
          bytes: enc(write(sc, recs.filter((r) => r.source === s), true)),
        }));
        const split = await analyze(files);
        const a = summary(one);
        const b = summary(split);
        expect(a.lanes).toEqual(b.lanes);
        expect(a.edges).toEqual(b.edges);
        // Every source is a process of its own, in its host's domain.
        expect(a.lanes).toHaveLength(sc.sources.length);
        for (const src of sc.sources) expect(a.lanes.some((l) => l.includes(` in ${src.host}: `) && l.startsWith(src.service ?? src.host))).toBe(true);
        const reading = one.inputs[0]!.reading;
        expect(reading.sources).toBe(sc.sources.length);
      }),
      { numRuns: 60 },
    );
  });
});
