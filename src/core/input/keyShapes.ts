/**
 * What line readers of keyed records (JSON lines, logfmt) share. Lines of one
 * logger repeat a few key sequences, so the role of each key (time, process,
 * host, message, by fieldConventions.ts, or the process key the user chose
 * per input: processKeysFor) is worked out once per sequence — a KeyShape —
 * and a KeyShapeCache remembers the last few, and which source keys it met.
 * pickShapeProcess applies the process/host convention over a shape's
 * indices, and ProcessCache finds a process met before from its name's span
 * (CSV too), so that hundreds of interleaved hosts cost no string per line.
 * reportSources tells the reading report which key named the sources.
 */
import { asciiBytes } from '../base/asciiBytes';
import { bytesAre, occursAt } from '../base/occursAt';
import { freshString } from '../base/stringTable';
import type { DiagnosticSink } from '../model/diagnostic';
import type { ExecutionBuilder } from '../model/executionBuilder';
import type { ParseContext } from './formatParser';
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

export function newKeyShape(keys: string[], processKeys: readonly string[] = PROCESS_KEYS): KeyShape {
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
    process: present(processKeys),
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
  /**
   * Keys met in any shape that name a process, or could (PROCESS_KEYS and
   * the keys the reader was told to use), best first: the told keys in their
   * order, then the conventional ones. For the reading report.
   */
  readonly sourceKeys: string[] = [];

  /** `processKeys`: the keys that name a record's process, best first (processKeysFor). */
  constructor(readonly processKeys: readonly string[] = PROCESS_KEYS) {}

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
    const shape = newKeyShape(
      Array.from({ length: count }, (_, i) => freshString(keyAt(i))),
      this.processKeys,
    );
    this.noteSourceKeys(shape.keys);
    const s = n < SHAPES_KEPT ? n : (this.lastAdded + 1) % SHAPES_KEPT;
    shapes[s] = shape;
    this.plainKeys[s] = shape.plain ? shape.keys : null;
    this.plainKeyBytes[s] = shape.plain ? shape.keys.map(asciiBytes) : null;
    this.lastAdded = s;
    this.lastShape = s;
    return shape;
  }

  /** Adds a new shape's source keys to sourceKeys (once per shape, never per line). */
  private noteSourceKeys(keys: readonly string[]): void {
    const rank = (k: string) => {
      const i = this.processKeys.indexOf(k);
      if (i >= 0) return i;
      const j = (PROCESS_KEYS as readonly string[]).indexOf(k);
      return j >= 0 ? this.processKeys.length + j : -1;
    };
    let added = false;
    for (const k of keys) {
      if (rank(k) >= 0 && !this.sourceKeys.includes(k)) {
        this.sourceKeys.push(k);
        added = true;
      }
    }
    if (added) this.sourceKeys.sort((a, b) => rank(a) - rank(b));
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

/** Places in a new ProcessCache's table; it doubles when half full. */
const FIRST_SLOTS = 64;

/**
 * Looks a process up in the builder once per run of lines from the same
 * process and domain; when many sources interleave (hundreds of hosts in one
 * file), an open-addressing table hashed by name and domain finds the ones
 * met before, so that a line from a known source makes no name string and
 * asks the builder nothing. Holds one entry per (name, domain) met, as the
 * builder holds one process each. Counts the processes an input's lines
 * went to (`sources`).
 */
export class ProcessCache {
  private name = '';
  private domain: string | undefined = undefined;
  private index = -1;
  private slotName: (string | undefined)[] = new Array<string | undefined>(FIRST_SLOTS);
  private slotDomain: (string | undefined)[] = new Array<string | undefined>(FIRST_SLOTS);
  private slotHash = new Int32Array(FIRST_SLOTS);
  private slotIndex = new Int32Array(FIRST_SLOTS);
  private filled = 0;
  private readonly used: number[] = [];
  /** Processes the reader's lines went to. */
  sources = 0;

  get(b: ExecutionBuilder, name: string, domain: string | undefined): number {
    if (this.index >= 0 && name === this.name && domain === this.domain) return this.index;
    let h = hashText(HASH_SEED, name, 0, name.length);
    if (domain !== undefined) h = hashText(Math.imul(h ^ 0x2f, 0x01000193), domain, 0, domain.length);
    const mask = this.slotIndex.length - 1;
    let slot = spread(h) & mask;
    for (let n: string | undefined; (n = this.slotName[slot]) !== undefined; slot = (slot + 1) & mask) {
      if (this.slotHash[slot] === h && n === name && this.slotDomain[slot] === domain) return this.take(slot);
    }
    // A service on a second host is a lane of its own (serviceLanes.ts); the cache keeps the name as written.
    const p = serviceLane(b, name, domain);
    if (this.used[p] !== 1) {
      this.used[p] = 1;
      this.sources++;
    }
    if (2 * (this.filled + 1) > this.slotIndex.length) {
      this.grow();
      slot = this.freeSlot(h);
    }
    this.slotName[slot] = freshString(name);
    this.slotDomain[slot] = domain === undefined ? undefined : freshString(domain);
    this.slotHash[slot] = h;
    this.slotIndex[slot] = p;
    this.filled++;
    return this.take(slot);
  }

  /**
   * The process get() gave for the name s[from, to) and what it makes of
   * the host s[hostFrom, hostTo) as domain (none when hostFrom < 0 or the
   * host is the name), when it was met before; else -1. Lets a reader
   * recognise a known process without making its name. `u`: the chunk's
   * aligned bytes (ChunkDecoder.aligned), or null.
   */
  lastIf(s: string, from: number, to: number, hostFrom: number, hostTo: number, u: Uint8Array | null = null): number {
    // The line before's process first, checked as cheaply as can be: most lines continue a run.
    const name = this.name;
    if (this.index >= 0 && name.length === to - from && writtenAt(s, u, from, name)) {
      const domain = this.domain;
      if (hostFrom < 0 || (hostTo - hostFrom === name.length && writtenAt(s, u, hostFrom, name))) {
        if (domain === undefined) return this.index;
      } else if (domain !== undefined && domain.length === hostTo - hostFrom && writtenAt(s, u, hostFrom, domain)) return this.index;
    }
    return this.metBefore(s, from, to, hostFrom, hostTo, u);
  }

  /** lastIf for a process other than the line before's: looked up in the table. */
  private metBefore(s: string, from: number, to: number, hostFrom: number, hostTo: number, u: Uint8Array | null): number {
    const noHost = hostFrom < 0 || (hostTo - hostFrom === to - from && sameSpan(s, u, from, hostFrom, to - from));
    let h = hashText(HASH_SEED, s, from, to);
    if (!noHost) h = hashText(Math.imul(h ^ 0x2f, 0x01000193), s, hostFrom, hostTo);
    const mask = this.slotIndex.length - 1;
    for (let slot = spread(h) & mask, n: string | undefined; (n = this.slotName[slot]) !== undefined; slot = (slot + 1) & mask) {
      if (this.slotHash[slot] === h && matches(s, u, from, to, hostFrom, hostTo, noHost, n, this.slotDomain[slot])) return this.take(slot);
    }
    return -1;
  }

  private take(slot: number): number {
    this.name = this.slotName[slot]!;
    this.domain = this.slotDomain[slot];
    return (this.index = this.slotIndex[slot]!);
  }

  /** The first empty place for hash h. */
  private freeSlot(h: number): number {
    const mask = this.slotIndex.length - 1;
    let slot = spread(h) & mask;
    while (this.slotName[slot] !== undefined) slot = (slot + 1) & mask;
    return slot;
  }

  /** Doubles the table, placing every entry again. */
  private grow(): void {
    const { slotName, slotDomain, slotHash, slotIndex } = this;
    const size = slotIndex.length * 2;
    this.slotName = new Array<string | undefined>(size);
    this.slotDomain = new Array<string | undefined>(size);
    this.slotHash = new Int32Array(size);
    this.slotIndex = new Int32Array(size);
    for (let i = 0; i < slotIndex.length; i++) {
      if (slotName[i] === undefined) continue;
      const at = this.freeSlot(slotHash[i]!);
      this.slotName[at] = slotName[i];
      this.slotDomain[at] = slotDomain[i];
      this.slotHash[at] = slotHash[i]!;
      this.slotIndex[at] = slotIndex[i]!;
    }
  }
}

const HASH_SEED = 0x811c9dc5;

function hashText(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function spread(h: number): number {
  return h ^ (h >>> 15);
}

/** Whether s[a, a+n) and s[b, b+n) are the same text (read from u when given). */
function sameSpan(s: string, u: Uint8Array | null, a: number, b: number, n: number): boolean {
  if (u === null) {
    for (let i = 0; i < n; i++) if (s.charCodeAt(a + i) !== s.charCodeAt(b + i)) return false;
  } else {
    for (let i = 0; i < n; i++) if (u[a + i] !== u[b + i]) return false;
  }
  return true;
}

/** Whether the name s[from, to) with its host (noHost: none) is `name` in `domain`. */
function matches(s: string, u: Uint8Array | null, from: number, to: number, hostFrom: number, hostTo: number, noHost: boolean, name: string, domain: string | undefined): boolean {
  if (name.length !== to - from || !writtenAt(s, u, from, name)) return false;
  if (noHost) return domain === undefined;
  return domain !== undefined && domain.length === hostTo - hostFrom && writtenAt(s, u, hostFrom, domain);
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

/**
 * The process keys a keyed-record reader was told to use for an input
 * (AnalyzeOptions.sourceColumns): PROCESS_KEYS by default, the one key the
 * user chose, or none ('none': the file is one source).
 */
export function processKeysFor(sourceColumns: Readonly<Record<string, string>> | undefined, input: string): readonly string[] {
  const want = sourceColumns && Object.hasOwn(sourceColumns, input) ? sourceColumns[input]!.trim() : undefined;
  if (want === undefined || want === '') return PROCESS_KEYS;
  if (want.toLowerCase() === 'none') return [];
  return [want.startsWith('field ') ? want.slice(6).trim() : want];
}

/** A record key as the reading report names it, and as the user may give it back (`field host`). */
export function fieldChoice(key: string): string {
  return `field ${key}`;
}

/**
 * What the reading report says of a keyed-record input's sources (the key
 * that named them, the other keys that could, how many processes), and the
 * warning when the key the user chose is on no record. Says nothing of an
 * input whose process the read stage fixed (a container's log).
 */
export function reportSources(ctx: ParseContext, input: string, shapes: KeyShapeCache, processes: ProcessCache, fixed: boolean): void {
  if (fixed) return;
  const told = shapes.processKeys;
  const key = shapes.sourceKeys.find((k) => told.includes(k));
  const others = shapes.sourceKeys.filter((k) => k !== key).map(fieldChoice);
  const wanted = ctx.options.sourceColumns?.[input];
  if (told !== PROCESS_KEYS && told.length > 0 && key === undefined) {
    const list = shapes.sourceKeys.map(fieldChoice).join(', ');
    ctx.diagnostics.add(input, 0, 'warning', `source column "${wanted ?? told[0]}" is on no record of this input (${list || 'no source fields found'}); its records were read as the file's own process`);
  }
  if (key === undefined) {
    if (others.length > 0) ctx.reportReading?.(input, { sourceCandidates: others });
    return;
  }
  ctx.reportReading?.(input, { sourceColumn: fieldChoice(key), sourceCandidates: others, sources: processes.sources });
}
