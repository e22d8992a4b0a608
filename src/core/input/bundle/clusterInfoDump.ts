/**
 * `kubectl cluster-info dump` output, cut into what the layout knows how to
 * read. The command writes (clusterinfo_dump.go) the NodeList, then per
 * namespace its EventList, ReplicationControllerList, ServiceList,
 * DaemonSetList, DeploymentList, ReplicaSetList and PodList, then each pod's
 * containers' logs between `==== START logs for container C of pod NS/P ====`
 * and `==== END logs for container C of pod NS/P ====` lines. With
 * `--output-directory` each list is a file (`<ns>/events.json`) and each
 * pod's logs one `<ns>/<pod>/logs.txt`; without, all of it is one stream.
 *
 * splitClusterInfoStream turns the stream into the members the directory
 * form would have had (`<stream>/nodes.json`, `<stream>/<ns>/events.json`,
 * `<stream>/<ns>/<pod>/logs.txt`), so one plan reads both; a namespace is
 * named by the first namespace in its lists or log markers. splitLogSections
 * cuts a logs.txt into its containers. Both work on bytes (every marker and
 * bracket is ASCII) and give views, not copies.
 */
import type { NamedBytes } from '../archive/archiveMember';
import { concatBytes } from '../inputSource';

const enc = new TextEncoder();
const dec = new TextDecoder();
const START = enc.encode('==== START logs for container ');
const END = enc.encode('==== END logs for container ');

const LIST_FILES: Record<string, string> = {
  NodeList: 'nodes',
  EventList: 'events',
  ReplicationControllerList: 'replication-controllers',
  ServiceList: 'services',
  DaemonSetList: 'daemonsets',
  DeploymentList: 'deployments',
  ReplicaSetList: 'replicasets',
  PodList: 'pods',
};

