/**
 * One execution: processes (lanes of sequential events) grouped into clock
 * domains, events in program order, and message edges send → receive.
 *
 * Everything is columnar. Events of one process are contiguous and in program
 * order, so an event's index is `procStart[p] + seq - 1` and its process and
 * sequence number need no per-event object. Strings (names, field keys and
 * values, rules, keys) are interned in one StringTable per execution. Event
 * texts are kept 256 to a string (textColumn.ts): read them with textOf.
 */
import type { StringTable } from '../base/stringTable';
import { CHUNK_SHIFT, endOf, type TextChunks } from '../base/chunkedStrings';
import { FileTextChunks } from './fileTexts';

export const EventKind = { Local: 0, Send: 1, Receive: 2 } as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export const EVENT_KIND_NAMES = ['local', 'send', 'receive'] as const;
export type EventKindName = (typeof EVENT_KIND_NAMES)[number];

export interface Execution {
  name: string;
  strings: StringTable;
  /** Input names, indexed by `eventInput`. */
  inputs: string[];

  /** Process names (sorted), their clock domain and their first event. */
  processNames: string[];
  processDomain: Uint32Array;
  /** Length processes + 1; events of p are procStart[p] .. procStart[p+1]-1. */
  procStart: Uint32Array;
  domainNames: string[];

  eventCount: number;
  eventProc: Uint32Array;
  /** Whole ms since the epoch; NaN where the line had no time. */
  timeMs: Float64Array;
  /** Nanoseconds within the millisecond. */
  timeNs: Uint32Array;
  /** Fractional-second digits the input wrote. */
  timeDigits: Uint8Array;
  eventKind: Uint8Array;
  /** Narrowest width for the number of inputs. */
  eventInput: Uint8Array | Uint16Array | Uint32Array;
  eventLine: Uint32Array;
  /**
   * Event texts, 256 events to a chunk: read them with textOf, a chunk with textChunks.at(c) (see chunkedStrings.ts).
   * An array, or (the CLI's files) chunks read back from the inputs when asked for (fileTexts.ts).
   */
  textChunks: TextChunks;
  textStart: Uint16Array | Uint32Array;
  /** Fields in CSR form: event e owns fieldKey/fieldValue[fieldStart[e] .. fieldStart[e+1]). */
  fieldStart: Uint32Array;
  /** 16-bit when every key's id fits (keys are interned early, so nearly always). */
  fieldKey: Uint16Array | Uint32Array;
  fieldValue: Uint32Array;

  edgeCount: number;
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  /** Interned: the rule or convention that made the edge, and the key it matched. */
  edgeRule: Uint32Array;
  edgeKey: Uint32Array;

  /**
   * Per input (indexed like `inputs`), 1 where the input stamps an event when it is recorded, after what it
   * reports (Kubernetes events, audit stages, access logs): such a send may be stamped up to
   * `recordingToleranceMs` after its effect (offsets/recordingSlack.ts). Absent when no input does.
   */
  recordedInputs?: Uint8Array;
  /** The recording tolerance, ms (AnalyzeOptions.recordingToleranceMs); DEFAULT_RECORDING_TOLERANCE_MS when absent. */
  recordingToleranceMs?: number;
}

export function seqOf(x: Execution, e: number): number {
  return e - (x.procStart[x.eventProc[e]!] as number) + 1;
}

export function eventId(x: Execution, e: number): string {
  return `${x.processNames[x.eventProc[e]!]}:${seqOf(x, e)}`;
}

/** The text of event e. */
export function textOf(x: Execution, e: number): string {
  // Texts read back from files: one alone is read alone, not its chunk of 256.
  if (x.textChunks instanceof FileTextChunks) return x.textChunks.text(e);
  const chunk = x.textChunks.at(e >>> CHUNK_SHIFT)!;
  return chunk.slice(x.textStart[e]!, endOf(chunk, x.textStart, x.eventCount, e));
}

/** Where holdText put an event's text: s[from, to). */
export interface HeldText {
  s: string;
  from: number;
  to: number;
}

const held: HeldText = { s: '', from: 0, to: 0 };

/**
 * Event e's text where it lies, to be read in place: in its chunk, or (texts
 * read back from files, fileTexts.ts) the text alone. The same object each
 * call: valid until the next.
 */
export function holdText(x: Execution, e: number): Readonly<HeldText> {
  if (x.textChunks instanceof FileTextChunks) {
    held.s = x.textChunks.text(e);
    held.from = 0;
    held.to = held.s.length;
    return held;
  }
  const chunk = x.textChunks.at(e >>> CHUNK_SHIFT)!;
  held.s = chunk;
  held.from = x.textStart[e]!;
  held.to = endOf(chunk, x.textStart, x.eventCount, e);
  return held;
}

/** Every event's text, in event order (tests and small inputs; a real one reads them one by one). */
export function textsOf(x: Execution): string[] {
  return Array.from({ length: x.eventCount }, (_, e) => textOf(x, e));
}

export function hasTime(x: Execution, e: number): boolean {
  return !Number.isNaN(x.timeMs[e]);
}

export function fieldsOf(x: Execution, e: number): Record<string, string> {
  // No prototype: a field named __proto__ is data like any other.
  const out: Record<string, string> = Object.create(null);
  for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) {
    out[x.strings.get(x.fieldKey[i]!)] = x.strings.get(x.fieldValue[i]!);
  }
  return out;
}

/** The value of one field, or undefined; keyId from strings.find. */
export function fieldValue(x: Execution, e: number, keyId: number): string | undefined {
  if (keyId < 0) return undefined;
  for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) {
    if (x.fieldKey[i] === keyId) return x.strings.get(x.fieldValue[i]!);
  }
  return undefined;
}

/** "input:line", how events are named to the user in messages. */
export function sourceOf(x: Execution, e: number): string {
  return `${x.inputs[x.eventInput[e]!]}:${x.eventLine[e]}`;
}
