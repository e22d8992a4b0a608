/**
 * Writes a Simulation as log files, one file per process, in one of the input
 * formats. Output goes to a Sink (files on disk for the CLI, strings in memory
 * for tests), in chunks, so a million events never sit in one string.
 */
import { EventType, type Simulation } from './model';

export const GEN_FORMATS = ['jsonl', 'text', 'logfmt', 'csv', 'govector'] as const;
export type GenFormat = (typeof GEN_FORMATS)[number];

export interface Sink {
  write(file: string, chunk: string): void;
}

export function fileNameOf(format: GenFormat, process: string): string {
  switch (format) {
    case 'jsonl':
      return `${process}.jsonl`;
    case 'text':
      return `${process}.log`;
    case 'logfmt':
      return `${process}.logfmt.log`;
    case 'csv':
      return `${process}.csv`;
    case 'govector':
      return `${process}-Log.txt`;
  }
}

const LOCAL_TEXT = ['cache refreshed', 'processed batch', 'health check ok', 'config reloaded', 'gc pause', 'flushed buffer', 'opened connection', 'timer fired'];
const SEND_TEXT = ['send request', 'publish update', 'forward order', 'call service', 'send heartbeat', 'push event', 'send query', 'enqueue job'];
const RECV_TEXT = ['received request', 'got update', 'accepted order', 'handled call', 'heartbeat in', 'event arrived', 'query received', 'job dequeued'];
const LEVELS = ['info', 'info', 'info', 'debug', 'info', 'warn', 'info', 'debug'];

/** Wording of event i: a short message plus a number, so lines are not all alike. */
function messageOf(sim: Simulation, i: number): string {
  const v = sim.variant[i]!;
  const t = sim.type[i]!;
  const words = t === EventType.Send ? SEND_TEXT : t === EventType.Receive ? RECV_TEXT : LOCAL_TEXT;
  return `${words[v]} ${(i * 7919) % 100000} for tenant-${i % 97}`;
}

export function msgIdOf(m: number): string {
  return `m${String(m).padStart(8, '0')}`;
}

/** ISO-8601 with microseconds, cached per whole second (lines are mostly in time order per process). */
class IsoClock {
  private sec = NaN;
  private prefix = '';
  iso(absUs: number): string {
    const sec = Math.floor(absUs / 1e6);
    if (sec !== this.sec) {
      this.sec = sec;
      this.prefix = new Date(sec * 1000).toISOString().slice(0, 19);
    }
    const frac = absUs - sec * 1e6;
    return `${this.prefix}.${String(frac).padStart(6, '0')}Z`;
  }
}

/** Buffers lines per file and hands them to the sink in ~256 KB chunks; `slotOf` maps a process to its file. */
class Buffers {
  private readonly parts: string[][];
  private readonly sizes: number[];
  bytes = 0;
  constructor(
    private readonly sink: Sink,
    private readonly files: string[],
    private readonly slotOf: (p: number) => number,
  ) {
    this.parts = files.map(() => []);
    this.sizes = files.map(() => 0);
  }
  add(p: number, line: string): void {
    const f = this.slotOf(p);
    this.parts[f]!.push(line);
    this.sizes[f]! += line.length;
    if (this.sizes[f]! > 262144) this.flush(f);
  }
  private flush(f: number): void {
    if (this.parts[f]!.length === 0) return;
    const chunk = this.parts[f]!.join('');
    this.bytes += chunk.length; // ASCII only
    this.sink.write(this.files[f]!, chunk);
    this.parts[f] = [];
    this.sizes[f] = 0;
  }
  flushAll(): void {
    for (let f = 0; f < this.files.length; f++) this.flush(f);
  }
}

/**
 * Writes every process's file, or with `oneFile` every line into that one
 * file in true-time order (many sources in one file); returns the file names
 * and total bytes.
 */
