/**
 * A PartResult as a few large buffers for postMessage: typed arrays as they
 * are (transferred, not copied), each list of strings (string table, names,
 * text chunks) as UTF-8 in one Uint8Array per up to PACK_CHARS characters
 * with the strings' end offsets, and the small per-input things (summaries,
 * diagnostics, domains) as one JSON string. Nothing crosses as an array of
 * objects, which structured cloning copies slowly one by one.
 *
 * Offsets count UTF-16 code units of the decoded text. A list with a lone
 * surrogate (JSON.parse of "\ud800" makes one) would not survive UTF-8, so
 * such a list is packed as UTF-16 code units instead.
 */
import { assert } from '../base/assert';
import { StringTable } from '../base/stringTable';
import type { Execution } from '../model/execution';
import type { ExecutionPart, PartResult } from './partResult';
import { textsForPack } from './mergedTexts';
import { PackedTexts } from './packedTexts';
import { FileTextChunks, type InputBytes } from '../model/fileTexts';
import { fileTextLayout } from './mergedFileTexts';

type Column = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export interface PackedStrings {
  /** UTF-8 (Uint8Array) or UTF-16 code units (Uint16Array), one buffer per piece. */
  pieces: (Uint8Array | Uint16Array)[];
  /** Strings in each piece. */
  counts: Uint32Array;
  /** Per string: where it ends in its piece's decoded text. */
  ends: Uint32Array;
}

export interface PackedPart {
  meta: string;
  columns: Column[];
  strings: PackedStrings[];
}

/** Characters per packed piece: well under the longest string an engine makes. */
export const PACK_CHARS = 1 << 25;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packStrings(list: readonly string[], pieceChars = PACK_CHARS): PackedStrings {
  const pieces: (Uint8Array | Uint16Array)[] = [];
  const counts: number[] = [];
  const ends = new Uint32Array(list.length);
  let first = 0;
  while (first < list.length) {
    let chars = 0;
    let last = first;
    while (last < list.length && (last === first || chars + list[last]!.length <= pieceChars)) {
      chars += list[last]!.length;
      ends[last] = chars;
      last++;
    }
    let piece: Uint8Array | Uint16Array | null = asciiPiece(list, first, last, chars);
    if (!piece) {
      const joined = list.slice(first, last).join('');
      piece = wellFormed(joined) ? encoder.encode(joined) : codeUnits(joined);
    }
    pieces.push(piece);
    counts.push(last - first);
    first = last;
  }
  return { pieces, counts: Uint32Array.from(counts), ends };
}

/**
 * Strings first .. last-1 (`chars` code units in all) written one by one
 * into one buffer, when they are long (text chunks) and all ASCII: no joined
 * copy of them all is made first. Null otherwise: short strings (a call
 * each costs more than one join) or any other character (then the buffer's
 * size is not known, and lone surrogates need looking for).
 */
function asciiPiece(list: readonly string[], first: number, last: number, chars: number): Uint8Array | null {
  if (chars < (last - first) * MIN_ASCII_AVERAGE) return null;
  const out = new Uint8Array(chars);
  let at = 0;
  for (let i = first; i < last; i++) {
    const s = list[i]!;
    if (s.length === 0) continue;
    // One byte per code unit written and read: every one ASCII (any other takes more bytes than code units).
    const { read, written } = encoder.encodeInto(s, out.subarray(at));
    if (read !== s.length || written !== s.length) return null;
    at += written;
  }
  return out;
}

/** Average length from which packStrings writes strings one by one (asciiPiece). */
const MIN_ASCII_AVERAGE = 256;

export function unpackStrings(p: PackedStrings): string[] {
  const out: string[] = [];
  let i = 0;
  p.pieces.forEach((piece, k) => {
    const text = piece instanceof Uint16Array ? fromCodeUnits(piece) : decoder.decode(piece);
    let at = 0;
    for (let n = p.counts[k]!; n > 0; n--, i++) {
      out.push(text.slice(at, p.ends[i]!));
      at = p.ends[i]!;
    }
  });
  return out;
}

function tableOf(list: readonly string[]): StringTable {
  const t = new StringTable();
  for (const s of list) t.intern(s, false);
  t.seal();
  return t;
}

