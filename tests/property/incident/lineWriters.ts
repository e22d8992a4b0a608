/**
 * One model event as one line: plain text (stamp, level, words, ids as
 * key=value, tag), or a record of named fields that the JSON-lines, logfmt
 * and CSV writers lay out. The knobs say which names a shape uses.
 */
import { hostOf, stampOf, type Incident, type ModelEvent } from './incidentModel';
import { writeStamp, type TimeLayout } from './timeLayouts';
import { directionWord, onServer, peerSide, sentence, tagOf, type Wording } from './wording';

export interface TextKnobs {
  wording: 'A' | 'B';
  layout: (e: ModelEvent) => TimeLayout;
  /** Whether e's attempt is written (servers that log none leave it out). */
  attempt: (e: ModelEvent) => boolean;
}

export function textLine(inc: Incident, e: ModelEvent, k: TextKnobs): string {
  const parts = [writeStamp(stampOf(hostOf(inc, e), e.trueMs), k.layout(e)), 'INFO', sentence(e, k.wording)];
  if (e.key) parts.push(`${e.key.kind === 'request' ? 'request_id' : 'msg_id'}=${e.key.value}`);
  if (e.attempt !== undefined && k.attempt(e)) parts.push(`attempt=${e.attempt}`);
  if (e.role === 'consume') parts.push(`group=${inc.group}`);
  parts.push(tagOf(e));
  return parts.join(' ');
}

export interface RecordKnobs {
  timeKey: string;
  /** Key naming the process and what it holds: the instance (payments-1) or the service (payments). */
  processKey: string;
  processValue: 'instance' | 'service';
  /** Host key, or null to write none. */
  hostKey: string | null;
  messageKey: string;
  requestIdKey: string;
  messageIdKey: string;
  dirKey: string;
  dirWords: 'plain' | 'inout' | 'span';
  /** `to`/`from` per side, or one `peer` field. */
  peers: 'to-from' | 'peer';
  serverAttempts: boolean;
  /** Broker messages written as a Kafka client logs them (topic, partition, group), naming no peer process. */
  kafka: boolean;
  layout: TimeLayout;
}

export const PLAIN_RECORD: RecordKnobs = {
  timeKey: 'ts',
  processKey: 'service',
  processValue: 'instance',
  hostKey: 'host',
  messageKey: 'msg',
  requestIdKey: 'request_id',
  messageIdKey: 'msg_id',
  dirKey: 'dir',
  dirWords: 'plain',
  peers: 'to-from',
  serverAttempts: true,
  kafka: false,
  layout: 'iso-z',
};

/** The fields of e's line, in writing order; values are strings or numbers. */
export function recordOf(inc: Incident, e: ModelEvent, k: RecordKnobs): [string, string | number][] {
  const proc = inc.procs[e.proc]!;
  const host = inc.hosts[proc.host]!;
  const wording: Wording = 'bare';
  const kafkaSide = k.kafka && (e.role === 'publish' || e.role === 'consume');
  const text = kafkaSide ? `${e.role === 'publish' ? 'produced' : 'consumed'} ${e.op}` : sentence(e, wording);
  const r: [string, string | number][] = [
    [k.timeKey, writeStamp(stampOf(host, e.trueMs), k.layout)],
    ['level', 'info'],
    [k.processKey, k.processValue === 'instance' ? proc.name : proc.service],
  ];
  if (k.hostKey) r.push([k.hostKey, host.name]);
  r.push([k.messageKey, `${text} ${tagOf(e)}`]);
  if (e.key) r.push([e.key.kind === 'request' ? k.requestIdKey : k.messageIdKey, e.key.value]);
  const dir = directionWord(e, kafkaSide ? 'span' : k.dirWords);
  if (dir) r.push([k.dirKey, dir]);
  const side = peerSide(e);
  if (kafkaSide) {
    r.push(['topic', inc.topic], ['partition', 3]);
    if (e.role === 'consume') r.push(['group', inc.group], ['broker', 'kafka-0:9092']);
  } else {
    if (side && e.peer) r.push([k.peers === 'peer' ? 'peer' : side, e.peer]);
    if (e.role === 'consume') r.push(['group', inc.group]);
  }
  if (e.attempt !== undefined && (k.serverAttempts || !onServer(e))) r.push(['attempt', e.attempt]);
  return r;
}

export function jsonLine(fields: [string, string | number][]): string {
  return JSON.stringify(Object.fromEntries(fields));
}

export function logfmtLine(fields: [string, string | number][]): string {
  return fields.map(([key, v]) => `${key}=${/[\s"=]/.test(String(v)) ? JSON.stringify(String(v)) : v}`).join(' ');
}
