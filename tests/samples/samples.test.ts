/**
 * The sample incidents of sample-logs/: each gives exactly the anomalies its
 * README names (kinds, severities, events, key details), the facts the README
 * states hold, the generator is deterministic and the committed files equal a
 * fresh run, and the CLI reads every sample folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument, type AnalysisDocument, type DocEvent, type DocExecution } from '../../src/core/document/analysisDocument';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLES = join(ROOT, 'sample-logs');
const GENERATOR = join(ROOT, 'scripts', 'samples', 'generate-samples.mjs');

interface ManifestEntry {
  id: string;
  title: string;
  summary: string;
  teaches: string;
  files: string[];
}
const manifest: ManifestEntry[] = JSON.parse(readFileSync(join(SAMPLES, 'index.json'), 'utf8'));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** An execution of the document with its events as an array. */
type Exec = Omit<DocExecution, 'events'> & { events: DocEvent[] };

interface Loaded {
  analysis: Analysis;
  doc: AnalysisDocument;
  x: Exec;
  readme: string;
}
const cache = new Map<string, Promise<Loaded>>();

/** Every file of the folder except README.md, named as the CLI names them (`<id>/<file>`). */
function load(id: string): Promise<Loaded> {
  let p = cache.get(id);
  if (!p) {
    p = (async () => {
      const dir = join(SAMPLES, id);
      const inputs = filesUnder(dir)
        .filter((f) => !f.endsWith('README.md'))
        .map((f) => ({ name: `${id}/${relative(dir, f)}`, bytes: new Uint8Array(readFileSync(f)) }));
      const analysis = await analyze(inputs);
      const doc = buildAnalysisDocument(analysis);
      expect(doc.executions).toHaveLength(1);
      const x0 = doc.executions[0]!;
      return { analysis, doc, x: { ...x0, events: [...x0.events] }, readme: readFileSync(join(dir, 'README.md'), 'utf8') };
    })();
    cache.set(id, p);
  }
  return p;
}

/** Anomalies as kind, severity, event ids and detail, in the analyzer's order. */
function anomaliesOf(x: Exec) {
  return x.anomalies.map((a) => ({ kind: a.kind, severity: a.severity, events: a.events, detail: a.detail }));
}

const problems = (a: Analysis) => a.diagnostics.filter((d) => d.severity !== 'info');
const domain = (x: Exec, name: string) => x.clockDomains.find((d) => d.name === name)!;
const event = (x: Exec, id: string) => x.events.find((e) => e.id === id)!;
const ms = (iso: string | null) => Date.parse(iso!);

describe('sample-logs manifest', () => {
  it('lists every sample folder (except the on-demand large one) with its files, and each file exists', () => {
    const folders = readdirSync(SAMPLES, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'large')
      .map((e) => e.name)
      .sort();
    expect(manifest.map((m) => m.id).sort()).toEqual(folders);
    for (const m of manifest) {
      expect(m.title && m.summary && m.teaches).toBeTruthy();
      const onDisk = filesUnder(join(SAMPLES, m.id))
        .map((f) => relative(SAMPLES, f))
        .filter((f) => !f.endsWith('README.md'));
      expect([...m.files].sort()).toEqual(onDisk.sort());
      expect(existsSync(join(SAMPLES, m.id, 'README.md'))).toBe(true);
      const bytes = onDisk.reduce((s, f) => s + statSync(join(SAMPLES, f)).size, 0);
      expect(bytes).toBeLessThan(1_000_000);
    }
  });

  it('the index README names every sample', () => {
    const readme = readFileSync(join(SAMPLES, 'README.md'), 'utf8');
    for (const m of manifest) expect(readme).toContain(`(${m.id}/)`);
    expect(readme).toContain('npm run sample:large');
  });
});

