/**
 * Summaries written when read (anomalies/lazyAnomaly.ts, findings/groupFindings.ts): the
 * anomalies tens of thousands of messages give keep no summary string, yet every reader
 * that asks gets the same sentence each time, with the values the anomaly was found with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { groupFindings } from '../../src/core/findings/groupFindings';

const FIXTURES = new URL('../fixtures/anomalies/', import.meta.url);

async function result(file: string) {
  const a = await analyze([{ name: file, bytes: readFileSync(new URL(file, FIXTURES)) }]);
  return a.executions[0]!;
}

describe('summaries written when read', () => {
  it('a clock skew keeps no summary string, and says the same sentence at every read', async () => {
    const r = await result('clock-skew.jsonl');
    const skew = r.anomalies.find((a) => a.kind === 'clock-skew')!;
    expect(Object.keys(skew)).not.toContain('summary');
    expect(skew.summary).toBe("ledger's clock is at least 78 ms behind payments' (or payments' ahead): ledger stamped receiving msg_id=m1 78 ms before payments stamped sending it");
    expect(skew.summary).toBe(skew.summary);
  });

  it('a retry that ran twice says so from its detail, and its finding says what the anomaly says', async () => {
    const r = await result('retry-executed-twice.jsonl');
    const retry = r.anomalies.find((a) => a.kind === 'non-idempotent-retry')!;
    expect(retry.detail['outcome']).toBe('executed-twice');
    expect(retry.summary).toMatch(/and did the work twice with no sign of deduplication: a non-idempotent operation ran twice$/);
    const finding = groupFindings(r).find((f) => f.kind === 'non-idempotent-retry')!;
    expect(Object.keys(finding)).not.toContain('summary');
    expect(finding.summary).toBe(retry.summary);
  });

  it('a deduplicated retry quotes the line that recognized the repeat', async () => {
    const r = await result('retry-deduplicated.jsonl');
    const retry = r.anomalies.find((a) => a.detail['outcome'] === 'deduplicated')!;
    expect(retry.summary).toMatch(/recognized the repeat \(".+"\), so it ran once$/);
  });

  it('a lost message names its peer', async () => {
    const r = await result('unmatched.jsonl');
    const lost = r.anomalies.filter((a) => a.kind === 'unmatched-send' && a.severity === 'warning');
    expect(lost.length).toBeGreaterThan(0);
    for (const a of lost) expect(a.summary).toMatch(new RegExp(`^${String(a.detail['process'])} sent ${String(a.detail['key'])}.* but no receive of it is in the logs`));
  });
});
