/**
 * The assertions of the suite, as functions that say what differs instead
 * of throwing, so a failure names the shape, the first differing edge or
 * anomaly, and the files: edges equal to the model's messages, anomalies
 * equal to the reference shape's, offsets equal to the bounds the model
 * implies and holding the true offset.
 */
import type { Incident } from './incidentModel';
import { expectedOffsets } from './expectedOffsets';
import { key, type Observed } from './observe';

const EPS = 1e-6;

export function modelEdges(inc: Incident): string[] {
  return inc.edges.map(([s, r]) => `${s}->${r}`).sort();
}

/** The first difference of two sorted lists, said as `missing X` / `extra Y`, or null. */
export function firstDifference(want: string[], got: string[]): string | null {
  const w = new Set(want);
  const g = new Set(got);
  const missing = want.filter((x) => !g.has(x));
  const extra = got.filter((x) => !w.has(x));
  if (missing.length === 0 && extra.length === 0 && want.length === got.length) return null;
  return [missing.length ? `missing ${missing.slice(0, 3).join(' ')}` : '', extra.length ? `extra ${extra.slice(0, 3).join(' ')}` : '', want.length !== got.length ? `(${got.length} for ${want.length})` : '']
    .filter(Boolean)
    .join('; ');
}

export function edgeDifference(inc: Incident, got: Observed): string | null {
  const d = firstDifference(modelEdges(inc), got.edges);
  return d && `edges: ${d}`;
}

/**
 * Anomalies against the reference's. `programOrderFree`: the shape writes
 * events the reference does not (mentions), so the program-order neighbours
 * a clock-regression or an out-of-line stamp is reported between may differ;
 * those are left out on both sides.
 */
export function anomalyDifference(ref: Observed, got: Observed, programOrderFree: boolean): string | null {
  const keep = (o: Observed) =>
    o.anomalies.filter((a) => !(programOrderFree && (a.kind === 'clock-regression' || a.kind === 'same-clock-inversion'))).map(key);
  const d = firstDifference(keep(ref), keep(got));
  return d && `anomalies: ${d}`;
}

export function offsetDifference(inc: Incident, got: Observed): string | null {
  if (got.stepped.length > 0) return epochOffsetDifference(inc, got);
  const want = expectedOffsets(inc);
  if (want.conflict !== got.conflict) return `offsets: conflict ${got.conflict}, the model's ${want.conflict}`;
  if (want.conflict) return null;
  for (const o of got.offsets) {
    if (!inc.hosts.some((h) => h.name === o.domain)) return `offsets: domain ${o.domain} is no host`;
    const b = want.bounds(o.reference, o.domain);
    const same = (p: number | null, q: number | null) => (p === null ? q === null : q !== null && Math.abs(p - q) < EPS);
    if (!same(b.low, o.low) || !same(b.high, o.high))
      return `offsets: ${o.domain} vs ${o.reference} is [${o.low}, ${o.high}], the model implies [${b.low}, ${b.high}]`;
    const t = want.truth(o.reference, o.domain);
    if (t !== null && ((o.low !== null && t < o.low - EPS) || (o.high !== null && t > o.high + EPS)))
      return `offsets: ${o.domain}'s true offset ${t} ms from ${o.reference} is outside [${o.low}, ${o.high}]`;
  }
  return null;
}

/**
 * Where the analyzer split a stepped clock into epochs (clockEpochs.ts), each epoch has its own
 * offset and the model's one-offset-per-host bounds (expectedOffsets) no longer describe what it
 * must report: which events fall in which epoch, and that events in the overlap of two epochs
 * bound nothing, are clockEpochs' rules, checked against exact offsets by
 * tests/property/clockEpochs.test.ts. Here: no contradiction the model's messages do not make
 * (a step makes epochs, not a conflict), and every domain's interval (its last epoch's) holds its true offset from
 * the reference (an epoch name `<host> epoch N` reads the clock after N − 1 steps).
 */
function epochOffsetDifference(inc: Incident, got: Observed): string | null {
  // A contradiction left after the split is accepted only where the model's own messages
  // contradict one offset per host (as before epochs); then no interval is checked.
  if (got.conflict) return expectedOffsets(inc).conflict ? null : 'offsets: conflict reported, though the stepped clock was split into epochs and the model has none';
  // The clock a name reads: `<host> epoch N` after N − 1 steps; a plain name a host's first
  // epoch, or for a domain (whose interval is its last epoch's) the clock after its step when
  // the analyzer split it. A step the analyzer did not split leaves one mixed offset: not checked.
  const clock = (name: string, domainSide: boolean): number | null => {
    const m = /^(.*) epoch (\d+)$/.exec(name);
    const h = inc.hosts.find((x) => x.name === (m ? m[1] : name));
    if (!h) return null;
    if (!h.step) return h.offsetMs;
    if (!m && !got.stepped.includes(name)) return null;
    const after = m ? Number(m[2]) >= 2 : domainSide;
    return h.offsetMs - (after ? h.step.backMs : 0);
  };
  for (const o of got.offsets) {
    const t0 = clock(o.domain, true);
    const r0 = clock(o.reference, false);
    if (t0 === null || r0 === null) continue;
    const t = t0 - r0;
    if ((o.low !== null && t < o.low - EPS) || (o.high !== null && t > o.high + EPS))
      return `offsets (epochs): ${o.domain}'s true offset ${t} ms from ${o.reference} is outside [${o.low}, ${o.high}]`;
  }
  return null;
}