describe('clock-skew-trades', () => {
  it('finds one clock-skew per fill and nothing else', async () => {
    const { analysis, x } = await load('clock-skew-trades');
    expect(problems(analysis)).toEqual([]);
    const fills: [string, string, number][] = [
      ['matching-engine:4', 'hedger:3', 49.765],
      ['matching-engine:9', 'hedger:7', 49.665],
      ['matching-engine:14', 'hedger:11', 49.82],
      ['matching-engine:19', 'hedger:15', 49.753],
      ['matching-engine:24', 'hedger:19', 49.782],
      ['matching-engine:29', 'hedger:23', 49.62],
    ];
    expect(anomaliesOf(x)).toEqual(
      fills.map(([s, r, gap], i) => ({
        kind: 'clock-skew',
        severity: 'warning',
        events: [s, r],
        detail: { senderDomain: 'trade-a', receiverDomain: 'trade-b', atLeastMs: gap, rule: 'message-id', key: `msg_id=fill-T-${5001 + i}` },
      })),
    );
  });

  it('bounds trade-b 50 ms behind, orders the hedges after their trades, as the README says', async () => {
    const { x, readme, analysis } = await load('clock-skew-trades');
    expect(x.processes.map((p) => [p.name, p.clockDomain])).toEqual([['hedger', 'trade-b'], ['matching-engine', 'trade-a']]);
    expect(x.events).toHaveLength(56);
    expect(x.edges).toHaveLength(12);
    expect(analysis.inputs.filter((i) => i.events > 0).map((i) => i.format)).toEqual(['text', 'text']);
    const b = domain(x, 'trade-b');
    expect(b.reference).toBe('trade-a');
    expect(b.offsetMs).toEqual({ low: -50.213, high: -49.82, estimate: -50.0165 });
    expect(readme).toContain(`[${(-50.213).toFixed(3)}, ${(-49.82).toFixed(3)}] ms`);
    expect(readme).toContain('49.620–49.820 ms');
    expect(x.inversions).toMatchObject({ raw: 6, corrected: 0 });
    // Causal order: every hedge order comes after the match of the trade it hedges.
    const pos = (id: string) => x.events.findIndex((e) => e.id === id);
    for (let i = 0; i < 6; i++) {
      const match = x.events.find((e) => e.text.startsWith(`match trade_id=T-${5001 + i}`))!;
      const hedge = x.events.find((e) => e.text.startsWith(`hedge order out order_id=H-${9001 + i}`))!;
      expect(pos(match.id)).toBeLessThan(pos(hedge.id));
      expect(ms(hedge.time)).toBeLessThan(ms(match.time)); // while the raw stamps say the opposite
    }
  });
});

describe('double-transfer', () => {
  it('finds the retried POST executed twice (critical), and nothing else', async () => {
    const { analysis, x } = await load('double-transfer');
    expect(problems(analysis)).toEqual([]);
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'non-idempotent-retry',
        severity: 'critical',
        events: ['web-api:3', 'web-api:5', 'ledger:2', 'ledger:10'],
        detail: {
          operation: 'POST',
          idempotent: false,
          key: 'request_id=tr-3f9a1c',
          outcome: 'executed-twice',
          source: 'client',
          attempts: 2,
          deliveries: 2,
          client: 'web-api',
          servers: ['ledger'],
          evidence: null,
          work: ['ledger:6', 'ledger:11'],
        },
      },
    ]);
  });

  it('shows two debits and two push notifications', async () => {
    const { x } = await load('double-transfer');
    expect(x.processes.map((p) => p.name)).toEqual(['ledger', 'notifier', 'web-api']);
    expect(x.events.filter((e) => e.text.startsWith('debited acc-5521-chk'))).toHaveLength(2);
    expect(x.events.filter((e) => e.text.startsWith('push notification delivered'))).toHaveLength(2);
    expect(event(x, 'ledger:2').text).toBe('POST /v1/transfers received');
  });
});

describe('idempotent-transfer', () => {
  it('finds the retry deduplicated by the idempotency key (info), and nothing else', async () => {
    const { analysis, x } = await load('idempotent-transfer');
    expect(problems(analysis)).toEqual([]);
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'non-idempotent-retry',
        severity: 'info',
        events: ['web-api:3', 'web-api:5', 'ledger:2', 'ledger:11', 'ledger:12'],
        detail: {
          operation: 'POST',
          idempotent: false,
          key: 'idempotency key ik-7c2e9b10-5521',
          outcome: 'deduplicated',
          source: 'client',
          attempts: 2,
          deliveries: 2,
          client: 'web-api',
          servers: ['ledger'],
          evidence: 'ledger:12',
          work: ['ledger:3'],
        },
      },
    ]);
    expect(event(x, 'ledger:12').text).toMatch(/^idempotency key already processed/);
    expect(x.events.filter((e) => e.text.startsWith('debited acc-5521-chk'))).toHaveLength(1);
    expect(x.events.filter((e) => e.text.startsWith('push notification delivered'))).toHaveLength(1);
  });
});

