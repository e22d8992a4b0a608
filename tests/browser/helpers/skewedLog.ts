/**
 * JSON lines for diagram tests: services exchanging messages (msg_id with
 * dir send/recv), each on its own host, where the receiver's clock runs
 * `skewMs` behind, so its receives are stamped before their sends. Some
 * local events and, optionally, a line with no time at all. Deterministic.
 */
export interface SkewedLogOptions {
  messages: number;
  /** How far behind the second host's clock runs. */
  skewMs?: number;
  /** Local events after each message on the sender. */
  locals?: number;
  /** Processes beyond the two (each its own host, in a ring). */
  processes?: number;
  untimedLine?: boolean;
}

export function skewedJsonl(o: SkewedLogOptions): string {
  const skew = o.skewMs ?? 50;
  const P = Math.max(2, o.processes ?? 2);
  const names = Array.from({ length: P }, (_, i) => (i === 0 ? 'api' : i === 1 ? 'db' : `svc${i}`));
  const offset = (i: number) => (i === 1 ? -skew : i > 1 ? ((i * 7) % 13) - 6 : 0);
  const t0 = Date.UTC(2024, 2, 1, 12, 0, 0);
  const lines: string[] = [];
  const line = (p: number, trueMs: number, fields: Record<string, string>) => {
    const ts = new Date(t0 + trueMs + offset(p)).toISOString();
    lines.push(JSON.stringify({ ts, service: names[p], host: `${names[p]}-host`, ...fields }));
  };
  let t = 0;
  for (let k = 0; k < o.messages; k++) {
    // Around the ring, so every lane sends and receives.
    const from = k % P;
    const to = (from + 1) % P;
    const id = `m${k}`;
    line(from, t, { msg: `send ${id} to ${names[to]}`, msg_id: id, dir: 'send' });
    line(to, t + 5, { msg: `got ${id} from ${names[from]}`, msg_id: id, dir: 'recv' });
    for (let j = 0; j < (o.locals ?? 0); j++) line(from, t + 6 + j, { msg: `work ${k}.${j}` });
    t += 10 + (o.locals ?? 0);
  }
  if (o.untimedLine) lines.splice(3, 0, JSON.stringify({ service: 'api', host: 'api-host', msg: 'no time on this line' }));
  return `${lines.join('\n')}\n`;
}