/** Whether bytes start like a cluster-info dump written to one stream: a JSON NodeList (enough to read a file whole). */
export function startsLikeClusterInfoStream(bytes: Uint8Array): boolean {
  const head = dec.decode(bytes.subarray(0, 256));
  // kubectl prints typed lists: "kind" is the first key.
  return /^\s*\{\s*"kind"\s*:\s*"NodeList"/.test(head);
}

/** Whether bytes are a cluster-info dump written to one stream: a NodeList and then an EventList (not a lone nodes.json). */
export function isClusterInfoStream(bytes: Uint8Array): boolean {
  if (!startsLikeClusterInfoStream(bytes)) return false;
  const end = jsonValueEnd(bytes, bytes.indexOf(0x7b));
  if (end < 0) return false;
  return /^\s*\{\s*"kind"\s*:\s*"EventList"/.test(dec.decode(bytes.subarray(end, end + 256)));
}

export interface LogSection {
  container: string;
  namespace: string;
  pod: string;
  /** The section's lines between its markers. */
  bytes: Uint8Array;
  /** Where the section lies in what was split, markers included: [from, to). */
  from: number;
  to: number;
}

function startsAt(b: Uint8Array, at: number, what: Uint8Array): boolean {
  if (at + what.length > b.length) return false;
  for (let i = 0; i < what.length; i++) if (b[at + i] !== what[i]) return false;
  return true;
}

function lineEnd(b: Uint8Array, at: number): number {
  const nl = b.indexOf(10, at);
  return nl < 0 ? b.length : nl;
}

/** `C of pod NS/P ====` → [C, NS, P]. */
function markerNames(b: Uint8Array, from: number, to: number): [string, string, string] | null {
  const m = /^(\S+) of pod ([^/\s]+)\/(\S+) ====\r?$/.exec(dec.decode(b.subarray(from, to)));
  return m ? [m[1]!, m[2]!, m[3]!] : null;
}

/**
 * The container sections of a logs.txt (or of a stream, from `at`): each
 * START line to its END line (or to the next START, or the end, when a
 * section is cut short). `outside`: non-blank lines in no section.
 */
export function splitLogSections(b: Uint8Array, at = 0, stopAtJson = false): { sections: LogSection[]; outside: number; end: number } {
  const sections: LogSection[] = [];
  let outside = 0;
  let pos = at;
  while (pos < b.length) {
    const eol = lineEnd(b, pos);
    if (startsAt(b, pos, START)) {
      const names = markerNames(b, pos + START.length, eol);
      const bodyStart = Math.min(eol + 1, b.length);
      let p = bodyStart;
      let bodyEnd = b.length;
      let next = b.length;
      while (p < b.length) {
        const e = lineEnd(b, p);
        if (startsAt(b, p, END)) {
          bodyEnd = p;
          next = Math.min(e + 1, b.length);
          break;
        }
        if (startsAt(b, p, START)) {
          bodyEnd = next = p;
          break;
        }
        p = e + 1;
      }
      if (names) sections.push({ container: names[0], namespace: names[1], pod: names[2], bytes: b.subarray(bodyStart, bodyEnd), from: pos, to: next });
      else outside++;
      pos = next;
      continue;
    }
    if (stopAtJson && (b[pos] === 0x7b || b[pos] === 0x5b)) return { sections, outside, end: pos };
    if (!isBlankLine(b, pos, eol)) outside++;
    pos = eol + 1;
  }
  return { sections, outside, end: b.length };
}

function isBlankLine(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 32 && b[i] !== 9 && b[i] !== 13) return false;
  return true;
}

/** The end (exclusive) of the JSON value that starts at `at` ('{' or '['), or -1 when it does not end. */
function jsonValueEnd(b: Uint8Array, at: number): number {
  let depth = 0;
  let inString = false;
  for (let i = at; i < b.length; i++) {
    const c = b[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

function firstMatch(b: Uint8Array, re: RegExp, limit = 4096): string {
  return re.exec(dec.decode(b.subarray(0, limit)))?.[1] ?? '';
}

export interface StreamSplit {
  members: NamedBytes[];
  /** Lines or values that are neither a known list nor a log section. */
  problems: string[];
}

/** The cluster-info dump stream `name` as the members its directory form would have. */
export function splitClusterInfoStream(name: string, b: Uint8Array): StreamSplit {
  const members: NamedBytes[] = [];
  const problems: string[] = [];
  /** The current namespace group: its lists, and the sections of each pod. */
  let lists: { file: string; bytes: Uint8Array }[] = [];
  let pods = new Map<string, Uint8Array[]>();
  let namespace = '';
  let unnamed = 0;
  const flush = () => {
    if (lists.length === 0 && pods.size === 0) return;
    const ns = namespace || `namespace-${++unnamed}`;
    for (const l of lists) members.push({ name: `${name}/${ns}/${l.file}.json`, bytes: l.bytes });
    for (const [pod, parts] of pods) members.push({ name: `${name}/${ns}/${pod}/logs.txt`, bytes: concatBytes(parts) });
    lists = [];
    pods = new Map();
    namespace = '';
  };
  let pos = 0;
  while (pos < b.length) {
    const c = b[pos]!;
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      pos++;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const end = jsonValueEnd(b, pos);
      if (end < 0) {
        problems.push(`a JSON value at byte ${pos} does not end: the rest of the dump was not read`);
        break;
      }
      const value = b.subarray(pos, end);
      const kind = firstMatch(value, /"kind"\s*:\s*"(\w+)"/, 512);
      const file = LIST_FILES[kind];
      if (!file) problems.push(`a JSON value of kind "${kind || '?'}" at byte ${pos} is not part of a cluster-info dump: not read`);
      else if (file === 'nodes') members.push({ name: `${name}/nodes.json`, bytes: value });
      else {
        if (file === 'events') flush();
        lists.push({ file, bytes: value });
        namespace ||= firstMatch(value, /"namespace"\s*:\s*"([^"]+)"/);
      }
      pos = end;
      continue;
    }
    // Log sections run until the next JSON value at a line start: the next namespace's lists.
    const from = pos;
    const { sections, outside, end } = splitLogSections(b, pos, true);
    for (const s of sections) {
      namespace ||= s.namespace;
      const parts = pods.get(s.pod) ?? [];
      // The section with its markers, so logs.txt reads as the directory form's.
      parts.push(b.subarray(s.from, s.to));
      pods.set(s.pod, parts);
    }
    if (outside > 0) problems.push(`${outside} line${outside === 1 ? '' : 's'} after byte ${from} in no log section and no JSON value: not read`);
    pos = end > from ? end : lineEnd(b, from) + 1;
  }
  flush();
  return { members, problems };
}

