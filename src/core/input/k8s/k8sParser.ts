/**
 * Reads Kubernetes inputs into one execution. parse() only collects
 * normalised records (events, audit requests, watched objects, or table rows
 * in 'table' mode); finish() does the rest once every input is read, since a
 * chain usually spans inputs (an events dump and an audit log):
 *
 * 1. each record gets its process and clock domain (k8sProcessOf, then
 *    AnalyzeOptions.clockDomainOf by process name);
 * 2. each process's records are put in program order: by the process's own
 *    clock (time of first occurrence), ties by the event name's hex suffix,
 *    then reading order; records without a time keep their place after the
 *    record read before them. Table rows have no time: they are ordered by
 *    their relative age (older first), ties by row order;
 * 3. linkK8sRecords makes the edges; records become events and edges.
 *
 * Watch streams and overlapping dumps repeat an event as its count grows; one
 * record per event uid is kept (the latest state), and one per audit ID (the
 * last stage). Audit requests that change nothing (get, list, watch) are left
 * out with one note. Anything unreadable is a diagnostic with its line.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { EventKind } from '../../model/execution';
import { formatIso } from '../../model/eventTime';
import { auditRecordOf, isAuditObject, READ_ONLY_VERBS } from './auditRecordOf';
import { eventRecordOf, isEventObject, isObj, str, timeOf } from './eventRecordOf';
import type { K8sRecord } from './k8sRecord';
import { CONTROLLER_MANAGER, hostOfInstance, isControllerManagerComponent } from './k8sComponents';
import { k8sProcessOf } from './k8sProcessOf';
import { linkK8sRecords } from './linkK8sRecords';
import { clusterHosts } from './clusterHosts';
import { objectRecordOf } from './objectRecordOf';
import { readJsonValues, type JsonValueAt, type ReadProblem } from './readJsonValues';
import { readK8sTable } from './readK8sTable';
import { readYamlDocuments, type YamlValueAt } from './readYamlDocuments';
import { formatSpan } from './relativeAge';

interface InputTally {
  untimed: number;
  firstUntimed: number;
  readOnly: number;
  objectKinds: Map<string, number>;
}

export class K8sParser implements FormatParser {
  private readonly records: K8sRecord[] = [];
  private readonly byUid = new Map<string, number>();

  constructor(private readonly mode: 'objects' | 'table') {}

  parse(input: string, text: string, ctx: ParseContext): void {
    const sink = ctx.diagnostics;
    if (this.mode === 'table') {
      const { records, problems } = readK8sTable(text, input, this.records.length);
      for (const p of problems) sink.skip(input, p.line, p.message);
      this.records.push(...records);
      sink.add(
        input,
        0,
        'info',
        'kubectl table: LAST SEEN and AGE are relative to when kubectl printed, so these events have no time; ' +
          'each component\'s rows are ordered by those ages (row order where equal; a -w stream keeps row order) and linked: logical order only',
      );
      return;
    }
    const tally: InputTally = { untimed: 0, firstUntimed: 0, readOnly: 0, objectKinds: new Map() };
    const start = text.search(/[^\s\ufeff]/);
    const looksJson = start >= 0 && (text[start] === '{' || text[start] === '[');
    const read: { values: (JsonValueAt | YamlValueAt)[]; problems: ReadProblem[] } = looksJson ? readJsonValues(text) : readYamlDocuments(text);
    for (const p of read.problems) sink.skip(input, p.line, p.message);
    for (const v of read.values) {
      const comment = 'comment' in v ? v.comment : null;
      this.take(v.value, v.line, v.itemLines, comment, '', input, ctx, tally);
    }
    if (tally.untimed > 0) {
      sink.add(input, tally.firstUntimed, 'warning', `${tally.untimed} event${tally.untimed === 1 ? ' has' : 's have'} no usable timestamp (eventTime, firstTimestamp and lastTimestamp empty or null, no name suffix): placed by reading order`);
    }
    if (tally.readOnly > 0) sink.add(input, 0, 'info', `${tally.readOnly} read-only audit requests (get, list, watch) were left out`);
    if (tally.objectKinds.size > 0) {
      const kinds = [...tally.objectKinds].map(([k, n]) => `${k} ×${n}`).join(', ');
      sink.add(input, 0, 'info', `objects that are not Events (${kinds}) are shown as local events of the process "watch", at the time the watcher saw them where the recording says`);
    }
  }

  private take(v: unknown, line: number, itemLines: number[], comment: Record<string, unknown> | null, how: string, input: string, ctx: ParseContext, tally: InputTally): void {
    const sink = ctx.diagnostics;
    if (Array.isArray(v)) {
      // A bare JSON array of objects (jq output, a client's dump): its elements are items.
      v.forEach((item: unknown, i) => this.take(item, itemLines.length === v.length ? itemLines[i]! : line, [], null, how, input, ctx, tally));
      return;
    }
    if (!isObj(v)) {
      sink.skip(input, line, 'not a Kubernetes object');
      return;
    }
    if (typeof v.type === 'string' && isObj(v.object) && v.kind === undefined) {
      this.take(v.object, line, [], comment, v.type, input, ctx, tally); // --output-watch-events
      return;
    }
    if (Array.isArray(v.items) && (v.kind === undefined || str(v.kind).endsWith('List'))) {
      const items: unknown[] = v.items;
      items.forEach((item, i) => this.take(item, itemLines.length === items.length ? itemLines[i]! : line, [], null, how, input, ctx, tally));
      return;
    }
    const seq = this.records.length;
    if (isAuditObject(v)) {
      const rec = auditRecordOf(v, input, line, seq);
      if (typeof rec === 'string') sink.skip(input, line, rec);
      else if (READ_ONLY_VERBS.has(rec.audit!.verb)) tally.readOnly++;
      else this.keep(rec);
      return;
    }
    if (v.kind === 'Event' || isEventObject(v)) {
      if (!isEventObject(v)) {
        sink.skip(input, line, 'Event names no object (involvedObject / regarding is missing or empty)');
        return;
      }
      const rec = eventRecordOf(v, input, line, seq);
      if (typeof rec === 'string') {
        sink.skip(input, line, rec);
        return;
      }
      if (rec.first === null && tally.untimed++ === 0) tally.firstUntimed = line;
      this.keep(rec);
      return;
    }
    const rec = objectRecordOf(v, input, line, seq, { how: how || str(comment?.style) || 'listed', time: timeOf(comment?.time) });
    if (typeof rec === 'string') {
      sink.skip(input, line, rec);
      return;
    }
    const k = rec.regarding.kind;
    tally.objectKinds.set(k, (tally.objectKinds.get(k) ?? 0) + 1);
    this.keep(rec);
  }

  /** Adds a record, or updates the one with the same uid (a watch saw it again). */
  private keep(rec: K8sRecord): void {
    if (rec.source === 'object' || !rec.uid) {
      this.records.push(rec);
      return;
    }
    const key = `${rec.source}:${rec.uid}`;
    const at = this.byUid.get(key);
    if (at === undefined) {
      this.byUid.set(key, this.records.length);
      this.records.push(rec);
    } else if (rec.count >= this.records[at]!.count) {
      this.records[at] = { ...rec, seq: this.records[at]!.seq };
    }
  }

  finish(ctx: ParseContext): void {
    const groups = new Map<string, K8sRecord[]>();
    for (const r of this.records) {
      const name = executionFor(r.input, ctx);
      let g = groups.get(name);
      if (!g) groups.set(name, (g = []));
      g.push(r);
    }
    // Objects of resource files the read stage kept out of the inputs (a support bundle's pods): for linking only.
    const metas = new Map<string, K8sRecord[]>();
    for (const m of ctx.resourceMeta?.() ?? []) {
      const name = executionFor(m.input, ctx);
      if (!groups.has(name)) continue;
      const o = { kind: m.kind, metadata: { name: m.name, namespace: m.namespace, uid: m.uid, ownerReferences: m.owner ? [{ kind: m.owner.split('/')[0], name: m.owner.slice(m.owner.indexOf('/') + 1), controller: true }] : [] }, spec: { nodeName: m.node } };
      const rec = objectRecordOf(o, m.input, 0, this.records.length, { how: 'listed', time: null });
      if (typeof rec !== 'string') metas.set(name, [...(metas.get(name) ?? []), rec]);
    }
    for (const [name, recs] of groups) buildExecution(name, recs, ctx, metas.get(name) ?? []);
  }
}

