/**
 * What line readers of keyed records (JSON lines, logfmt) share. Lines of one
 * logger repeat a few key sequences, so the role of each key (time, process,
 * host, message, by fieldConventions.ts) is worked out once per sequence — a
 * KeyShape — and a KeyShapeCache remembers the last few. pickShapeProcess
 * applies the process/host convention over a shape's indices, and
 * ProcessCache looks a process up once per run of lines from it.
 */
import { asciiBytes } from '../base/asciiBytes';
import { bytesAre, occursAt } from '../base/occursAt';
import { freshString } from '../base/stringTable';
import type { DiagnosticSink } from '../model/diagnostic';
import type { ExecutionBuilder } from '../model/executionBuilder';
import { HOST_KEYS, MESSAGE_KEYS, PROCESS_KEYS, TIME_KEYS } from './fieldConventions';
import { serviceLane } from './serviceLanes';

/**
 * Where the roles sit in one key sequence: indices in convention order. A
 * repeated key counts once, at its first place (`firsts` lists those places).
 */
export interface KeyShape {
  keys: string[];
  firsts: number[];
  /** Field-key ids, interned on first use (-1 until then), so ids come in the order fields are met. */
  keyIds: number[];
  time: number[];
  process: number[];
  host: number[];
  /** Whether the key at an index is a host key (then a process named by it has no separate domain). */
  hostKey: boolean[];
  message: number;
  /**
   * Whether lines of this shape can be matched key by key in the raw text
   * (FlatJsonScanner): no key repeats, none is an array index (which
   * objects list first, out of line order), none needs escaping in JSON.
   */
  plain: boolean;
}

export function newKeyShape(keys: string[]): KeyShape {
  const firstAt = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!firstAt.has(k)) firstAt.set(k, i);
  });
  const present = (list: readonly string[]) => list.filter((k) => firstAt.has(k)).map((k) => firstAt.get(k)!);
  const message = present(MESSAGE_KEYS);
  return {
    keys,
    firsts: [...firstAt.values()],
    keyIds: keys.map(() => -1),
    time: present(TIME_KEYS),
    process: present(PROCESS_KEYS),
    host: present(HOST_KEYS),
    hostKey: keys.map((k) => (HOST_KEYS as readonly string[]).includes(k)),
    message: message.length > 0 ? message[0]! : -1,
    plain: firstAt.size === keys.length && keys.every(isPlainKey),
  };
}

