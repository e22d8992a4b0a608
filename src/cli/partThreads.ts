/**
 * Parallel reading in Node: groups of inputs read by worker threads
 * (readPart), packed parts transferred back and unpacked for analyze() to
 * merge, as the page does with Web Workers. The worker is the same script
 * re-entered (the bundled CLI, the bench): its entry calls servePartReader()
 * when it is not the main thread, so no second file needs bundling.
 */
import { createReadStream } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnalyzeInput } from '../core/read/analyzeInput';
import type { AnalyzeOptions } from '../core/analysis/analyzeOptions';
import { err, ok, type Result } from '../core/base/result';
import { isBytesInput } from '../core/input/inputSource';
import { packedTransferables, packPart, unpackPartReading, type PackedPart } from '../core/parallel/packPart';
import type { InputBytes, RereadableInput } from '../core/model/fileTexts';
import type { StreamInput } from '../core/input/inputSource';
import { fileBytes } from './fileBytes';
import type { PartResult } from '../core/parallel/partResult';
import { readPart } from '../core/parallel/readPart';

/** An input a thread can open: a file on disk, or bytes (copied to the thread). */
export type ThreadInput = { name: string; size: number; path: string } | { name: string; bytes: Uint8Array };

interface Job {
  causewayPart: true;
  inputs: ThreadInput[];
  options: AnalyzeOptions;
}

const CHUNK = 1 << 20;

/** A file can be read again, as the CLI's own inputs are: its texts are then kept as positions (fileTexts.ts), and cross as such. */
function inputOf(i: ThreadInput): AnalyzeInput {
  if (!('path' in i)) return i;
  const file: StreamInput & RereadableInput = { name: i.name, size: i.size, stream: () => createReadStream(i.path, { highWaterMark: CHUNK }), reread: fileBytes(i.name, i.path) };
  return file;
}

/**
 * Reads each group in a thread of `script` and gives back the parts, in
 * group order. `bytesOf`: this thread's way to read a file again, by input
 * name, for the texts a thread kept as positions in its files.
 */
export async function readPartsInThreads(script: URL, groups: ThreadInput[][], options: AnalyzeOptions, bytesOf?: (input: string) => InputBytes | null): Promise<PartResult[]> {
  const workers: Worker[] = [];
  try {
    const packed = await Promise.all(
      groups.map(
        (inputs) =>
          new Promise<PackedPart>((resolve, reject) => {
            const job: Job = { causewayPart: true, inputs, options };
            const w = new Worker(script, { workerData: job });
            workers.push(w);
            w.once('message', (m: Result<PackedPart, string>) => (m.ok ? resolve(m.value) : reject(new Error(m.error))));
            w.once('error', reject);
            w.once('exit', (code) => reject(new Error(`a reading thread exited with code ${code}`)));
          }),
      ),
    );
    const again = bytesOf ?? filesReadAgain(groups);
    return packed.map((p) => unpackPartReading(p, again));
  } finally {
    for (const w of workers) void w.terminate();
  }
}

/** In a thread started by readPartsInThreads: reads its group, posts the packed part, and returns true. */
export async function servePartReader(): Promise<boolean> {
  const job = workerData as Job | undefined;
  if (isMainThread || !parentPort || !job?.causewayPart) return false;
  try {
    const part = packPart(await readPart(job.inputs.map(inputOf), job.options));
    parentPort.postMessage(ok(part), packedTransferables(part));
  } catch (e) {
    parentPort.postMessage(err(e instanceof Error ? e.message : String(e)));
  }
  return true;
}

/** The files of the groups read again (on this thread), by name. */
function filesReadAgain(groups: ThreadInput[][]): (name: string) => InputBytes | null {
  const paths = new Map<string, string>();
  for (const g of groups) for (const i of g) if ('path' in i) paths.set(i.name, i.path);
  return (name) => {
    const path = paths.get(name);
    return path === undefined ? null : fileBytes(name, path);
  };
}

/** A ThreadInput for an in-memory input; stream inputs need their path (the CLI's). */
export function bytesThreadInput(i: AnalyzeInput): ThreadInput | null {
  return isBytesInput(i) ? { name: i.name, bytes: i.bytes } : null;
}