/** Places, orders and links one execution's records, then adds them as events and edges; `metas` only inform the linker. */
function buildExecution(executionName: string, recs: K8sRecord[], ctx: ParseContext, metas: readonly K8sRecord[] = []): void {
  const kcmHost = recs.find((r) => isControllerManagerComponent(r.component) && r.instance);
  // Resource metadata names nodes too (a pod's spec.nodeName): a second node known is no one-node cluster.
  const hosts = clusterHosts(metas.length > 0 ? [...recs, ...metas] : recs);
  const kcmDomain = kcmHost ? hostOfInstance(kcmHost.instance, kcmHost.component) : (hosts.controlPlane ?? CONTROLLER_MANAGER);
  const override = ctx.options.clockDomainOf ?? {};
  const proc: string[] = [];
  const domain: string[] = [];
  const byProc = new Map<string, number[]>();
  recs.forEach((r, i) => {
    const place = k8sProcessOf(r, kcmDomain, hosts);
    proc.push(place.name);
    domain.push(Object.hasOwn(override, place.name) ? override[place.name]! : place.domain);
    let list = byProc.get(place.name);
    if (!list) byProc.set(place.name, (list = []));
    list.push(i);
  });

  const pos = new Array<number>(recs.length).fill(0);
  for (const list of byProc.values()) {
    list.sort((a, b) => recs[a]!.seq - recs[b]!.seq);
    const key1 = new Map<number, number>();
    const key2 = new Map<number, number>();
    let k1 = -Infinity;
    let k2 = 0;
    for (const i of list) {
      const r = recs[i]!;
      const age = r.firstAgeSec ?? r.lastAgeSec;
      if (r.time) [k1, k2] = [r.time.ms, r.time.ns];
      else if (age !== null) [k1, k2] = [-age * 1000, 0];
      key1.set(i, k1);
      key2.set(i, k2);
    }
    list.sort((a, b) => key1.get(a)! - key1.get(b)! || key2.get(a)! - key2.get(b)! || suffixCmp(recs[a]!, recs[b]!) || recs[a]!.seq - recs[b]!.seq);
    list.forEach((i, k) => (pos[i] = k));
  }

  for (let i = 0; i < metas.length; i++) proc.push(''), domain.push(''), pos.push(0);
  const linked = metas.length > 0 ? linkK8sRecords({ recs: [...recs, ...metas], domain, proc, pos }) : linkK8sRecords({ recs, domain, proc, pos });
  const edges = metas.length > 0 ? linked.filter((e) => e.from < recs.length && e.to < recs.length) : linked;
  const b = ctx.execution(executionName);
  const handle = new Array<number>(recs.length);
  for (const [name, list] of [...byProc].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))) {
    const p = b.process(name, domain[list[0]!]);
    for (const i of list) {
      const r = recs[i]!;
      // Events and audit stages are stamped when recorded, after what they report (offsets/recordingSlack.ts).
      if (r.source !== 'object' && r.time) b.markRecordedInput(r.input);
      handle[i] = b.addEvent(p, {
        time: r.time,
        text: textOf(r),
        fields: fieldsOf(r),
        input: r.input,
        line: r.line,
        ...(r.source === 'object' && { kind: EventKind.Local }),
      });
    }
  }
  for (const e of edges) b.addEdge(handle[e.from]!, handle[e.to]!, e.rule, e.key);
}

