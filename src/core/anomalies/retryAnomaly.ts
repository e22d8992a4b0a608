/**
 * A retry reported: its outcome and severity, its detail, and an anomaly
 * whose summary is written from that detail each time it is read
 * (LazyAnomaly). `deduplicated` when an event recognized the repeat;
 * `executed-twice` when two or more deliveries were each followed by the
 * operation's work (retryOutcome.ts); else `unknown`. A non-idempotent
 * operation run twice is critical, one that may have run twice a warning;
 * a retry of an idempotent operation is told, as info.
 */
import { eventId, type Execution, textOf } from '../model/execution';
import type { Anomaly, AnomalySeverity } from './anomaly';
import { LazyAnomaly } from './lazyAnomaly';
import type { RetryOutcomes } from './retryOutcome';
import type { RetrySource } from './retrySource';
import type { RetryUnit } from './retryUnits';

type RetryOutcome = 'executed-twice' | 'deduplicated' | 'unknown';

/** The anomaly of a unit found to be a retry, its deliveries in delivery order. */
export function reportRetry(
  x: Execution,
  u: RetryUnit,
  source: RetrySource,
  op: string,
  idempotent: boolean,
  /** The event that recognized the repeat (-1: none). */
  ev: number,
  sendOf: Int32Array,
  outcomes: RetryOutcomes,
  keyText: (k: number) => string,
): Anomaly {
  const deliveries = u.recvs;
  const work: number[] = [];
  for (const r of deliveries) {
    // The requester: the process of the matched send (-1: none).
    const w = outcomes.workOf(r, sendOf[r]! >= 0 ? x.eventProc[sendOf[r]!]! : -1);
    if (w >= 0) work.push(w);
  }
  const outcome: RetryOutcome = ev >= 0 ? 'deduplicated' : work.length >= 2 ? 'executed-twice' : 'unknown';
  const severity: AnomalySeverity = idempotent ? 'info' : outcome === 'executed-twice' ? 'critical' : outcome === 'unknown' ? 'warning' : 'info';
  /** The processes' names, each once, in order of first appearance. */
  const names = (es: number[]) => {
    if (es.length > 32) return [...new Set(es.map((e) => x.processNames[x.eventProc[e]!]!))];
    const out: string[] = [];
    for (const e of es) {
      const name = x.processNames[x.eventProc[e]!]!;
      if (!out.includes(name)) out.push(name);
    }
    return out;
  };
  const clients = names(u.sends);
  const servers = names(deliveries);
  const client = clients.length ? clients.join(' and ') : null;
  const detail: RetryDetail = {
    operation: op,
    idempotent,
    key: keyText(u.key),
    outcome,
    source,
    attempts: u.sends.length,
    deliveries: deliveries.length,
    client,
    servers,
    evidence: ev >= 0 ? eventId(x, ev) : null,
    work: work.map((e) => eventId(x, e)),
  };
  return retryAnomaly(x, severity, [...u.sends, ...deliveries, ...(ev >= 0 ? [ev] : [])], detail, ev);
}

/** A retry's detail, which its summary is written from. */
type RetryDetail = {
  operation: string;
  idempotent: boolean;
  key: string;
  outcome: RetryOutcome;
  source: RetrySource;
  attempts: number;
  deliveries: number;
  client: string | null;
  servers: string[];
  evidence: string | null;
  work: string[];
};

/** Top-level, so the summary's closure holds the detail and the execution, not the detector's per-event arrays. */
function retryAnomaly(x: Execution, severity: AnomalySeverity, events: number[], detail: RetryDetail, ev: number): Anomaly {
  return new LazyAnomaly(detail.idempotent ? 'idempotent-retry' : 'non-idempotent-retry', severity, events, detail, () => retrySummary(x, detail, ev));
}

/** `ev`: the event that recognized the repeat (-1: none). */
function retrySummary(x: Execution, d: RetryDetail, ev: number): string {
  const { source, operation: op, idempotent, outcome, client, attempts, deliveries } = d;
  const worked = d.work.length;
  const server = d.servers.length ? d.servers.join(' and ') : 'the receiver';
  const what = `${op} ${d.key}`;
  const times = (k: number) => (k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);
  let seen: string;
  if (source === 'client') seen = `${client} sent ${what} ${times(attempts)}${attempts === 1 ? ' as a retry' : ''}`;
  else if (source === 'broker') seen = `${what}${client ? `, sent once by ${client},` : ''} was delivered ${times(deliveries)} (to ${server})`;
  else seen = `${server} received ${what} ${times(deliveries)}${client ? ` though ${client} logged ${times(attempts)} sending it` : ''}`;
  if (source === 'client') seen += deliveries ? ` and ${server} received it ${times(deliveries)}` : `, and no receive of it is in the logs`;
  if (outcome === 'deduplicated') {
    const t = textOf(x, ev);
    const evText = t.length > 60 ? `${t.slice(0, 57)}…` : t;
    return `${seen}; ${x.processNames[x.eventProc[ev]!]} recognized the repeat ("${evText}"), so it ran once`;
  }
  if (outcome === 'executed-twice') {
    return idempotent
      ? `${seen} and did the work ${times(worked)}; ${op} is idempotent, so repeating it is safe`
      : `${seen} and did the work ${times(worked)} with no sign of deduplication: a non-idempotent operation ran ${times(worked)}`;
  }
  if (deliveries >= 2) {
    return idempotent
      ? `${seen}; whether each delivery did the work is not in the logs, and ${op} is idempotent, so repeating it is safe`
      : `${seen}; whether each delivery did the work is not in the logs: it may have run ${times(deliveries)}`;
  }
  return idempotent
    ? `${seen}; the earlier attempt's fate is not in the logs, and ${op} is idempotent, so repeating it is safe`
    : `${seen}; the earlier attempt's fate is not in the logs: it may have run twice`;
}
