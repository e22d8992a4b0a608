/**
 * One execution from parts read apart (readPart in other workers, and what
 * the analysis read itself), equal to reading every input in one place.
 *
 * Reading inputs in name order gives each process its events input by input,
 * and interns strings in the order inputs first use them. Each part knows, per
 * event, the window (input) it was read in and how far its string table had
 * grown after each input. So the merge walks windows in global name order:
 * strings are interned in that order (the same ids), each process's events
 * are the parts' runs of one window each in that order (the same program
 * order), inputs are listed in the order they first had an event, and
 * processes are sorted by name as build() sorts them. Edges never cross parts.
 *
 * One thing a built part cannot carry exactly: a parser's per-analysis memory
 * that a later input reads (the plain-text reader's first host of each app
 * name). It shows as one process given different clock domains by different
 * parts; partsMergeable says no then, and the analysis reads on one thread.
 */
import { assert } from '../base/assert';
import { StringTable } from '../base/stringTable';
import type { Execution } from '../model/execution';
import { cmp } from '../model/executionBuilder';
import type { ExecutionPart } from './partResult';
import { MergedTexts } from './mergedTexts';
import { fileTextLayout, MergedFileTexts } from './mergedFileTexts';
import type { InputBytes } from '../model/fileTexts';

/** Whether every execution's parts merge to exactly what one reader gives (see atop). */
export function partsMergeable(sourcesByExecution: ExecutionPart[][]): boolean {
  for (const sources of sourcesByExecution) {
    if (sources.length < 2) continue;
    // Per process with a named domain: the first part's domain, how many parts named one, whether they disagree.
    const seen = new Map<string, { domain: string; parts: number; differ: boolean }>();
    for (const s of sources) {
      const several = new Set(s.severalDomains);
      s.explicitNames.forEach((name, i) => {
        const d = s.explicitDomains[i]!;
        const was = seen.get(name);
        if (!was) seen.set(name, { domain: d, parts: 1, differ: several.has(name) });
        else {
          was.parts++;
          was.differ ||= several.has(name) || was.domain !== d;
        }
      });
    }
    for (const v of seen.values()) if (v.parts > 1 && v.differ) return false;
  }
  return true;
}

/**
 * The merged execution. `rank`: input name → place in name order over all
 * inputs. Every part must come from a different reader, each input read by
 * one. A single part is returned as built.
 *
 * `takeFirstTable`: the parts are let go after the merge, so the string table
 * of the part whose strings come first (leadingSource) may become the merged
 * one, strings of the others interned after its own: that part's ids, field
 * columns and edge keys are then copied as they are, not looked up again.
 */