describe('lost-ack', () => {
  it('finds the lost acknowledgement and the deduplicated idempotent retry, and nothing else', async () => {
    const { analysis, x } = await load('lost-ack');
    expect(problems(analysis)).toEqual([]);
    expect(analysis.inputs.filter((i) => i.events > 0).map((i) => i.format)).toEqual(['logfmt', 'logfmt']);
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'idempotent-retry',
        severity: 'info',
        events: ['failover-east:3', 'failover-east:5', 'failover-west:2', 'failover-west:6', 'failover-west:7'],
        detail: {
          operation: 'PUT',
          idempotent: true,
          key: 'msg_id=sw-0600',
          outcome: 'deduplicated',
          source: 'client',
          attempts: 2,
          deliveries: 2,
          client: 'failover-east',
          servers: ['failover-west'],
          evidence: 'failover-west:7',
          work: [],
        },
      },
      {
        kind: 'unmatched-send',
        severity: 'warning',
        events: ['failover-west:4'],
        detail: { process: 'failover-west', key: 'msg_id=sw-0600-ack', peer: 'failover-east' },
      },
    ]);
    expect(x.edges).toHaveLength(3);
  });
});

describe('k8s-scale-up', () => {
  it('links deployment → replicaset → scheduler → kubelets from kubectl tables, with no anomalies', async () => {
    const { analysis, x } = await load('k8s-scale-up');
    expect(problems(analysis)).toEqual([]);
    expect(analysis.inputs.filter((i) => i.events > 0).map((i) => [i.name, i.format, i.events])).toEqual([
      ['k8s-scale-up/kubectl-get-events.txt', 'k8s-table', 38],
      ['k8s-scale-up/kubectl-get-pods-watch.txt', 'k8s-table', 38],
    ]);
    expect(anomaliesOf(x)).toEqual([]);
    expect(x.processes.map((p) => [p.name, p.events])).toEqual([
      ['default-scheduler', 7],
      ['deployment-controller', 1],
      ['kubelet@node-1', 6],
      ['kubelet@node-2', 9],
      ['kubelet@node-3', 8],
      ['replicaset-controller', 7],
      ['watch', 38],
    ]);
    const rules = x.edges.reduce<Record<string, number>>((m, e) => ((m[e.rule] = (m[e.rule] ?? 0) + 1), m), {});
    expect(rules).toEqual({ 'k8s-scale-replicaset': 1, 'k8s-create-schedule': 7, 'k8s-schedule-kubelet': 7 });
    // Intermediate states: pods seen Pending and ContainerCreating before Running.
    const states = new Set(x.events.filter((e) => e.process === 'watch').map((e) => e.fields['status']));
    expect([...states].sort()).toEqual(['ContainerCreating', 'Pending', 'Running']);
    // The scale command happened before every kubelet's Started.
    const scaled = x.events.findIndex((e) => e.process === 'deployment-controller');
    for (const [i, e] of x.events.entries()) if (e.text.startsWith('Started:')) expect(i).toBeGreaterThan(scaled);
  });
});

describe('k8s-node-failure', () => {
  it('finds node-b\'s clock behind the scheduler\'s, and nothing else', async () => {
    const { analysis, x } = await load('k8s-node-failure');
    expect(problems(analysis)).toEqual([]);
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'clock-skew',
        severity: 'warning',
        events: ['default-scheduler:1', 'kubelet@node-b:1'],
        detail: {
          senderDomain: 'cp-1',
          receiverDomain: 'node-b',
          // The scheduler's event is a recording stamp: the gap beyond its 1 s tolerance is skew.
          atLeastMs: 128.032167,
          rule: 'k8s-schedule-kubelet',
          key: 'shop/checkout-7d9c6b8f4d-b4tcs → node-b',
          stampedGapMs: 1128.032167,
          recordingToleranceMs: 1000,
        },
      },
    ]);
  });

  it('NotReady 40 s after the last heartbeat, eviction 300 s later, replacements scheduled elsewhere', async () => {
    const { x, readme } = await load('k8s-node-failure');
    const leases = x.events.filter((e) => e.process === 'kubelet-node-c' && e.text.includes('"Updated node lease"'));
    const nodeDown = x.events.find((e) => e.process === 'node-controller' && e.fields['objectKind'] === 'Node')!;
    const evictions = x.events.filter((e) => e.process === 'taint-eviction-controller');
    const sinceBeat = (ms(nodeDown.time) - ms(leases.at(-1)!.time)) / 1000;
    expect(sinceBeat).toBeGreaterThanOrEqual(40);
    expect(sinceBeat).toBeLessThan(41);
    expect(readme).toContain(`NotReady comes ${sinceBeat.toFixed(1)} s after`);
    expect(evictions).toHaveLength(2);
    for (const e of evictions) expect(Math.round((ms(e.time) - ms(nodeDown.time)) / 1000)).toBe(300);
    const rules = x.edges.reduce<Record<string, number>>((m, e) => ((m[e.rule] = (m[e.rule] ?? 0) + 1), m), {});
    expect(rules).toEqual({ 'k8s-node-not-ready': 4, 'k8s-evict-replace': 2, 'k8s-create-schedule': 2, 'k8s-schedule-kubelet': 2 });
    const scheduled = x.events.filter((e) => e.process === 'default-scheduler').map((e) => e.text);
    expect(scheduled.map((t) => t.split(' to ')[1]).sort()).toEqual(['node-a', 'node-b']);
    expect(readme).toContain('at least 0.128 s behind');
    expect(readme).toContain('1.128 s before default-scheduler stamped');
  });
});

