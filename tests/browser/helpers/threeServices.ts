/**
 * JSON lines of three services, each on its own host, named so alphabetical
 * order puts the ledger between the other two: the gateway calls payments
 * (request and reply) every 3 s for a minute, and payments writes to the
 * ledger every fourth request. Deterministic.
 */
export function threeServicesJsonl(requests = 20): string {
  const t0 = Date.UTC(2024, 2, 1, 12, 0, 7);
  const lines: string[] = [];
  const at = (ms: number, service: string, fields: Record<string, string>) =>
    lines.push(JSON.stringify({ ts: new Date(t0 + ms).toISOString(), service, host: `${service}-host`, ...fields }));
  for (let i = 0; i < requests; i++) {
    const t = i * 3000;
    const id = `r-${1000 + i}`;
    at(t, 'gateway', { msg: `POST /transfer ${id} forwarded to payments`, msg_id: `${id}-req`, dir: 'send' });
    at(t + 40, 'payments', { msg: `transfer ${id} received from gateway`, msg_id: `${id}-req`, dir: 'recv' });
    if (i % 4 === 0) {
      at(t + 60, 'payments', { msg: `ledger write for ${id}`, msg_id: `${id}-ledger`, dir: 'send' });
      at(t + 90, 'ledger', { msg: `append entry for ${id}`, msg_id: `${id}-ledger`, dir: 'recv' });
      at(t + 120, 'ledger', { msg: `entry for ${id} committed`, msg_id: `${id}-ack`, dir: 'send' });
      at(t + 150, 'payments', { msg: `ledger ack for ${id}`, msg_id: `${id}-ack`, dir: 'recv' });
    }
    at(t + 200, 'payments', { msg: `transfer ${id} done, replying`, msg_id: `${id}-rep`, dir: 'send' });
    at(t + 240, 'gateway', { msg: `200 OK for ${id}`, msg_id: `${id}-rep`, dir: 'recv' });
  }
  return `${lines.join('\n')}\n`;
}
