import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { buildAnomalyIndex } from '../../src/core/session/anomalyIndex';
import { eventOrder } from '../../src/core/session/eventOrders';
import { logRows } from '../../src/core/session/logRows';

const enc = (s: string) => new TextEncoder().encode(s);

describe('log rows', () => {
  it('keep the nanoseconds as written, raw and corrected', async () => {
    // db's clock runs 40 ms behind api's; times written to the nanosecond.
    const lines = [
      { ts: '2024-03-01T12:00:00.000000123Z', service: 'api', host: 'api-1', msg: 'send m1', msg_id: 'm1', dir: 'send' },
      { ts: '2024-03-01T11:59:59.960000456Z', service: 'db', host: 'db-1', msg: 'got m1', msg_id: 'm1', dir: 'recv' },
      { ts: '2024-03-01T11:59:59.970000789Z', service: 'db', host: 'db-1', msg: 'send m2', msg_id: 'm2', dir: 'send' },
      { ts: '2024-03-01T12:00:00.020000001Z', service: 'api', host: 'api-1', msg: 'got m2', msg_id: 'm2', dir: 'recv' },
    ];
    const r = await analyze([{ name: 'x.jsonl', bytes: enc(lines.map((l) => JSON.stringify(l)).join('\n') + '\n') }]);
    const x = r.executions[0]!;
    const rows = logRows(x, eventOrder(x, 'causal'), 0, 10, buildAnomalyIndex(x), new Uint8Array(x.execution.eventCount));
    expect(rows.map((row) => row.time).sort()).toEqual(lines.map((l) => l.ts).sort());
    for (const row of rows) {
      // Whatever the correction, the digits below the correction's own nanoseconds are the stamp's.
      expect(row.correctedTime).toMatch(/^2024-03-01T1\d:\d\d:\d\d\.\d{9}Z$/);
      if (row.process === 'api') expect(row.correctedTime).toBe(row.time);
    }
  });
});