describe('etcd-quorum-loss', () => {
  it('reads the GoVector set into 4 processes and 30 vector-clock edges, with no anomalies', async () => {
    const { analysis, x } = await load('etcd-quorum-loss');
    expect(problems(analysis)).toEqual([]);
    expect(analysis.inputs.filter((i) => i.events > 0).map((i) => i.format)).toEqual(['shiviz', 'shiviz', 'shiviz', 'shiviz']);
    expect(anomaliesOf(x)).toEqual([]);
    expect(x.processes.map((p) => [p.name, p.events])).toEqual([
      ['etcd-1', 53],
      ['etcd-2', 19],
      ['etcd-3', 7],
      ['kube-apiserver', 15],
    ]);
    expect(x.edges).toHaveLength(30);
    expect(x.edges.every((e) => e.rule === 'vector-clock')).toBe(true);
  });

  it('the serializable read succeeds between failed writes; the new leader follows etcd-2\'s vote', async () => {
    const { x } = await load('etcd-quorum-loss');
    const api = x.events.filter((e) => e.process === 'kube-apiserver' && / (ok|failed)/.test(e.text)).map((e) => e.text.split(' (')[0]);
    expect(api).toEqual([
      'PUT /registry/configmaps/shop/feature-flags ok',
      'PUT /registry/leases/kube-node-lease/node-a failed: etcdserver: request timed out',
      'PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm failed: etcdserver: no leader',
      'RANGE /registry/configmaps/shop/ ok: 3 keys',
      'RANGE /registry/pods/shop/ failed: etcdserver: no leader',
      'RANGE /registry/configmaps/shop/feature-flags ok',
      'PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm ok',
    ]);
    const vote = x.events.find((e) => e.text.startsWith('MsgVote term=8 from etcd-1'))!;
    const leader = x.events.find((e) => e.text.startsWith('raft: etcd-1 became leader at term 8'))!;
    expect(leader.vc['etcd-2']).toBeGreaterThanOrEqual(vote.vc['etcd-2']!);
  });
});

describe('partition-split-brain', () => {
  it('finds exactly one pair of concurrent writes, on the AP store\'s cart', async () => {
    const { analysis, x } = await load('partition-split-brain');
    expect(problems(analysis)).toEqual([]);
    expect(analysis.inputs.filter((i) => i.events > 0).map((i) => i.format)).toEqual(['csv', 'jsonl', 'jsonl', 'text', 'text', 'text']);
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'concurrent-writes',
        severity: 'warning',
        events: ['kv-ap-1:8', 'kv-ap-2:6'],
        detail: { key: 'cart:1042', processes: ['kv-ap-1', 'kv-ap-2'], operations: ['put', 'put'] },
      },
    ]);
    expect(event(x, 'kv-ap-1:8').text).toBe('write cart:1042 = [headphones-x2, usb-c-cable]');
    expect(event(x, 'kv-ap-2:6').text).toBe('write cart:1042 = []');
    expect(x.processes).toHaveLength(7);
    expect(x.edges).toHaveLength(24);
  });

  it('the CP minority refuses the write while the majority commits', async () => {
    const { x } = await load('partition-split-brain');
    expect(x.events.some((e) => e.process === 'kv-cp-3' && e.text.includes('refusing PUT stock:sku-7'))).toBe(true);
    expect(x.events.filter((e) => e.process === 'kv-cp-1' && e.text.includes('apply op=put key=stock:sku-7'))).toHaveLength(2);
  });
});

