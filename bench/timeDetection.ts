/**
 * Reading times, measured: how many lines of each bench input were read
 * with a time (from the analysis's own reading reports), and what finding
 * and reading the time costs the text-log reader per MB of input.
 *
 * The cost is measured apart from the rest of the reading, through the
 * reader's own pieces and in its order: LineTimes learns the input's layout
 * and place from its head (learnTimeLayout over the first 64 KB, as
 * TextLogParser gives it), then each line's time is read at that place as
 * TextLogReader reads it — ISO at the line's start by IsoStampReader, in
 * place on the aligned bytes where the text is one byte per character, else
 * from the line's string; any other layout by LineTimes.read and timeOf,
 * yearless times given a year by wallTimeOf. Lines are found and sliced
 * before the clock starts, and sources are not split here (that is the
 * source column's cost, not the time's). Best of `runs` passes.
 *
 * Inputs: the generated text logs of the ingest run, and the format corpus
 * (tests/fixtures/formats/*.log: one file per layout, written from each
 * format's documentation), each file's lines repeated to `corpusBytes`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/core/analysis/analyze';
import type { ParseContext } from '../src/core/input/formatParser';
import { IsoStampReader } from '../src/core/input/textLog/isoStampReader';
import { LineTimes } from '../src/core/input/textLog/lineTimes';
import type { LineStamp } from '../src/core/input/textLog/timestampShapes';
import { DiagnosticSink } from '../src/core/model/diagnostic';
import type { InputData } from '../src/core/read/analyzeInput';
import type { InputSummary } from '../src/core/read/inputSummary';
import { wallTimeOf } from '../src/core/time/wallTimeOf';
import { now } from './lib/measure';

/** Line counts of reading reports, added up over inputs. */
export interface LinesTimed {
  /** Lines read as events with a time. */
  timed: number;
  /** Events without a time, and lines not read (skipped): lines that hold or look like a record but gave no time. */
  untimed: number;
  skipped: number;
  /** Lines appended to the record before them (they share its time). */
  continuation: number;
  lines: number;
  /** timed / (timed + untimed + skipped): of the lines that are records, the share read with a time; null without any. */
  timedShare: number | null;
  /** The time layouts the reports name (text logs), or the formats' own time fields. */
  layouts: string[];
}

export function linesTimed(inputs: readonly InputSummary[]): LinesTimed {
  const out = { timed: 0, untimed: 0, skipped: 0, continuation: 0, lines: 0 };
  const layouts = new Set<string>();
  for (const { reading: r } of inputs) {
    out.timed += r.timed;
    out.untimed += r.untimed;
    out.skipped += r.skipped;
    out.continuation += r.continuation;
    out.lines += r.lines;
    if (r.timeLayout) layouts.add(r.timeLayout);
  }
  const records = out.timed + out.untimed + out.skipped;
  return { ...out, timedShare: records === 0 ? null : out.timed / records, layouts: [...layouts].sort() };
}

export interface TimeCost {
  inputs: number;
  bytes: number;
  lines: number;
  /** Lines whose time the measured read found, and their share of the non-empty lines. */
  linesRead: number;
  readShare: number | null;
  /** LineTimes over each input's head: learnTimeLayout and the zone setting. */
  learnMs: number;
  /** Each line's time read at the learnt place. */
  readMs: number;
  /** Learning is per input (a sample of its head), so it weighs more on small inputs. */
  learnMsPerInput: number;
  learnMsPerMB: number;
  readMsPerMB: number;
  /** (learnMs + readMs) per MB of input: the time-detection cost. */
  msPerMB: number;
}

const HEAD_CHARS = 65536;

interface Prepared {
  name: string;
  bytes: number;
  text: string;
  aligned: Uint8Array | null;
  starts: Uint32Array;
  ends: Uint32Array;
  lines: string[];
}

function prepare(input: InputData): Prepared {
  const text = new TextDecoder().decode(input.bytes);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let pos = 0; pos < text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    starts.push(pos);
    ends.push(nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    pos = nl + 1;
  }
  const lines = starts.map((s, i) => text.slice(s, ends[i]));
  return { name: input.name, bytes: input.bytes.length, text, aligned: text.length === input.bytes.length ? input.bytes : null, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), lines };
}

const context = (): ParseContext => ({
  diagnostics: new DiagnosticSink(),
  options: {},
  execution() {
    throw new Error('the time-detection bench builds no events');
  },
});

