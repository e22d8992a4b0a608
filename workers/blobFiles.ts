/**
 * The dropped files as the session reads them (SessionFile), chunk by chunk:
 * a file of any size never becomes one string, and one larger than
 * PREFETCH_MAX never one buffer either.
 *
 * Reading a File is a round trip to the browser process, and in a worker that
 * is busy parsing the bytes come late: at a million events the analysis
 * waited a seventh of its read stage on them. So:
 *  - the first HEAD_BYTES of every large file are read in one joined read,
 *    the first time any is asked for: the read stage looks at each file's
 *    first bytes (is it an archive?) before reading any, and that pass paid
 *    a stream and a first chunk per file;
 *  - the rest of a file is read whole, and once a file's rest is asked for,
 *    so is the next file's in name order (the order the read stage reads
 *    them), so it arrives while this one is parsed. At most that one file is
 *    read ahead; past PREFETCH_MAX a file's rest is streamed as before.
 * Small files are not streamed at all: the session reads them whole, many in
 * one Blob (readTogether).
 */
import { readableChunks } from '../src/core/input/inputSource';
import { SMALL_INPUT } from '../src/core/input/readAhead';
import { cmp } from '../src/core/model/executionBuilder';
import type { SessionFile } from '../src/core/session/analyzerSession';
import type { NamedBlob } from './protocol';

/** Read up front for every large file: more than the read stage's look at a file's start needs. */
export const HEAD_BYTES = 4096;
/** Files up to this size are read whole, one ahead (see atop). */
export const PREFETCH_MAX = 16 << 20;
/** A file read whole is handed on in chunks of this size, as a stream would. */
const CHUNK = 1 << 20;

export function sessionFilesOf(files: NamedBlob[]): SessionFile[] {
  const blobOf = new Map<SessionFile, Blob>();
  // Small files are read many at a time as one Blob: a read per File is a round trip to the browser process.
  const readTogether = async (some: SessionFile[]) => new Uint8Array(await new Blob(some.map((f) => blobOf.get(f)!)).arrayBuffer());
  const large = files.map((f, i) => i).filter((i) => files[i]!.blob.size > SMALL_INPUT);
  const order = [...large].sort((a, b) => cmp(files[a]!.name, files[b]!.name));
  const nextOf = new Map(order.map((i, k) => [i, order[k + 1] ?? -1]));
  let heads: Promise<Map<number, Uint8Array>> | null = null;
  const rest = new Map<number, Promise<Uint8Array>>();
  const startRest = (i: number): Promise<Uint8Array> => {
    let p = rest.get(i);
    if (!p) {
      p = files[i]!.blob
        .slice(HEAD_BYTES)
        .arrayBuffer()
        .then((b) => new Uint8Array(b));
      p.catch(() => {}); // a file read ahead and never asked for must not fail the page
      rest.set(i, p);
    }
    return p;
  };
  async function* chunksOf(i: number): AsyncGenerator<Uint8Array> {
    const blob = files[i]!.blob;
    const head = (await (heads ??= readHeads(files, large))).get(i)!;
    yield head;
    if (blob.size <= HEAD_BYTES) return;
    const next = nextOf.get(i) ?? -1;
    if (blob.size > PREFETCH_MAX) {
      yield* readableChunks(blob.slice(HEAD_BYTES).stream());
      return;
    }
    const mine = startRest(i);
    rest.delete(i); // taken: a second read of this file reads it again
    if (next >= 0 && files[next]!.blob.size <= PREFETCH_MAX) startRest(next);
    const bytes = await mine;
    for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, Math.min(bytes.length, at + CHUNK));
  }
  return files.map(({ name, blob }, i) => {
    const f: SessionFile = {
      name,
      size: blob.size,
      arrayBuffer: () => blob.arrayBuffer(),
      stream: () => (nextOf.has(i) ? chunksOf(i) : readableChunks(blob.stream())),
      readTogether,
    };
    blobOf.set(f, blob);
    return f;
  });
}

/** The first HEAD_BYTES of each of these files: one joined read, or one read per file if that fails (the error then names its file). */
async function readHeads(files: NamedBlob[], which: number[]): Promise<Map<number, Uint8Array>> {
  const lengths = which.map((i) => Math.min(HEAD_BYTES, files[i]!.blob.size));
  try {
    const all = new Uint8Array(await new Blob(which.map((i) => files[i]!.blob.slice(0, HEAD_BYTES))).arrayBuffer());
    const out = new Map<number, Uint8Array>();
    let at = 0;
    which.forEach((i, k) => {
      // A copy each: a head is kept only while its file is read, not the whole joined buffer.
      out.set(i, all.slice(at, at + lengths[k]!));
      at += lengths[k]!;
    });
    if (at === all.length) return out;
  } catch {
    // read one by one below
  }
  const one = await Promise.all(which.map(async (i) => new Uint8Array(await files[i]!.blob.slice(0, HEAD_BYTES).arrayBuffer())));
  return new Map(which.map((i, k) => [i, one[k]!]));
}