describe('ntp-step', () => {
  it('finds the clock regression and the skew of every message app-3 sent before the step, and nothing else', async () => {
    const { analysis, x, readme } = await load('ntp-step');
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'clock-regression',
        severity: 'warning',
        events: ['orders-api:10', 'orders-api:11'],
        detail: {
          process: 'orders-api',
          domain: 'app-3',
          before: '2026-03-14T10:15:23.064913Z',
          after: '2026-03-14T10:15:21.068872Z',
          stepMs: 1996.041,
          precisionMs: 0.001,
        },
      },
      ...(
        [
          ['orders-api:2', 'inventory:1', 'app-5', 1999.561, 'request-response', 'rpc_id=inv-51a0'],
          ['orders-api:4', 'gateway:2', 'edge-1', 1998.939, 'request-response', 'req_id=req-9c41'],
          ['orders-api:6', 'inventory:3', 'app-5', 1999.459, 'request-response', 'rpc_id=inv-51ad'],
          ['orders-api:8', 'gateway:4', 'edge-1', 1998.372, 'request-response', 'req_id=req-9c52'],
          ['orders-api:10', 'inventory:5', 'app-5', 1999.523, 'request-response', 'rpc_id=inv-51ba'],
        ] as const
      ).map(([s, r, d, gap, rule, key]) => ({
        kind: 'clock-skew',
        severity: 'warning',
        events: [s, r],
        detail: { senderDomain: 'app-3', receiverDomain: d, atLeastMs: gap, rule, key },
      })),
    ]);
    // No single offset fits a clock that jumped: app-3 is cut into two epochs at the step, each with its own offset.
    expect(problems(analysis)).toEqual([]);
    expect(domain(x, 'app-3')).toEqual({
      name: 'app-3',
      reference: 'app-5',
      offsetMs: { low: -0.724, high: 0.491, estimate: -0.1165 },
      epochs: [
        { from: 'orders-api:1', to: 'orders-api:10', reference: 'app-5', offsetMs: { low: 1999.561, high: 2000.696, estimate: 2000.1285 } },
        { from: 'orders-api:11', to: 'orders-api:28', reference: 'app-5', offsetMs: { low: -0.724, high: 0.491, estimate: -0.1165 } },
      ],
    });
    expect(domain(x, 'app-5')).toEqual({ name: 'app-5', reference: 'app-5', offsetMs: { low: 0, high: 0, estimate: 0 } });
    expect(domain(x, 'edge-1').reference).toBe('app-5');
    expect(domain(x, 'edge-1').epochs).toBeUndefined();
    // Every message and every program step goes forward in corrected time; raw time had six going back.
    expect(x.inversions).toEqual({ raw: 6, corrected: 0, pairsChecked: 85 });
    // Before the step, orders-api's events are corrected by the first epoch's 2 s; after it by the second's.
    expect(ms(event(x, 'orders-api:10').correctedTime) - ms(event(x, 'orders-api:10').time)).toBe(-2000);
    expect(ms(event(x, 'orders-api:11').correctedTime) - ms(event(x, 'orders-api:11').time)).toBe(0);
    // chronyd's report of the step, read on app-3's clock, lies in the second epoch.
    expect(event(x, 'chronyd:4').correctedTime).toBe('2026-03-14T10:15:21.066142Z');
    for (const [, e] of Object.entries(domain(x, 'app-3').epochs!)) {
      const { low, high, estimate } = e.offsetMs;
      const minus = (v: number) => String(v).replace('-', '−');
      expect(readme).toContain(`${minus(estimate!)} ms** (${minus(low!)} to ${minus(high!)})`);
    }
  });

  it('logs a negative duration for the request that straddles the step, and chronyd shares app-3\'s clock', async () => {
    const { x, readme } = await load('ntp-step');
    expect(x.processes.map((p) => [p.name, p.clockDomain])).toEqual([
      ['chronyd', 'app-3'],
      ['gateway', 'edge-1'],
      ['inventory', 'app-5'],
      ['orders-api', 'app-3'],
    ]);
    expect(x.edges).toHaveLength(28);
    const negative = x.events.filter((e) => e.process === 'orders-api' && Number(e.fields['duration_ms']) < 0);
    expect(negative).toHaveLength(1);
    expect(readme).toContain(`duration_ms=${negative[0]!.fields['duration_ms']}`);
  });
});

