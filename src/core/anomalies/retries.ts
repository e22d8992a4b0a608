/**
 * non-idempotent-retry / idempotent-retry: a request sent again under the
 * same request key, and what the logs say became of it.
 *
 * Request sends (events the log calls a send, see messageRoles) are grouped
 * by sending process and request key: the idempotency key when there is one,
 * else the message id. A group of two or more is a retry, and so is a lone
 * send with `attempt` > 1 (its first attempt is not in the logs). The
 * operation (idempotency.ts) decides the kind; a retry of an operation that
 * nothing classifies is not reported.
 *
 * Outcome, from the other ends of the attempts' edges and from every other
 * event that carries the same key: `deduplicated` when one of those says it
 * recognized the repeat (duplicate, already processed, idempotent replay,
 * stored response, dedup…); else `executed-twice` when two or more attempts
 * were received; else `unknown`. Carrying an idempotency key is not proof
 * that the server used it, so it alone is not deduplication.
 */
import { ATTEMPT_FIELD, ID_FIELDS } from '../correlate/messageConventions';
import { eventId, type Execution, textOf } from '../model/execution';
import type { Anomaly, AnomalySeverity } from './anomaly';
import { fieldColumn } from './fieldColumn';
import type { Operations } from './idempotency';
import type { MessageRoles } from './messageRoles';

export const IDEMPOTENCY_KEY_FIELDS = ['idempotency_key', 'idempotency-key', 'Idempotency-Key', 'idempotencyKey'] as const;

const DEDUP_TEXT =
  /\b(duplicate|deduplicated|dedup(?:e|ed|licated|lication)?|already (?:processed|handled|seen|executed|applied|done|completed)|idempotent[ -]?replay(?:ed)?|replayed|stored response|cached response)\b/i;

type Outcome = 'executed-twice' | 'deduplicated' | 'unknown';

interface RetryGroup {
  proc: number;
  keyText: string;
  attempts: number[];
}

