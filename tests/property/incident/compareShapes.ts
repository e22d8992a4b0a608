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
