/**
 * kubectl's text tables → K8sRecords: `kubectl get events` (with -A, with
 * -o wide, and the older LAST SEEN / FIRST SEEN / COUNT / NAME / KIND layout),
 * `kubectl events` ("2m (x4 over 10m)"), their -w streams, and `kubectl get
 * pods -w`. A header line sets the columns (it may repeat; each starts a new
 * table). kubectl pads columns to the header's positions, so cells are cut at
 * those positions when the row lines up with them; -w rows printed one by
 * one need not, and are split at runs of two or more spaces instead (a
 * message's own double spaces are joined back; a missing SUBOBJECT is
 * assumed when a wide row is one cell short).
 *
 * The reporting component comes from SOURCE where the table has it, else from
 * the reason (Scheduled → default-scheduler, Pulled → the kubelet of the
 * pod's node, from a Scheduled row of the same table...). Ages are relative
 * to when kubectl printed, so rows carry ages, not times. Rows of `get pods
 * -w` are the watcher's observations, in the order it made them.
 */
import { emptyRef, type K8sRecord } from './k8sRecord';
import type { ReadProblem } from './readJsonValues';
import { WATCH_PROCESS } from './objectRecordOf';
import { parseAgeInterval, parseRelativeAge } from './relativeAge';

export type TableKind = 'events' | 'pods';

interface Column {
  name: string;
  start: number;
}

export function tableKindOfHeader(line: string): TableKind | null {
  const cols = columnsOf(line).map((c) => c.name);
  if (cols.includes('REASON') && cols.includes('MESSAGE') && (cols.includes('LAST SEEN') || cols.includes('LASTSEEN'))) return 'events';
  if (cols[cols[0] === 'NAMESPACE' ? 1 : 0] === 'NAME' && cols.includes('READY') && cols.includes('STATUS')) return 'pods';
  return null;
}

function columnsOf(line: string): Column[] {
  const out: Column[] = [];
  for (const m of line.trimEnd().matchAll(/\S+(?: \S+)*/g)) out.push({ name: m[0].toUpperCase(), start: m.index });
  return out;
}

const KIND_NAMES: Record<string, string> = {
  pod: 'Pod', replicaset: 'ReplicaSet', deployment: 'Deployment', node: 'Node', job: 'Job', cronjob: 'CronJob',
  statefulset: 'StatefulSet', daemonset: 'DaemonSet', replicationcontroller: 'ReplicationController', service: 'Service',
  endpoints: 'Endpoints', persistentvolumeclaim: 'PersistentVolumeClaim', horizontalpodautoscaler: 'HorizontalPodAutoscaler',
};

function canonicalKind(kind: string): string {
  return KIND_NAMES[kind.toLowerCase()] ?? kind;
}

export function readK8sTable(text: string, input: string, seq0: number): { records: K8sRecord[]; problems: ReadProblem[] } {
  const records: K8sRecord[] = [];
  const problems: ReadProblem[] = [];
  let cols: Column[] = [];
  let kind: TableKind | null = null;
  let tableStart = 0;
  let misaligned = false;
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const headerKind = tableKindOfHeader(line);
    if (headerKind) {
      if (misaligned) forgetAges(records, tableStart);
      kind = headerKind;
      cols = columnsOf(line);
      tableStart = records.length;
      misaligned = false;
      continue;
    }
    if (!kind) {
      problems.push({ line: k + 1, message: 'not a row of a kubectl table (no header line above it)' });
      continue;
    }
    const aligned = alignedCells(line, cols);
    if (!aligned) misaligned = true;
    const cells = aligned ?? splitCells(line, cols);
    const get = (...names: string[]) => {
      for (const n of names) {
        const i = cols.findIndex((c) => c.name === n);
        if (i >= 0) return cells[i] ?? '';
      }
      return '';
    };
    const seq = seq0 + records.length;
    const rec = kind === 'events' ? eventRow(get, input, k + 1, seq) : podRow(get, input, k + 1, seq);
    if (typeof rec === 'string') problems.push({ line: k + 1, message: rec });
    else records.push(rec);
  }
  if (misaligned) forgetAges(records, tableStart);
  inferReporters(records);
  return { records, problems };
}

/**
 * Rows that do not line up with their header were printed one by one: a -w
 * stream, whose ages are relative to different moments. Its rows keep the
 * order they came in instead.
 */
function forgetAges(records: K8sRecord[], from: number): void {
  for (let i = from; i < records.length; i++) {
    records[i]!.firstAgeSec = null;
    records[i]!.lastAgeSec = null;
  }
}

/** Cells cut at the header's positions, or null when the row does not line up with them. */
function alignedCells(line: string, cols: Column[]): string[] | null {
  const aligned = cols.every((c, i) => {
    if (i === 0 || line.length <= c.start) return true;
    if (line[c.start - 1] !== ' ') return false;
    const end = i + 1 < cols.length ? cols[i + 1]!.start : line.length;
    return line[c.start] !== ' ' || line.slice(c.start, end).trim() === '';
  });
  if (!aligned) return null;
  return cols.map((c, i) => line.slice(c.start, i + 1 < cols.length ? cols[i + 1]!.start : undefined).trim());
}

/** Cells split at runs of two or more spaces, fitted to the columns. */
function splitCells(line: string, cols: Column[]): string[] {
  const parts = line.trim().split(/ {2,}|\t+/);
  const names = cols.map((c) => c.name);
  const mi = names.indexOf('MESSAGE');
  if (parts.length === cols.length || mi < 0) return parts;
  if (parts.length > cols.length) {
    const extra = parts.length - cols.length;
    return [...parts.slice(0, mi), parts.slice(mi, mi + extra + 1).join('  '), ...parts.slice(mi + extra + 1)];
  }
  const sub = names.indexOf('SUBOBJECT');
  if (sub >= 0 && parts.length === cols.length - 1 && !/^spec\./.test(parts[sub] ?? '')) parts.splice(sub, 0, '');
  return parts;
}