function tableStrings(t: StringTable): string[] {
  const out = new Array<string>(t.size);
  for (let id = 0; id < t.size; id++) out[id] = t.get(id);
  return out;
}

/** ES2024's String.prototype.isWellFormed where the engine has it (Node 20, Chromium 111). */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

function wellFormed(s: string): boolean {
  if (isWellFormed) return isWellFormed.call(s);
  return !/[\ud800-\udfff]/.test(s) || !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

function codeUnits(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function fromCodeUnits(u: Uint16Array): string {
  const parts: string[] = [];
  for (let at = 0; at < u.length; at += 8192) parts.push(String.fromCharCode(...u.subarray(at, at + 8192)));
  return parts.join('');
}

interface ExecutionMeta {
  name: string;
  eventCount: number;
  edgeCount: number;
  explicitNames: string[];
  explicitDomains: string[];
  severalDomains: string[];
  /** Execution.recordedInputs, as input names. */
  recordedInputs?: string[];
  /** Texts kept as positions in the inputs (fileTexts.ts): how many are strings. Three more columns then: positions, chunk lengths, the strings' offsets. */
  textStrings?: number;
}

export function packPart(part: PartResult): PackedPart {
  const columns: Column[] = [];
  const strings: PackedStrings[] = [];
  const executions: ExecutionMeta[] = part.executions.map((p) => {
    const x = p.execution;
    // Texts kept as positions cross as positions: the analysing thread reads them back from the same files.
    const layout = fileTextLayout(x);
    const texts = layout ? { strings: layout.strings.chunks, column: x.textStart } : textsForPack(x);
    strings.push(packStrings(tableStrings(x.strings)), packStrings(x.inputs), packStrings(x.processNames), packStrings(x.domainNames), packStrings(texts.strings));
    columns.push(
      ...[x.processDomain, x.procStart, x.eventProc, x.timeMs, x.timeNs, x.timeDigits, x.eventKind, x.eventInput, x.eventLine, texts.column],
      ...[x.fieldStart, x.fieldKey, x.fieldValue, x.edgeFrom, x.edgeTo, x.edgeRule, x.edgeKey, p.eventWindow, p.stringMarks],
      ...(layout ? [layout.pos, layout.chunkLength, layout.strings.starts] : []),
    );
    return {
      name: x.name,
      eventCount: x.eventCount,
      edgeCount: x.edgeCount,
      explicitNames: p.explicitNames,
      explicitDomains: p.explicitDomains,
      severalDomains: p.severalDomains,
      ...(x.recordedInputs && { recordedInputs: x.inputs.filter((_, i) => x.recordedInputs![i]) }),
      ...(layout && { textStrings: layout.stringCount }),
    };
  });
  const meta = JSON.stringify({
    inputs: part.inputs,
    declined: part.declined,
    summaries: part.summaries,
    diagnostics: part.diagnostics,
    suppressed: part.suppressed,
    events: part.events,
    executions,
  });
  // Only a buffer an array has to itself can be transferred.
  const seen = new Set<ArrayBufferLike>();
  const own = columns.map((c) => {
    if (c.byteOffset === 0 && c.byteLength === c.buffer.byteLength && !seen.has(c.buffer)) {
      seen.add(c.buffer);
      return c;
    }
    return c.slice();
  });
  return { meta, columns: own, strings };
}

/** The buffers to transfer with a packed part. */
export function packedTransferables(p: PackedPart): ArrayBuffer[] {
  return [...p.columns, ...p.strings.flatMap((s) => [...s.pieces, s.counts, s.ends])].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The part as it was read. `bytesOf`: an input's bytes read again, by name,
 * for texts the reading thread kept as positions in its inputs (the CLI's
 * files); without it a part must have none.
 */
export function unpackPart(packed: PackedPart): PartResult {
  return unpackPartReading(packed);
}

/** unpackPart, with `bytesOf` (see above). */
export function unpackPartReading(packed: PackedPart, bytesOf?: (input: string) => InputBytes | null): PartResult {
  const meta = JSON.parse(packed.meta) as Omit<PartResult, 'executions'> & { executions: ExecutionMeta[] };
  let c = 0;
  let s = 0;
  const col = <T extends Column>(): T => packed.columns[c++] as T;
  const list = () => unpackStrings(packed.strings[s++]!);
  const executions: ExecutionPart[] = meta.executions.map((m) => {
    const stringList = list();
    const inputs = list();
    const processNames = list();
    const domainNames = list();
    const laid = m.textStrings !== undefined;
    // Texts stay bytes until the merge reads them (packedTexts.ts); texts kept as positions have only their strings packed.
    const textPack = laid ? null : new PackedTexts(packed.strings[s]!);
    const textStringChunks = laid ? unpackStrings(packed.strings[s]!) : [];
    s++;
    const [processDomain, procStart, eventProc, timeMs, timeNs, timeDigits, eventKind, eventInput, eventLine, textStart] = [col(), col(), col(), col(), col(), col(), col(), col(), col(), col()];
    const [fieldStart, fieldKey, fieldValue, edgeFrom, edgeTo, edgeRule, edgeKey, eventWindow, stringMarks] = [col(), col(), col(), col(), col(), col(), col(), col(), col()];
    let fileTexts: FileTextChunks | null = null;
    if (laid) {
      assert(bytesOf !== undefined, 'a part with texts kept as positions needs its inputs read again');
      const [pos, chunkLength, stringStarts] = [col<Float64Array>(), col<Uint32Array>(), col<Uint16Array | Uint32Array>()];
      const stored = { chunks: textStringChunks, starts: stringStarts };
      fileTexts = new FileTextChunks(m.eventCount, pos, textStart as Uint16Array | Uint32Array, chunkLength, eventInput as Uint8Array, inputs.map((n) => bytesOf(n)), stored, m.textStrings!);
    }
    const execution: Execution = {
      name: m.name,
      // Replaced by a getter below.
      strings: null as unknown as StringTable,
      inputs,
      processNames,
      processDomain: processDomain as Uint32Array,
      procStart: procStart as Uint32Array,
      domainNames,
      eventCount: m.eventCount,
      eventProc: eventProc as Uint32Array,
      timeMs: timeMs as Float64Array,
      timeNs: timeNs as Uint32Array,
      timeDigits: timeDigits as Uint8Array,
      eventKind: eventKind as Uint8Array,
      eventInput: eventInput as Uint8Array | Uint16Array | Uint32Array,
      eventLine: eventLine as Uint32Array,
      // Strings: replaced by a getter below.
      textChunks: fileTexts ?? [],
      textStart: textStart as Uint16Array | Uint32Array,
      fieldStart: fieldStart as Uint32Array,
      fieldKey: fieldKey as Uint16Array | Uint32Array,
      fieldValue: fieldValue as Uint32Array,
      edgeCount: m.edgeCount,
      edgeFrom: edgeFrom as Uint32Array,
      edgeTo: edgeTo as Uint32Array,
      edgeRule: edgeRule as Uint32Array,
      edgeKey: edgeKey as Uint32Array,
      ...(m.recordedInputs && { recordedInputs: Uint8Array.from(inputs, (i) => (m.recordedInputs!.includes(i) ? 1 : 0)) }),
    };
    // A merge reads stringList; the table is made only for a part used as it is.
    let table: StringTable | null = null;
    Object.defineProperty(execution, 'strings', { enumerable: true, configurable: true, get: () => (table ??= tableOf(stringList)) });
    // Likewise the texts as strings.
    let chunks: string[] | null = null;
    if (textPack) Object.defineProperty(execution, 'textChunks', { enumerable: true, configurable: true, get: () => (chunks ??= textPack.chunks()) });
    return {
      execution,
      stringList,
      ...(textPack && { textPack }),
      eventWindow: eventWindow as Uint32Array,
      windowNames: meta.inputs,
      explicitNames: m.explicitNames,
      explicitDomains: m.explicitDomains,
      severalDomains: m.severalDomains,
      stringMarks: stringMarks as Uint32Array,
    };
  });
  assert(c === packed.columns.length && s === packed.strings.length, 'packed part has columns left over');
  return { ...meta, executions };
}