function suffixCmp(a: K8sRecord, b: K8sRecord): number {
  const x = a.nameSuffix;
  const y = b.nameSuffix;
  if (!x || !y) return 0;
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

function textOf(r: K8sRecord): string {
  if (r.source === 'audit') return r.message;
  if (r.source === 'object') return `${r.message} (${r.reason})`;
  const base = r.reason ? `${r.reason}: ${r.message}` : r.message;
  if (r.count <= 1) return base;
  let span = '';
  if (r.first && r.last) span = formatSpan(r.last.ms - r.first.ms);
  else if (r.firstAgeSec !== null && r.lastAgeSec !== null) span = formatSpan((r.firstAgeSec - r.lastAgeSec) * 1000);
  return `${base} (x${r.count}${span ? ` over ${span}` : ''})`;
}

function fieldsOf(r: K8sRecord): [string, string][] {
  const g = r.regarding;
  const out: [string, string][] = [];
  const put = (k: string, v: string) => {
    if (v !== '') out.push([k, v]);
  };
  put('reason', r.source === 'audit' ? '' : r.reason);
  put('eventType', r.source === 'event' || r.source === 'table' ? r.eventType : '');
  put('object', `${g.kind}${g.kind ? ' ' : ''}${g.namespace ? `${g.namespace}/` : ''}${g.name}`.trim());
  put('objectKind', g.kind);
  put('namespace', g.namespace);
  put('objectName', g.name);
  put('objectUid', g.uid);
  put('fieldPath', g.fieldPath);
  if (r.related) put('related', `${r.related.kind} ${r.related.namespace ? `${r.related.namespace}/` : ''}${r.related.name}`);
  if (r.source === 'event' || r.source === 'table') {
    put('component', r.component);
    put('instance', r.instance);
    put('action', r.action);
    put('eventName', r.eventName);
    put('count', String(r.count));
    if (r.first) put('firstSeen', formatIso(r.first.ms, r.first.ns, r.first.digits));
    if (r.last) put('lastSeen', formatIso(r.last.ms, r.last.ns, r.last.digits));
  }
  for (const [k, v] of r.extra) put(k, v);
  return out;
}