type Get = (...names: string[]) => string;

function eventRow(get: Get, input: string, line: number, seq: number): K8sRecord | string {
  const reason = get('REASON');
  const lastSeen = get('LAST SEEN', 'LASTSEEN');
  const interval = parseAgeInterval(lastSeen);
  if (!reason || !interval) return `row does not fit the table's columns (LAST SEEN "${lastSeen.slice(0, 30)}", REASON "${reason.slice(0, 30)}")`;
  const firstCell = get('FIRST SEEN', 'FIRSTSEEN');
  const countCell = get('COUNT');
  const count = /^\d+$/.test(countCell) ? Number(countCell) : interval.count;
  let objectKind = '';
  let objectName = '';
  const object = get('OBJECT');
  if (object) {
    const slash = object.indexOf('/');
    objectKind = canonicalKind(slash >= 0 ? object.slice(0, slash) : object);
    objectName = slash >= 0 ? object.slice(slash + 1) : '';
  } else {
    // Older layout: NAME is the event's name, `<object>.<hex>`; KIND the object's kind.
    objectKind = canonicalKind(get('KIND'));
    const name = get('NAME');
    objectName = name.replace(/\.[0-9a-f]{9,16}$/, '');
  }
  const sourceCell = get('SOURCE');
  const comma = sourceCell.indexOf(',');
  const firstAge = parseRelativeAge(firstCell) ?? interval.firstAgeSec ?? (count <= 1 ? interval.lastAgeSec : null);
  const extra: [string, string][] = [['lastSeenAgo', lastSeen]];
  if (firstCell) extra.push(['firstSeenAgo', firstCell]);
  return {
    source: 'table',
    input,
    line,
    seq,
    reason,
    message: get('MESSAGE'),
    eventType: get('TYPE'),
    action: '',
    regarding: { kind: objectKind, namespace: get('NAMESPACE'), name: objectName, uid: '', fieldPath: get('SUBOBJECT') },
    related: null,
    component: comma >= 0 ? sourceCell.slice(0, comma).trim() : sourceCell,
    instance: comma >= 0 ? sourceCell.slice(comma + 1).trim() : '',
    time: null,
    first: null,
    last: null,
    count: Math.max(1, count),
    nameSuffix: '',
    uid: '',
    eventName: get('NAME'),
    firstAgeSec: firstAge,
    lastAgeSec: interval.lastAgeSec,
    extra,
    audit: null,
  };
}

function podRow(get: Get, input: string, line: number, seq: number): K8sRecord | string {
  const name = get('NAME');
  const status = get('STATUS');
  if (!name || !status) return 'row does not fit the pods table (no NAME or STATUS)';
  const extra: [string, string][] = [
    ['status', status],
    ['ready', get('READY')],
    ['restarts', get('RESTARTS')],
    ['age', get('AGE')],
  ];
  const node = get('NODE');
  if (node && node !== '<none>') extra.push(['node', node]);
  const ns = get('NAMESPACE');
  return {
    source: 'table',
    input,
    line,
    seq,
    reason: 'PodStatus',
    message: `pod ${ns ? `${ns}/` : ''}${name} ${get('READY')} ${status}${get('RESTARTS') && get('RESTARTS') !== '0' ? `, restarts ${get('RESTARTS')}` : ''}`,
    eventType: '',
    action: '',
    regarding: { ...emptyRef(), kind: 'Pod', namespace: ns, name },
    related: null,
    component: WATCH_PROCESS,
    instance: '',
    time: null,
    first: null,
    last: null,
    count: 1,
    nameSuffix: '',
    uid: '',
    eventName: '',
    // AGE is the pod's, not the row's: a watch's rows keep the order they came in.
    firstAgeSec: null,
    lastAgeSec: null,
    extra: extra.filter(([, v]) => v !== ''),
    audit: null,
  };
}

const SCHEDULER_REASONS = new Set(['Scheduled', 'FailedScheduling', 'Preempted']);
const CONTROLLER_OF_KIND: Record<string, string> = {
  ReplicaSet: 'replicaset-controller', Job: 'job-controller', StatefulSet: 'statefulset-controller', DaemonSet: 'daemonset-controller',
  ReplicationController: 'replication-controller', CronJob: 'cronjob-controller', Deployment: 'deployment-controller',
};

/** Tables without SOURCE: the usual reporter of each reason (marked as inferred). */
function inferReporters(records: K8sRecord[]): void {
  const podNode = new Map<string, string>();
  for (const r of records) {
    const m = r.reason === 'Scheduled' ? / to (\S+)$/.exec(r.message) : null;
    if (m) podNode.set(`${r.regarding.namespace}/${r.regarding.name}`, m[1]!);
  }
  for (const r of records) {
    if (r.component) continue;
    const g = r.regarding;
    let c = 'unknown-reporter';
    if (SCHEDULER_REASONS.has(r.reason)) c = 'default-scheduler';
    else if (r.reason === 'TaintManagerEviction') c = 'taint-eviction-controller';
    else if (r.reason === 'NodeNotReady') c = 'node-controller';
    else if (CONTROLLER_OF_KIND[g.kind]) c = CONTROLLER_OF_KIND[g.kind]!;
    else if (g.kind === 'Pod') {
      c = 'kubelet';
      r.instance = podNode.get(`${g.namespace}/${g.name}`) ?? '';
    } else if (g.kind === 'Node') {
      c = 'kubelet';
      r.instance = g.name;
    }
    r.component = c;
    r.extra.push(['source', 'inferred from the reason']);
  }
}