/** A key that JSON writes as it is and that an object lists in insertion order. */
export function isPlainKey(k: string): boolean {
  return !/^\d+$/.test(k) && !/["\\\u0000-\u001f]/.test(k);
}

/** Whether t is written at `at` in the chunk s, read from its aligned bytes u when given. */
function writtenAt(s: string, u: Uint8Array | null, at: number, t: string): boolean {
  return u === null ? occursAt(s, at, t) : bytesAre(u, at, t);
}

/** Key shapes remembered per input. */
const SHAPES_KEPT = 8;

export class KeyShapeCache {
  private readonly shapes: KeyShape[] = [];
  /** Where the last line's shape is, and the shape added last. */
  private lastShape = 0;
  private lastAdded = -1;

  /** Per place, the keys of its shape when the shape is plain (FlatJsonScanner's key sets), else null. */
  readonly plainKeys: (string[] | null)[] = [];
  /** plainKeys as bytes (asciiBytes; null for a key with other characters), for scanning aligned bytes. */
  readonly plainKeyBytes: ((Uint8Array | null)[] | null)[] = [];

  /** The place of the shape that matched last, or -1 before the first line. */
  get lastIndex(): number {
    return this.shapes.length > 0 ? this.lastShape : -1;
  }

  /** The shape at a place (plainKeys' index), which becomes the last one matched. */
  take(at: number): KeyShape {
    this.lastShape = at;
    return this.shapes[at]!;
  }

  /** The shape of keys keyAt(0 .. count-1); the one that matched last is tried first. */
  find(count: number, keyAt: (i: number) => string): KeyShape {
    const shapes = this.shapes;
    const n = shapes.length;
    for (let t = 0; t < n; t++) {
      const s = (this.lastShape + t) % n;
      const known = shapes[s]!.keys;
      if (known.length !== count) continue;
      let same = true;
      for (let i = 0; i < count; i++) {
        if (known[i] !== keyAt(i)) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      this.lastShape = s;
      return shapes[s]!;
    }
    // A new shape takes a free place, else the place after the last one taken (round robin).
    // Keys are copied: a key sliced from a chunk would keep the chunk alive.
    const shape = newKeyShape(Array.from({ length: count }, (_, i) => freshString(keyAt(i))));
    const s = n < SHAPES_KEPT ? n : (this.lastAdded + 1) % SHAPES_KEPT;
    shapes[s] = shape;
    this.plainKeys[s] = shape.plain ? shape.keys : null;
    this.plainKeyBytes[s] = shape.plain ? shape.keys.map(asciiBytes) : null;
    this.lastAdded = s;
    this.lastShape = s;
    return shape;
  }
}

/** The process of a record and its own clock domain (undefined when it is its own host). */
export interface PickedProcess {
  at: number;
  name: string;
  domain: string | undefined;
}

/**
 * pickProcess (fieldConventions.ts) over a shape's indices: the first usable
 * process key names the process (else `fallback`); the first usable host key
 * is its clock domain when it differs. `textAt` gives a value, or undefined
 * when it is missing or unusable. Writes into `out`, as it runs per line.
 */
export function pickShapeProcess(shape: KeyShape, textAt: (i: number) => string | undefined, fallback: string, out: PickedProcess): PickedProcess {
  out.at = -1;
  out.name = fallback;
  out.domain = undefined;
  for (const i of shape.process) {
    const v = textAt(i);
    if (v !== undefined) {
      out.at = i;
      out.name = v;
      break;
    }
  }
  if (out.at >= 0 && !shape.hostKey[out.at]) {
    for (const i of shape.host) {
      const host = textAt(i);
      if (host !== undefined) {
        if (host !== out.name) out.domain = host;
        break;
      }
    }
  }
  return out;
}

/** Looks a process up in the builder once per run of lines from the same process and domain. */
export class ProcessCache {
  private name = '';
  private domain: string | undefined = undefined;
  private index = -1;

  get(b: ExecutionBuilder, name: string, domain: string | undefined): number {
    if (this.index < 0 || name !== this.name || domain !== this.domain) {
      // A service on a second host is a lane of its own (serviceLanes.ts); the cache keeps the name as written.
      this.index = serviceLane(b, name, domain);
      this.name = freshString(name);
      this.domain = domain === undefined ? undefined : freshString(domain);
    }
    return this.index;
  }

  /**
   * The process of the last get() when its name is s[from, to) and its
   * domain is what get() makes of the host s[hostFrom, hostTo) (none when
   * hostFrom < 0 or the host is the name); else -1. Lets a reader recognise
   * the process of the line before without making its name. `u`: the
   * chunk's aligned bytes (ChunkDecoder.aligned), or null.
   */
  lastIf(s: string, from: number, to: number, hostFrom: number, hostTo: number, u: Uint8Array | null = null): number {
    const name = this.name;
    if (this.index < 0 || name.length !== to - from || !writtenAt(s, u, from, name)) return -1;
    const domain = this.domain;
    if (hostFrom < 0 || (hostTo - hostFrom === name.length && writtenAt(s, u, hostFrom, name))) return domain === undefined ? this.index : -1;
    return domain !== undefined && domain.length === hostTo - hostFrom && writtenAt(s, u, hostFrom, domain) ? this.index : -1;
  }
}

/**
 * Lines whose time field did not read as a time, for the one warning at the
 * end of an input: how many, and the first one's line and text. The sample
 * is a function so the common case (every time reads) builds no string.
 */
export class UnreadableTimes {
  private count = 0;
  private firstLine = 0;
  private sample = '';

  note(line: number, sample: () => string): void {
    if (this.count++ > 0) return;
    this.firstLine = line;
    this.sample = sample();
  }

  report(diagnostics: DiagnosticSink, input: string, message: (n: number, sample: string) => string = unreadableTimesMessage): void {
    if (this.count > 0) diagnostics.add(input, this.firstLine, 'warning', message(this.count, this.sample));
  }
}

/** The one warning for time fields that could not be read. */
export function unreadableTimesMessage(n: number, sample: string): string {
  return (
    `${n} line${n === 1 ? ' has a time field' : 's have time fields'} that could not be read as a timestamp ` +
    `(first: ${sample}); ${n === 1 ? 'it has' : 'they have'} no time`
  );
}