export function mergeExecutionParts(sources: readonly ExecutionPart[], rank: ReadonlyMap<string, number>, domainOf?: Readonly<Record<string, string>>, takeFirstTable = false): Execution {
  assert(sources.length > 0, 'merge of no parts');
  if (sources.length === 1) {
    const only = sources[0]!;
    // An unpacked part's table is made on first use: a plain copy makes it once, as a plain property.
    return only.stringList ? { ...only.execution } : only.execution;
  }
  const name = sources[0]!.execution.name;
  // A window's place in global order; finish() comes after every input.
  const windowRanks = sources.map((s) => Float64Array.from([...s.windowNames.map((n) => rank.get(n) ?? Infinity), Infinity]));

  // Strings, in the order one reader would have interned them.
  const stringCount = sources.map((s) => s.stringList?.length ?? s.execution.strings.size);
  const spans: { rank: number; source: number; from: number; to: number }[] = [];
  sources.forEach((s, k) => {
    let from = 1;
    for (let i = 0; i < s.stringMarks.length; i += 2) {
      const to = s.stringMarks[i + 1]!;
      if (to > from) spans.push({ rank: windowRanks[k]![s.stringMarks[i]!]!, source: k, from, to });
      from = Math.max(from, to);
    }
    if (stringCount[k]! > from) spans.push({ rank: Infinity, source: k, from, to: stringCount[k]! });
  });
  spans.sort((a, b) => a.rank - b.rank || a.source - b.source);
  // A part whose strings all come first keeps its ids: its table, when taken over, is the merged one's start.
  const first = takeFirstTable ? leadingSource(sources, spans) : -1;
  const strings = first >= 0 ? sources[first]!.execution.strings : new StringTable();
  const stringMap = stringCount.map((n, k) => (k === first ? null : new Uint32Array(n)));
  for (const sp of spans) {
    const map = stringMap[sp.source];
    if (!map) continue;
    const list = sources[sp.source]!.stringList;
    if (list) for (let id = sp.from; id < sp.to; id++) map[id] = strings.intern(list[id]!, false);
    else {
      const own = sources[sp.source]!.execution.strings;
      for (let id = sp.from; id < sp.to; id++) map[id] = strings.intern(own.get(id), false);
    }
  }

  // Inputs, in the order they first had an event.
  const inputKeys: { name: string; rank: number; source: number; at: number }[] = [];
  sources.forEach((s, k) => {
    const x = s.execution;
    const first = firstRanks(x.inputs.length, x.eventInput, s.eventWindow, windowRanks[k]!);
    x.inputs.forEach((n, at) => inputKeys.push({ name: n, rank: first[at]!, source: k, at }));
  });
  inputKeys.sort((a, b) => a.rank - b.rank || a.source - b.source || a.at - b.at);
  const inputs = inputKeys.map((k) => k.name);
  const recordedNames = new Set(sources.flatMap((s) => s.execution.inputs.filter((_, i) => s.execution.recordedInputs?.[i])));
  const inputMap = sources.map((s) => new Uint32Array(s.execution.inputs.length));
  inputKeys.forEach((k, i) => (inputMap[k.source]![k.at] = i));

  // Processes by name; a domain named by a part wins over the default (partsMergeable checked they agree).
  const processNames = [...new Set(sources.flatMap((s) => s.execution.processNames))].sort(cmp);
  const procIndex = new Map(processNames.map((n, i) => [n, i]));
  const explicit = new Map<string, string>();
  for (const s of sources) s.explicitNames.forEach((n, i) => explicit.set(n, s.explicitDomains[i]!));
  const domainNameOf = processNames.map((p) => {
    const d = domainOf && Object.hasOwn(domainOf, p) ? domainOf[p] : undefined;
    return d || (explicit.get(p) ?? p);
  });
  const domainNames = [...new Set(domainNameOf)].sort(cmp);
  const domainIndex = new Map(domainNames.map((d, i) => [d, i]));
  const processDomain = Uint32Array.from(domainNameOf, (d) => domainIndex.get(d)!);

  // Each process's events: runs of one window, in window order.
  interface Run {
    rank: number;
    source: number;
    start: number;
    end: number;
  }
  const runsOf: Run[][] = processNames.map(() => []);
  sources.forEach((s, k) => {
    const x = s.execution;
    for (let p = 0; p < x.processNames.length; p++) {
      const runs = runsOf[procIndex.get(x.processNames[p]!)!]!;
      const end = x.procStart[p + 1]!;
      const windows = s.eventWindow;
      for (let e = x.procStart[p]!; e < end; ) {
        const f = runEnd(windows, e, end);
        runs.push({ rank: windowRanks[k]![windows[e]!]!, source: k, start: e, end: f });
        e = f;
      }
    }
  });

  const eventCount = sources.reduce((n, s) => n + s.execution.eventCount, 0);
  const fieldCount = sources.reduce((n, s) => n + s.execution.fieldKey.length, 0);
  const procStart = new Uint32Array(processNames.length + 1);
  const eventProc = new Uint32Array(eventCount);
  const timeMs = new Float64Array(eventCount);
  const timeNs = new Uint32Array(eventCount);
  const timeDigits = new Uint8Array(eventCount);
  const eventKind = new Uint8Array(eventCount);
  const eventInput = narrowIndex(inputs.length, eventCount);
  const eventLine = new Uint32Array(eventCount);
  // Texts kept as positions in their files by any part stay positions (mergedFileTexts.ts); a part's packed texts are read as bytes.
  const layouts = sources.map((s) => (s.textPack ? null : fileTextLayout(s.execution)));
  const filed = layouts.some((l) => l !== null) ? new MergedFileTexts(eventCount) : null;
  const texts = filed ? null : new MergedTexts(eventCount);
  const fieldStart = new Uint32Array(eventCount + 1);
  let maxKey = 0;
  sources.forEach((s, k) => {
    const map = stringMap[k];
    const keys = s.execution.fieldKey;
    if (!map) {
      // Its own ids: a 16-bit column holds none past 0xffff.
      if (keys instanceof Uint16Array) maxKey = Math.max(maxKey, Math.min(0xffff, stringCount[k]! - 1));
      else for (let i = 0; i < keys.length; i++) if (keys[i]! > maxKey) maxKey = keys[i]!;
    } else for (let i = 0; i < keys.length; i++) if (map[keys[i]!]! > maxKey) maxKey = map[keys[i]!]!;
  });
  const fieldKey = maxKey <= 0xffff ? new Uint16Array(fieldCount) : new Uint32Array(fieldCount);
  const fieldValue = new Uint32Array(fieldCount);
  // Where each part's events went, for its edges.
  const placed = sources.map((s) => (s.execution.edgeCount > 0 ? new Uint32Array(s.execution.eventCount) : null));
  let out = 0;
  let fOut = 0;
  runsOf.forEach((runs, p) => {
    runs.sort((a, b) => a.rank - b.rank || a.source - b.source);
    for (const r of runs) {
      const x = sources[r.source]!.execution;
      const { start, end } = r;
      const n = end - start;
      eventProc.fill(p, out, out + n);
      timeMs.set(x.timeMs.subarray(start, end), out);
      timeNs.set(x.timeNs.subarray(start, end), out);
      timeDigits.set(x.timeDigits.subarray(start, end), out);
      eventKind.set(x.eventKind.subarray(start, end), out);
      eventLine.set(x.eventLine.subarray(start, end), out);
      if (filed) filed.append(x, start, end, sources[r.source]!.textPack ?? null, layouts[r.source]!);
      else texts!.append(x, start, end, sources[r.source]!.textPack ?? null);
      const inMap = inputMap[r.source]!;
      const sMap = stringMap[r.source];
      const where = placed[r.source];
      const fs = x.fieldStart;
      const fk = x.fieldKey;
      const fv = x.fieldValue;
      const ei = x.eventInput;
      const f0 = fs[start]!;
      const f1 = fs[end]!;
      if (!sMap) {
        fieldKey.set(fk.subarray(f0, f1), fOut);
        fieldValue.set(fv.subarray(f0, f1), fOut);
      } else {
        remapInto(fieldKey, fk, sMap, f0, f1, fOut);
        remapInto(fieldValue, fv, sMap, f0, f1, fOut);
      }
      remapInto(eventInput, ei, inMap, start, end, out);
      shiftInto(fieldStart, fs, fOut - f0, start + 1, end + 1, out + 1);
      if (where) for (let e = start; e < end; e++) where[e] = out + e - start;
      out += n;
      fOut += f1 - f0;
    }
    procStart[p + 1] = out;
  });

  // Edges: remapped and sorted as build() sorts them (no two parts share an event, so none repeat).
  const edges: { from: number; to: number; rule: number; key: number }[] = [];
  sources.forEach((s, k) => {
    const x = s.execution;
    const where = placed[k];
    const sMap = stringMap[k];
    for (let i = 0; i < x.edgeCount; i++) {
      const rule = x.edgeRule[i]!;
      const key = x.edgeKey[i]!;
      edges.push({ from: where![x.edgeFrom[i]!]!, to: where![x.edgeTo[i]!]!, rule: sMap ? sMap[rule]! : rule, key: sMap ? sMap[key]! : key });
    }
  });
  edges.sort((a, b) => a.from - b.from || a.to - b.to);
  // As build() leaves it: reading is over.
  strings.seal();
  let stored;
  if (filed) {
    // Each merged input's bytes, from the part that read it.
    const bytesOf: (InputBytes | null)[] = inputs.map(() => null);
    layouts.forEach((l, k) => l?.bytesOf.forEach((b, at) => b && (bytesOf[inputMap[k]![at]!] = b)));
    stored = filed.finish(eventInput, bytesOf);
  } else stored = texts!.finish();

  return {
    name,
    strings,
    inputs,
    processNames,
    processDomain,
    procStart,
    domainNames,
    eventCount,
    eventProc,
    timeMs,
    timeNs,
    timeDigits,
    eventKind,
    eventInput,
    eventLine,
    textChunks: stored.textChunks,
    textStart: stored.textStart,
    fieldStart,
    fieldKey,
    fieldValue,
    edgeCount: edges.length,
    edgeFrom: Uint32Array.from(edges, (e) => e.from),
    edgeTo: Uint32Array.from(edges, (e) => e.to),
    edgeRule: Uint32Array.from(edges, (e) => e.rule),
    edgeKey: Uint32Array.from(edges, (e) => e.key),
    ...(recordedNames.size > 0 && { recordedInputs: Uint8Array.from(inputs, (i) => (recordedNames.has(i) ? 1 : 0)) }),
  };
}

