/**
 * A core/v1 or events.k8s.io/v1 Event object → K8sRecord. Both shapes are
 * read field by field with fallbacks (involvedObject or regarding, message or
 * note, source or deprecatedSource, count or series.count...), so one dump may
 * mix them.
 *
 * Time is the reporter's clock at the first occurrence: eventTime (µs) where
 * set; else firstTimestamp (whole seconds) refined by the hex UnixNano suffix
 * of metadata.name (`<object>.<hex>`, which client-go takes from the same
 * clock reading) when that suffix falls inside firstTimestamp's second. Events
 * re-created after their TTL keep an old firstTimestamp and a new suffix; the
 * check keeps such suffixes out. With no timestamp at all, a plausible suffix
 * (years 2000-2200) still is the reporter's clock and is used.
 */
import type { WallTime } from '../../model/eventTime';
import { parseTimestamp } from '../../time/parseTimestamp';
import { emptyRef, type K8sRecord, type ObjectRef } from './k8sRecord';

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function timeOf(v: unknown): WallTime | null {
  return typeof v === 'string' && v !== '' ? parseTimestamp(v) : null;
}

export function refOf(v: unknown): ObjectRef {
  if (!isObj(v)) return emptyRef();
  return { kind: str(v.kind), namespace: str(v.namespace), name: str(v.name), uid: str(v.uid), fieldPath: str(v.fieldPath) };
}

/** Whether an object is an Event of core/v1 or events.k8s.io (not audit.k8s.io). */
export function isEventObject(o: Obj): boolean {
  // Items of an EventList often carry no kind of their own.
  const kind = o.kind === undefined || o.kind === 'Event';
  return kind && !str(o.apiVersion).startsWith('audit.k8s.io') && (isObj(o.involvedObject) || isObj(o.regarding));
}

const MIN_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
const MAX_PLAUSIBLE_MS = Date.UTC(2200, 0, 1);

/** The `<hex>` after the last dot of an event name, decoded as UnixNano; null if it is not one. */
export function decodeNameSuffix(name: string): { hex: string; time: WallTime } | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const hex = name.slice(dot + 1);
  if (!/^[0-9a-f]{9,16}$/.test(hex)) return null;
  const nanos = BigInt(`0x${hex}`);
  const ms = Number(nanos / 1_000_000n);
  if (ms < MIN_PLAUSIBLE_MS || ms > MAX_PLAUSIBLE_MS) return null;
  return { hex, time: { ms, ns: Number(nanos % 1_000_000n), digits: 9 } };
}

export function eventRecordOf(o: Obj, input: string, line: number, seq: number): K8sRecord | string {
  const regarding = refOf(o.involvedObject ?? o.regarding);
  if (!regarding.kind && !regarding.name) return 'Event names no object (involvedObject / regarding is missing or empty)';
  const meta = isObj(o.metadata) ? o.metadata : {};
  const source = isObj(o.source) ? o.source : isObj(o.deprecatedSource) ? o.deprecatedSource : {};
  const series = isObj(o.series) ? o.series : null;
  const eventName = str(meta.name);
  const suffix = decodeNameSuffix(eventName);

  const eventTime = timeOf(o.eventTime);
  let first = eventTime ?? timeOf(o.firstTimestamp) ?? timeOf(o.deprecatedFirstTimestamp);
  let last = (series && timeOf(series.lastObservedTime)) ?? timeOf(o.lastTimestamp) ?? timeOf(o.deprecatedLastTimestamp);
  let time = first;
  if (!eventTime && first && suffix && Math.floor(suffix.time.ms / 1000) * 1000 === first.ms) time = suffix.time;
  if (!first && last) first = last;
  if (!time) time = first ?? suffix?.time ?? null;
  if (!last) last = first;
  const rawCount = (series && typeof series.count === 'number' ? series.count : undefined) ?? o.count ?? o.deprecatedCount;
  const count = typeof rawCount === 'number' && rawCount > 1 ? Math.floor(rawCount) : 1;

  return {
    source: 'event',
    input,
    line,
    seq,
    reason: str(o.reason),
    message: str(o.message ?? o.note).trim(),
    eventType: str(o.type),
    action: str(o.action),
    regarding: regarding.namespace ? regarding : { ...regarding, namespace: str(meta.namespace) },
    related: isObj(o.related) ? refOf(o.related) : null,
    component: str(source.component) || str(o.reportingComponent) || str(o.reportingController),
    instance: str(source.host) || str(o.reportingInstance),
    time,
    first,
    last,
    count,
    nameSuffix: suffix?.hex ?? '',
    uid: str(meta.uid),
    eventName,
    firstAgeSec: null,
    lastAgeSec: null,
    extra: [],
    audit: null,
  };
}
