/**
 * The rule that a finding never contradicts itself or the data: its
 * anomalies all tell the same kind of thing with the same outcome, its
 * severity is their worst, its events hold theirs, and its sentence claims
 * no outcome one of them denies (a finding that says the work ran twice holds
 * no retry that ran once, and the other way round). Returns what is wrong,
 * or null. Tests hold every finding groupFindings makes to it.
 */
import type { ExecutionResult } from '../analysis/analyze';
import type { AnomalySeverity } from '../anomalies/anomaly';
import type { Finding } from './finding';

const RANK: Record<AnomalySeverity, number> = { critical: 0, warning: 1, info: 2 };

const RAN_ONCE = /\bran once\b/;
const RAN_AGAIN = /\b(?:did the work (?:twice|\d+ times)|ran (?:twice|\d+ times))\b/;

export function findingContradiction(f: Finding, r: ExecutionResult): string | null {
  const list = f.anomalies.map((i) => r.anomalies[i]);
  if (list.some((a) => a === undefined)) return `${f.id} names an anomaly that is not there`;
  const anomalies = list.map((a) => a!);
  if (f.kind === 'node-failure') {
    if (!f.timeline || f.timeline.length === 0) return `${f.id} is a node failure with no timeline`;
  } else if (anomalies.length === 0) return `${f.id} holds no anomaly`;
  const kinds = new Set(anomalies.map((a) => a.kind));
  if (kinds.size > 1 || (kinds.size === 1 && !kinds.has(f.kind as never))) return `${f.id} (${f.kind}) holds anomalies of kinds ${[...kinds].join(', ')}`;
  const outcomes = new Set(anomalies.map((a) => a.detail['outcome']).filter((o) => o !== undefined));
  if (outcomes.size > 1) return `${f.id} holds anomalies with outcomes ${[...outcomes].join(', ')}`;
  if (anomalies.length > 0) {
    let worst: AnomalySeverity = 'info';
    for (const a of anomalies) if (RANK[a.severity] < RANK[worst]) worst = a.severity;
    if (worst !== f.severity) return `${f.id} is ${f.severity} but its worst anomaly is ${worst}`;
  }
  const events = new Set(f.events);
  for (const a of anomalies) for (const e of a.events) if (!events.has(e)) return `${f.id} leaves out event ${e} of its anomalies`;
  for (const text of [f.summary, ...anomalies.map((a) => a.summary)]) {
    if (RAN_ONCE.test(text) && anomalies.some((a) => a.detail['outcome'] === 'executed-twice')) return `${f.id} says "ran once" but holds a retry that ran again`;
    if (RAN_AGAIN.test(text) && anomalies.some((a) => a.detail['outcome'] === 'deduplicated')) return `${f.id} says the work ran again but holds a retry that ran once`;
  }
  return null;
}