export function findRetries(x: Execution, roles: MessageRoles, ops: Operations): Anomaly[] {
  const n = x.eventCount;
  const idem = fieldColumn(x, IDEMPOTENCY_KEY_FIELDS);
  const attempt = fieldColumn(x, [ATTEMPT_FIELD]);
  const attemptOf = (e: number) => (attempt[e]! >= 0 ? Number(x.strings.get(attempt[e]!)) : NaN);

  // Group request sends by (process, key); Map keys are strings of interned ids.
  const groups = new Map<string, RetryGroup>();
  for (let e = 0; e < n; e++) {
    if (!roles.requestSend[e]) continue;
    let key: string;
    let keyText: string;
    if (idem[e]! >= 0) {
      key = `i${idem[e]}`;
      keyText = `idempotency key ${x.strings.get(idem[e]!)}`;
    } else if (!Number.isNaN(roles.key[e]!)) {
      key = `k${roles.key[e]}`;
      keyText = roles.keyText(e);
    } else if (attemptOf(e) > 1) {
      key = `e${e}`;
      keyText = `attempt ${attemptOf(e)}`;
    } else continue;
    const gk = `${x.eventProc[e]}|${key}`;
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { proc: x.eventProc[e]!, keyText, attempts: [] }));
    g.attempts.push(e);
  }

  const retries: { g: RetryGroup; op: string; idempotent: boolean }[] = [];
  for (const g of groups.values()) {
    if (g.attempts.length < 2 && !(attemptOf(g.attempts[0]!) > 1)) continue;
    let op: string | null = null;
    for (const e of g.attempts) if ((op = ops.of(e)) !== null) break;
    const idempotent = op === null ? null : ops.idempotent(op);
    if (op === null || idempotent === null) continue;
    retries.push({ g, op, idempotent });
  }
  if (retries.length === 0) return [];

  // Receivers of each send.
  const firstOut = new Int32Array(n).fill(-1);
  for (let k = x.edgeCount - 1; k >= 0; k--) firstOut[x.edgeFrom[k]!] = x.edgeTo[k]!;

  // Evidence of deduplication: any other event sharing an attempt's id or idempotency key.
  const byIdem = new Map<number, number>();
  const byKey = new Map<number, number>();
  const isAttempt = new Int32Array(n).fill(-1);
  retries.forEach(({ g }, i) => {
    for (const e of g.attempts) {
      isAttempt[e] = i;
      if (idem[e]! >= 0) byIdem.set(idem[e]!, i);
      if (!Number.isNaN(roles.key[e]!)) byKey.set(roles.key[e]!, i);
    }
  });
  const evidence = new Int32Array(retries.length).fill(-1);
  const skipValueOf = new Set<number>([...ID_FIELDS, ...IDEMPOTENCY_KEY_FIELDS].map((f) => x.strings.find(f)).filter((id) => id >= 0));
  for (let e = 0; e < n; e++) {
    let i = idem[e]! >= 0 ? (byIdem.get(idem[e]!) ?? -1) : -1;
    if (i < 0 && !Number.isNaN(roles.key[e]!)) i = byKey.get(roles.key[e]!) ?? -1;
    if (i < 0 || evidence[i]! >= 0 || isAttempt[e] === i) continue;
    if (saysDeduplicated(x, e, skipValueOf)) evidence[i] = e;
  }

  const out: Anomaly[] = [];
  retries.forEach(({ g, op, idempotent }, i) => {
    const received = g.attempts.map((e) => firstOut[e]!).filter((r) => r >= 0);
    const ev = evidence[i]!;
    const outcome: Outcome = ev >= 0 ? 'deduplicated' : received.length >= 2 ? 'executed-twice' : 'unknown';
    const severity: AnomalySeverity = idempotent ? 'info' : outcome === 'executed-twice' ? 'critical' : outcome === 'unknown' ? 'warning' : 'info';
    const client = x.processNames[g.proc]!;
    const servers = [...new Set(received.map((r) => x.processNames[x.eventProc[r]!]!))];
    const server = servers.length ? servers.join(' and ') : 'the server';
    const what = `${op} ${g.keyText}`;
    const times = g.attempts.length;
    let summary: string;
    if (outcome === 'deduplicated') {
      const evText = textOf(x, ev).length > 60 ? `${textOf(x, ev).slice(0, 57)}…` : textOf(x, ev);
      summary = `${client} retried ${what}; ${x.processNames[x.eventProc[ev]!]} recognized the repeat ("${evText}"), so it ran once`;
    } else if (outcome === 'executed-twice') {
      summary = idempotent
        ? `${client} sent ${what} ${times} times and ${server} executed ${received.length} of them; ${op} is idempotent, so repeating it is safe`
        : `${client} sent ${what} ${times} times and ${server} executed ${received.length} of them with no sign of deduplication: a non-idempotent operation ran ${received.length} times`;
    } else {
      summary = idempotent
        ? `${client} retried ${what}; the earlier attempt's fate is not in the logs, and ${op} is idempotent, so repeating it is safe`
        : `${client} retried ${what} but the earlier attempt's fate is not in the logs: it may have run twice`;
    }
    out.push({
      kind: idempotent ? 'idempotent-retry' : 'non-idempotent-retry',
      severity,
      events: [...g.attempts, ...received, ...(ev >= 0 ? [ev] : [])],
      summary,
      detail: {
        operation: op,
        idempotent,
        key: g.keyText,
        outcome,
        attempts: times,
        received: received.length,
        client,
        servers,
        evidence: ev >= 0 ? eventId(x, ev) : null,
      },
    });
  });
  return out;
}

/** Text or a non-id field value that says the repeat was recognized. */
function saysDeduplicated(x: Execution, e: number, skipKeys: Set<number>): boolean {
  if (DEDUP_TEXT.test(textOf(x, e))) return true;
  for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) {
    if (skipKeys.has(x.fieldKey[i]!)) continue;
    const k = x.strings.get(x.fieldKey[i]!);
    const v = x.strings.get(x.fieldValue[i]!);
    if (DEDUP_TEXT.test(v)) return true;
    if (/dedup|duplicate|replay/i.test(k) && /^(true|1|yes)$/i.test(v.trim())) return true;
  }
  return false;
}