describe('rebalance-double-charge', () => {
  it('finds the payment the broker delivered twice and both workers charged (critical), and nothing else', async () => {
    const { analysis, x } = await load('rebalance-double-charge');
    expect(problems(analysis)).toEqual([]);
    expect(analysis.inputs.filter((i) => i.events > 0).map((i) => i.format)).toEqual(['text', 'logfmt', 'logfmt']);
    expect(anomaliesOf(x)).toEqual([
      {
        kind: 'non-idempotent-retry',
        severity: 'critical',
        events: ['checkout:4', 'charge-worker:5', 'charge-worker@pay-node-2:3'],
        detail: {
          operation: 'charge',
          idempotent: false,
          key: 'msg_id=pay-4471',
          outcome: 'executed-twice',
          source: 'broker',
          attempts: 1,
          deliveries: 2,
          client: 'checkout',
          servers: ['charge-worker', 'charge-worker@pay-node-2'],
          evidence: null,
          work: ['charge-worker:7', 'charge-worker@pay-node-2:4'],
        },
      },
    ]);
    // The README quotes the finding as the analyzer words it.
    const { readme } = await load('rebalance-double-charge');
    const said = x.anomalies[0]!.summary.split(': a non-idempotent')[0]!;
    expect(said).toContain('was delivered twice');
    expect(readme.replace(/\s+/g, ' ')).toContain(said);
    expect(event(x, 'charge-worker:7').text).toMatch(/^charged card \*{4}1881 59\.90 EUR/);
    expect(event(x, 'charge-worker@pay-node-2:4').text).toBe('charged card ****1881 59.90 EUR');
  });

  it('one service on two hosts is two lanes; each payment is one send, pay-4471 delivered to both', async () => {
    const { x } = await load('rebalance-double-charge');
    expect(x.processes.map((p) => [p.name, p.clockDomain, p.events])).toEqual([
      ['charge-worker', 'pay-node-1', 8],
      ['charge-worker@pay-node-2', 'pay-node-2', 8],
      ['checkout', 'checkout', 7],
    ]);
    expect(x.edges.map((e) => [e.from, e.to, e.key])).toEqual([
      ['checkout:2', 'charge-worker:2', 'msg_id=pay-4470'],
      ['checkout:4', 'charge-worker:5', 'msg_id=pay-4471'],
      ['checkout:4', 'charge-worker@pay-node-2:3', 'msg_id=pay-4471'],
      ['checkout:6', 'charge-worker@pay-node-2:6', 'msg_id=pay-4472'],
    ]);
    // The producer says which way only in words; the consumers name the service (the lane) and the host.
    expect(event(x, 'checkout:4').fields['dir']).toBeUndefined();
    expect(event(x, 'charge-worker:5').fields).toMatchObject({ host: 'pay-node-1', msg_id: 'pay-4471', group: 'charge-workers' });
  });
});

describe('quickstart', () => {
  it('still shows its one clock-skew', async () => {
    const { x } = await load('quickstart');
    expect(anomaliesOf(x).map((a) => [a.kind, a.severity, a.events])).toEqual([['clock-skew', 'warning', ['checkout:2', 'payments:1']]]);
  });
});

describe('the generator', () => {
  let a = '';
  let b = '';
  beforeAll(() => {
    a = mkdtempSync(join(tmpdir(), 'causeway-samples-a-'));
    b = mkdtempSync(join(tmpdir(), 'causeway-samples-b-'));
    for (const out of [a, b]) {
      const r = spawnSync(process.execPath, [GENERATOR, '--out', out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });
  afterAll(() => {
    for (const d of [a, b]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('is deterministic: two runs give identical bytes', () => {
    const fa = filesUnder(a).map((f) => relative(a, f));
    expect(filesUnder(b).map((f) => relative(b, f))).toEqual(fa);
    for (const f of fa) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('matches the committed samples byte for byte (run `npm run samples` after changing it)', () => {
    const generated = filesUnder(a).map((f) => relative(a, f));
    expect(generated.length).toBeGreaterThan(20);
    for (const f of generated) {
      const committed = join(SAMPLES, f);
      expect(existsSync(committed), f).toBe(true);
      expect(readFileSync(committed).equals(readFileSync(join(a, f))), f).toBe(true);
    }
    // No stale generated folder: every sample folder is the generator's, or quickstart / large.
    const dirs = readdirSync(SAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const made = new Set(generated.map((f) => f.split(/[\\/]/)[0]));
    expect(dirs.filter((d) => !made.has(d) && d !== 'quickstart' && d !== 'large')).toEqual([]);
  });
});

describe('the CLI', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist-cli', 'causeway.mjs'))) {
      const r = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it.each(manifest.map((m) => m.id))('analyzes sample-logs/%s and exits 0', (id) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'causeway.mjs'), 'analyze', join('sample-logs', id)], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
