/**
 * A file's bytes read again at a position (core's InputBytes): what lets the
 * analysis keep event texts as positions in their files instead of strings
 * (core/model/fileTexts.ts). Reads are synchronous (texts are read where core
 * asks for them, in the middle of a pass) and mostly sequential, a chunk of
 * 256 texts at a time, which the page cache serves. Files stay open between
 * reads, the last few only: a folder of thousands of files opens each again
 * when it comes back.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { InputBytes } from '../core/model/fileTexts';

/** Files kept open at once. */
const OPEN_FILES = 16;
/** Open files, least recently read first. */
const open = new Map<string, number>();

export function fileBytes(name: string, path: string): InputBytes {
  return {
    name,
    read(into: Uint8Array, offset: number, length: number, position: number): number {
      let fd = open.get(path);
      if (fd === undefined) {
        if (open.size >= OPEN_FILES) {
          const [oldest, oldFd] = open.entries().next().value!;
          open.delete(oldest);
          closeSync(oldFd);
        }
        fd = openSync(path, 'r');
      } else open.delete(path);
      open.set(path, fd);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, into, offset + done, length - done, position + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    },
  };
}