export function writeFormat(sim: Simulation, format: GenFormat, sink: Sink, oneFile?: string): { files: string[]; bytes: number } {
  const files = oneFile ? [oneFile] : sim.processNames.map((name) => fileNameOf(format, name));
  const out = new Buffers(sink, files, oneFile ? () => 0 : (p) => p);
  const clocks = sim.processNames.map(() => new IsoClock());
  const hostNames = sim.hosts.map((h) => h.name);
  if (format === 'csv') for (let p = 0; p < (oneFile ? 1 : files.length); p++) out.add(p, 'ts,service,host,level,msg,msg_id,dir,to,from,attempt\n');
  if (format === 'govector') writeGoVector(sim, out);
  else {
    for (let i = 0; i < sim.n; i++) {
      const p = sim.proc[i]!;
      const ts = clocks[p]!.iso(sim.startUs + sim.stampUs[i]!);
      const service = sim.processNames[p]!;
      const host = hostNames[sim.hostOf[p]!]!;
      const level = LEVELS[sim.variant[i]!]!;
      const text = messageOf(sim, i);
      const t = sim.type[i]!;
      const id = t === EventType.Local ? '' : msgIdOf(sim.msg[i]!);
      const dir = t === EventType.Send ? 'send' : t === EventType.Receive ? 'recv' : '';
      const to = t === EventType.Send && sim.peer[i]! >= 0 ? sim.processNames[sim.peer[i]!]! : '';
      const from = t === EventType.Receive ? sim.processNames[sim.peer[i]!]! : '';
      const att = sim.attempt[i]!;
      out.add(p, lineOf(format, ts, service, host, level, text, id, dir, to, from, att));
    }
  }
  out.flushAll();
  return { files, bytes: out.bytes };
}

function lineOf(
  format: GenFormat,
  ts: string,
  service: string,
  host: string,
  level: string,
  text: string,
  id: string,
  dir: string,
  to: string,
  from: string,
  att: number,
): string {
  switch (format) {
    case 'jsonl': {
      let s = `{"ts":"${ts}","service":"${service}","host":"${host}","level":"${level}","msg":"${text}"`;
      if (id) s += `,"msg_id":"${id}","dir":"${dir}"`;
      if (to) s += `,"to":"${to}"`;
      if (from) s += `,"from":"${from}"`;
      if (att) s += `,"attempt":${att}`;
      return `${s}}\n`;
    }
    case 'text':
    case 'logfmt': {
      let s = format === 'text' ? `${ts} ${level.toUpperCase()} ${text} service=${service} host=${host}` : `ts=${ts} level=${level} service=${service} host=${host} msg="${text}"`;
      if (id) s += ` msg_id=${id} dir=${dir}`;
      if (to) s += ` to=${to}`;
      if (from) s += ` from=${from}`;
      if (att) s += ` attempt=${att}`;
      return `${s}\n`;
    }
    case 'csv':
      return `${ts},${service},${host},${level},${text},${id},${dir},${to},${from},${att || ''}\n`;
    case 'govector':
      throw new Error('govector is written by writeGoVector');
  }
}

/**
 * GoVector: per event a header line `process {"p":n, ...}` (the process's
 * vector clock, non-zero entries) and the event's text. Clocks are computed
 * here from the true edges: a send ticks its own entry, a receive merges the
 * send's clock and ticks.
 */
function writeGoVector(sim: Simulation, out: Buffers): void {
  const P = sim.processNames.length;
  const vc = Array.from({ length: P }, () => new Uint32Array(P));
  // Clocks of sends still to be received, by send event.
  const pending = new Map<number, { clock: Uint32Array; left: number }>();
  const copies = new Uint16Array(sim.n);
  for (let i = 0; i < sim.n; i++) if (sim.sendOf[i]! >= 0) copies[sim.sendOf[i]!]!++;
  const names = sim.processNames.map((n) => JSON.stringify(n));
  for (let i = 0; i < sim.n; i++) {
    const p = sim.proc[i]!;
    const c = vc[p]!;
    const s = sim.sendOf[i]!;
    if (s >= 0) {
      const sent = pending.get(s)!;
      for (let q = 0; q < P; q++) if (sent.clock[q]! > c[q]!) c[q] = sent.clock[q]!;
      if (--sent.left === 0) pending.delete(s);
    }
    c[p]!++;
    if (copies[i]! > 0) pending.set(i, { clock: c.slice(), left: copies[i]! });
    let header = `${sim.processNames[p]} {`;
    let first = true;
    for (let q = 0; q < P; q++) {
      if (c[q] === 0) continue;
      header += `${first ? '' : ', '}${names[q]}:${c[q]}`;
      first = false;
    }
    const t = sim.type[i]!;
    const id = t === EventType.Local ? '' : ` msg_id=${msgIdOf(sim.msg[i]!)}`;
    out.add(p, `${header}}\n${messageOf(sim, i)}${id}\n`);
  }
}
