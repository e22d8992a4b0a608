/**
 * A file found in an archive, as the scan of the archive left it: its name,
 * its exact inflated size (counted as it was inflated), its date, and what
 * its first bytes said of it (judged as the scan passed them: the bytes are
 * not kept), with a way to read its bytes again in pieces. Only small
 * members, members of an archive already in memory (views), archives inside
 * archives and a cluster-info dump written to one stream are held whole.
 */
import type { MemberKind } from '../bundle/memberKind';
import type { StreamInput } from '../inputSource';
import { BYTES_CHUNK } from '../inputSource';
import { evenPieces } from './inflateChunks';

/** A file in memory, named as an input (an archive member read whole, a section cut from one). */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
  /** An archive member's modification time (ms since the epoch), where its archive keeps one (memberDates.ts). */
  modifiedMs?: number;
}

export interface ArchiveMember {
  name: string;
  /** Bytes once inflated. */
  size: number;
  /** Modification time (ms since the epoch), where the archive keeps one (memberDates.ts). */
  modifiedMs?: number;
  /** Whether it is read as a log, judged from its first HEAD_BYTES (memberKind.ts). */
  kind: MemberKind;
  /** Whether it may hold Kubernetes events (mentionsEvents). */
  hasEvents: boolean;
  /** The whole member, where it is held. */
  bytes?: Uint8Array;
  /** Its bytes from the start, in pieces (views: copy what is kept), inflated as they are asked for. */
  chunks(): Iterable<Uint8Array>;
  /** Says the member will be read (a tar in a gzip keeps it if inflating passes over it first). */
  willRead?(): void;
}

export function isArchiveMember(x: unknown): x is ArchiveMember {
  return typeof x === 'object' && x !== null && typeof (x as ArchiveMember).chunks === 'function' && typeof (x as ArchiveMember).size === 'number';
}

/** The whole member as one array (held, or inflated again). */
export function memberBytes(m: ArchiveMember): Uint8Array {
  if (m.bytes) return m.bytes;
  const out = new Uint8Array(m.size);
  let at = 0;
  for (const c of m.chunks()) {
    if (at + c.length > out.length) throw new Error(`${m.name} gave more bytes than it had when scanned`);
    out.set(c, at);
    at += c.length;
  }
  return at === out.length ? out : out.subarray(0, at);
}

/**
 * The member as an input the read stage streams: inflated as it is read,
 * in BYTES_CHUNK pieces (as an input in memory is given out), each piece a
 * fresh array. `piece`, for tests, sees every piece given.
 */
export function memberInput(m: ArchiveMember, piece?: (bytes: Uint8Array) => void): StreamInput & { modifiedMs?: number } {
  return {
    name: m.name,
    size: m.size,
    ...(m.modifiedMs !== undefined && { modifiedMs: m.modifiedMs }),
    async *stream() {
      for (const c of evenPieces(m.chunks(), BYTES_CHUNK)) {
        piece?.(c);
        yield c;
      }
    },
  };
}