/** One pass over one input: ms learning, ms reading, lines read. */
function pass(p: Prepared): { learnMs: number; readMs: number; read: number } {
  const t0 = now();
  const times = new LineTimes(p.name, p.text.slice(0, HEAD_CHARS), context());
  const t1 = now();
  let read = 0;
  const { lines, starts, ends, aligned } = p;
  if (times.isoAtStart) {
    const iso = new IsoStampReader();
    iso.newChunk();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      let st: LineStamp | null = aligned !== null ? iso.readIn(aligned, starts[i]!, ends[i]!) : null;
      if (st === null) st = iso.read(line) ?? times.read(line);
      if (st !== null) read++;
    }
  } else if (times.placement !== null) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      times.lookForYear(line, i + 1);
      if (line.length === 0) continue;
      const st = times.read(line);
      if (st === null) continue;
      if (st.yearless) wallTimeOf(2026, st.yearless);
      else times.timeOf(st);
      read++;
    }
  }
  return { learnMs: t1 - t0, readMs: now() - t1, read };
}

/** The time-detection cost of the text reader over `inputs` (best of `runs` passes over them all, after a warm-up). */
export function timeCost(inputs: readonly InputData[], runs: number): TimeCost {
  const prepared = inputs.map(prepare);
  for (let w = 0; w < 3; w++) for (const p of prepared.slice(0, 4)) pass(p);
  let best: { learnMs: number; readMs: number; read: number } | null = null;
  for (let r = 0; r < runs; r++) {
    const sum = { learnMs: 0, readMs: 0, read: 0 };
    for (const p of prepared) {
      const one = pass(p);
      sum.learnMs += one.learnMs;
      sum.readMs += one.readMs;
      sum.read += one.read;
    }
    if (!best || sum.learnMs + sum.readMs < best.learnMs + best.readMs) best = sum;
  }
  const bytes = prepared.reduce((s, p) => s + p.bytes, 0);
  const mb = bytes / 1e6;
  const { learnMs, readMs, read } = best ?? { learnMs: NaN, readMs: NaN, read: 0 };
  const nonEmpty = prepared.reduce((s, p) => s + p.lines.filter((l) => l.trim() !== '').length, 0);
  return {
    inputs: prepared.length,
    bytes,
    lines: prepared.reduce((s, p) => s + p.lines.length, 0),
    linesRead: read,
    readShare: nonEmpty === 0 ? null : read / nonEmpty,
    learnMs,
    readMs,
    learnMsPerInput: learnMs / Math.max(1, prepared.length),
    learnMsPerMB: learnMs / mb,
    readMsPerMB: readMs / mb,
    msPerMB: (learnMs + readMs) / mb,
  };
}

export interface CorpusLayout {
  file: string;
  format: string;
  layout: string | null;
  bytes: number;
  timedShare: number | null;
  /** Text logs only: the time-detection cost per MB. */
  msPerMB?: number;
}

export interface CorpusTimes {
  files: number;
  bytes: number;
  lines: LinesTimed;
  /** Over the text logs of the corpus. */
  cost: TimeCost;
  perFile: CorpusLayout[];
}

/** A file's lines repeated to about `size` bytes (whole copies; at least one). */
function repeated(bytes: Uint8Array, size: number): Uint8Array {
  const body = bytes[bytes.length - 1] === 10 ? bytes : Uint8Array.from([...bytes, 10]);
  const copies = Math.max(1, Math.round(size / body.length));
  const out = new Uint8Array(body.length * copies);
  for (let i = 0; i < copies; i++) out.set(body, i * body.length);
  return out;
}

/** The format corpus (tests/fixtures/formats/*.log) read by analyze(), each file repeated to `corpusBytes`: lines timed, and the text reader's time cost. */
export async function benchCorpusTimes(root: string, corpusBytes: number, runs: number, only?: RegExp): Promise<CorpusTimes> {
  const dir = join(root, 'tests', 'fixtures', 'formats');
  const inputs: InputData[] = readdirSync(dir)
    .filter((f) => f.endsWith('.log') && (!only || only.test(f)))
    .sort()
    .map((name) => ({ name, bytes: repeated(readFileSync(join(dir, name)), corpusBytes) }));
  const perFile: CorpusLayout[] = [];
  const summaries: InputSummary[] = [];
  const textInputs: InputData[] = [];
  // One analysis per file: a file is its own input, as a user would drop it.
  for (const input of inputs) {
    const a = await analyze([input]);
    const s = a.inputs.find((i) => i.name === input.name);
    if (!s) continue;
    summaries.push(s);
    const row: CorpusLayout = { file: input.name, format: s.format, layout: s.reading.timeLayout, bytes: input.bytes.length, timedShare: linesTimed([s]).timedShare };
    if (s.format === 'text') {
      textInputs.push(input);
      row.msPerMB = timeCost([input], runs).msPerMB;
    }
    perFile.push(row);
  }
  return { files: inputs.length, bytes: inputs.reduce((s, i) => s + i.bytes.length, 0), lines: linesTimed(summaries), cost: timeCost(textInputs, runs), perFile };
}
