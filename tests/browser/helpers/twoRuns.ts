/**
 * Two runs of one system for the comparison tests: JSON lines of a gateway
 * sending each order to payments (msg_id, dir send/recv), `orders` events per
 * process, every id, amount and time new in each run (nanosecond times), so
 * only masked templates line up. Run B differs from A in three places: an
 * extra retry on payments (only in B), a cache line on the gateway that B
 * lacks (only in A), and a declined charge where A charged (differs).
 * Deterministic for a seed.
 */
export interface TwoRunsOptions {
  orders: number;
  seed?: number;
}

/** Where the differences are: the order numbers they follow. */
export const DIFF_AT = { onlyB: 0.25, onlyA: 0.6, differs: 0.75 } as const;

export function runJsonl(o: TwoRunsOptions, variant: 'a' | 'b'): string {
  let s = (o.seed ?? 1) * 2654435761 + (variant === 'a' ? 17 : 91);
  const rand = () => ((s = (Math.imul(s ^ (s >>> 15), 2246822519) + 3266489917) >>> 0) / 4294967296);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const t0 = BigInt(Date.UTC(2024, 4, 2, 9, 0, 0)) * 1_000_000n;
  const at = (k: number) => Math.floor(o.orders * k);
  const lines: string[] = [];
  const line = (ns: bigint, service: string, fields: Record<string, string>) => {
    const ms = ns / 1_000_000n;
    const iso = new Date(Number(ms)).toISOString().slice(0, 19);
    const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
    lines.push(JSON.stringify({ ts: `${iso}.${frac}Z`, service, host: `${service}-1`, ...fields }));
  };
  let t = t0;
  for (let k = 0; k < o.orders; k++) {
    const req = `req-${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    const id = `pay-${k}-${hex(6)}`;
    const span = hex(16);
    t += BigInt(1_000_000 + Math.floor(rand() * 900_000));
    line(t, 'gateway', { msg: `POST /orders/${k} ${req} span=${span} forwarding to payments`, msg_id: id, dir: 'send' });
    const amount = (rand() * 500).toFixed(2);
    const declined = variant === 'b' && k === at(DIFF_AT.differs);
    const text = declined ? `charge declined for ${req} code=51` : `charging ${amount} EUR for ${req}`;
    line(t + BigInt(300_000 + Math.floor(rand() * 90_000)), 'payments', { msg: text, msg_id: id, dir: 'recv' });
    if (variant === 'b' && k === at(DIFF_AT.onlyB)) line(t + 500_000n, 'payments', { msg: `retrying ledger write for ${req} after 250 ms` });
    if (variant === 'a' && k === at(DIFF_AT.onlyA)) line(t + 600_000n, 'gateway', { msg: `cache warmed: ${Math.floor(rand() * 9000)} entries` });
  }
  return `${lines.join('\n')}\n`;
}