/**
 * The part whose strings one reader would all have interned before any other
 * part's (the analysis's own part, which read the first inputs in name order),
 * when its table can be taken over as it is (read here, not unpacked); else -1.
 */
function leadingSource(sources: readonly ExecutionPart[], spans: readonly { source: number }[]): number {
  const k = spans[0]?.source;
  if (k === undefined || sources[k]!.stringList) return -1;
  let lead = 0;
  while (lead < spans.length && spans[lead]!.source === k) lead++;
  for (let i = lead; i < spans.length; i++) if (spans[i]!.source === k) return -1;
  return k;
}

// The loops over every event or field, each a function of its own: V8 optimizes it for its few array types,
// where inline in the merge's closures they ran ~4× slower.

/** Per input, the smallest rank of the windows its events were read in. */
function firstRanks(inputCount: number, eventInput: ArrayLike<number>, eventWindow: Uint32Array, windowRank: Float64Array): Float64Array {
  const first = new Float64Array(inputCount).fill(Infinity);
  for (let e = 0; e < eventWindow.length; e++) {
    const r = windowRank[eventWindow[e]!]!;
    const i = eventInput[e]!;
    if (r < first[i]!) first[i] = r;
  }
  return first;
}

/** Where the run of one window that starts at `e` ends (before `end`). */
function runEnd(windows: Uint32Array, e: number, end: number): number {
  const w = windows[e]!;
  let f = e + 1;
  while (f < end && windows[f] === w) f++;
  return f;
}

/** out[at..] = map[src[from..to]]. */
function remapInto(out: Uint8Array | Uint16Array | Uint32Array, src: ArrayLike<number>, map: Uint32Array, from: number, to: number, at: number): void {
  for (let i = from, o = at; i < to; i++, o++) out[o] = map[src[i]!]!;
}

/** out[at..] = src[from..to] + shift. */
function shiftInto(out: Uint32Array, src: Uint32Array, shift: number, from: number, to: number, at: number): void {
  for (let i = from, o = at; i < to; i++, o++) out[o] = src[i]! + shift;
}

/** As build() sizes eventInput: the narrowest width for the number of inputs. */
function narrowIndex(count: number, n: number): Uint8Array | Uint16Array | Uint32Array {
  return count <= 0x100 ? new Uint8Array(n) : count <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
}