/**
 * The model's retries (client retries and broker redeliveries), as the
 * reference must report them: kind, outcome, and every attempt and receive
 * among its events. Executed twice takes two deliveries that each did the
 * work (a delivery alone proves nothing).
 */
export function retryDifference(inc: Incident, got: Observed, via: 'client' | 'broker'): string | null {
  for (const r of inc.retries) {
    if (r.via !== via) continue;
    const kind = r.idempotent ? 'idempotent-retry' : 'non-idempotent-retry';
    const outcome = r.evidence ? 'deduplicated' : r.worked >= 2 ? 'executed-twice' : 'unknown';
    const want = [...r.sends, ...r.received, ...(r.evidence ? [r.evidence] : [])];
    const found = got.anomalies.find((a) => a.kind === kind && want.every((e) => a.events.includes(e)));
    if (!found) return `retries: no ${kind} with ${want.join(',')}`;
    if (found.outcome !== outcome) return `retries: ${kind} ${want.join(',')} is ${found.outcome}, the model says ${outcome}`;
  }
  return null;
}

/**
 * Whether the rendered logs leave open which attempt of a request went through: a request id
 * (JSON lines with `request_id` and `dir`) whose client writes attempt numbers and whose server
 * writes none, with a different number of requests sent and received, or of replies sent and
 * received, where one side has two or more. Read from the files, not from the model: the server
 * cannot say which attempt it got, so the pairing rests on how far apart the two clocks are, and
 * where no other message bounds that (every reply lost, a host no other message reaches), every
 * order-keeping assignment fits and the analyzer's is an assignment choice (the smallest total
 * implied delay), not something the logs determine. The analyzer's evidence, not this test,
 * decides which of those incidents it could pin down; see ambiguousDifference.
 */
export function attemptsOpen(files: { text: string }[]): boolean {
  const count = new Map<string, number[]>(); // [client sends, server receives, server replies, client reply receives]
  for (const f of files)
    for (const line of f.text.split('\n')) {
      if (!line.startsWith('{')) continue;
      const o = JSON.parse(line) as Record<string, unknown>;
      const key = o['request_id'];
      const dir = o['dir'];
      if (typeof key !== 'string' || typeof dir !== 'string') continue;
      const c = count.get(key) ?? [0, 0, 0, 0];
      count.set(key, c);
      const client = o['attempt'] !== undefined;
      const at = dir === 'send' ? 0 : dir === 'recv' ? 1 : dir === 'reply' ? (client ? 3 : 2) : -1;
      if (at >= 0) c[at]!++;
    }
  for (const [s, r, rs, rr] of count.values()) if ((s !== r && Math.max(s!, r!) >= 2) || (rs !== rr && Math.max(rs!, rr!) >= 2)) return true;
  return false;
}

const RETRY_KINDS = new Set(['idempotent-retry', 'non-idempotent-retry']);
const UNMATCHED_KINDS = new Set(['unmatched-send', 'unmatched-receive']);

/**
 * For an incident whose logs leave the attempts open (attemptsOpen): what the logs do determine.
 * As many edges as the model's; every model edge the analyzer did not draw is among the
 * alternatives its evidence lists for the edge it drew to that receive (it saw the model's
 * choice and had no better reason); the retry findings with their kind, outcome and event set,
 * and as many lost / unmatched events of each kind, as the reference's. Clock findings and
 * offsets follow from which pairing was chosen, so they are not compared here.
 *
 * When a host's clock steps back in the scenario (the `+step` checks) and no process of that
 * host shows it (no stamp goes back), the messages sent before the step bound the offset to
 * where the true pairing after it does not fit: the analyzer, which cannot see the step, keeps
 * to the pairings that fit one offset and lists those. There the model's edge need not be among
 * the alternatives; each of its receives must still have an edge drawn to it.
 */
export function ambiguousDifference(inc: Incident, ref: Observed, got: Observed): string | null {
  const stepped = inc.hosts.some((h) => h.step !== null);
  const want = modelEdges(inc);
  if (want.length !== got.edges.length) return `edges (attempts open): ${firstDifference(want, got.edges)}`;
  const drawn = new Set(got.edges);
  for (const edge of want) {
    if (drawn.has(edge)) continue;
    const [s, r] = edge.split('->');
    const chosen = got.edges.find((e) => e.endsWith(`->${r}`));
    if (!chosen) return `edges (attempts open): nothing drawn to ${r}, the model has ${edge}`;
    if (!stepped && !got.alternatives[chosen]?.includes(s!)) return `edges (attempts open): ${chosen} lists ${JSON.stringify(got.alternatives[chosen] ?? [])}, not the model's ${s}`;
  }
  const retries = (o: Observed) => o.anomalies.filter((a) => RETRY_KINDS.has(a.kind)).map(key);
  const d = firstDifference(retries(ref), retries(got));
  if (d) return `anomalies (attempts open): ${d}`;
  // Counted by event: how lost sends are grouped into findings follows which ones they are.
  const lost = (o: Observed) => o.anomalies.filter((a) => UNMATCHED_KINDS.has(a.kind)).flatMap((a) => a.events.map(() => a.kind)).sort();
  const l = firstDifference(lost(ref), lost(got));
  return l && `anomalies (attempts open): ${l}`;
}
