/**
 * What the detectors search for in every event text, found in one pass over
 * the texts' chunks: the texts that may hold a `SET name=` write
 * (concurrentWrites.ts) and the built-in ids (correlationTokens.ts) the
 * correlations are made of (correlationGroups.ts). Where texts are read back
 * from their files (model/fileTexts.ts), each chunk is then read and decoded
 * once, not once per search. The ids are kept as a list in event order (each
 * text's in the order found), their values numbered here (each distinct value
 * held once), for the correlations to intern in their own order.
 */
import { CHUNK_SHIFT, endOf, STRINGS_PER_CHUNK } from '../base/chunkedStrings';
import { markPossibleMatchesIn } from '../base/chunkMatches';
import { TokenScanner } from '../correlate/correlationTokens';
import type { Execution } from '../model/execution';
import { findSet } from './setText';

export interface TextSearches {
  /** Per event, 1 where its text may hold a SET write (setText.ts findSet), and how many do. */
  maybeSet: Uint8Array;
  setLines: number;
  /** Built-in id i: the distinct value idValues[idValue[i]], of kind idKind[i] (TokenKind), in the text of event idEvent[i]. */
  idEvent: Int32Array;
  idValue: Int32Array;
  idKind: Uint8Array;
  idCount: number;
  idValues: string[];
}

/**
 * `readAhead`: also given each chunk, in order, while it is decoded (the retry search's texts,
 * retries.ts startRetries), so they are not read from their files again one by one.
 */
export function searchTexts(x: Execution, readAhead: ((chunk: string, first: number, end: number) => void) | null = null): TextSearches {
  const n = x.eventCount;
  const { textChunks, textStart } = x;
  const maybeSet = new Uint8Array(n);
  let setLines = 0;
  let idEvent = new Int32Array(256);
  let idValue = new Int32Array(256);
  let idKind = new Uint8Array(256);
  let idCount = 0;
  const idValues: string[] = [];
  const valueIds = new Map<string, number>();
  let cur = 0;
  const onId = (value: string, kind: number) => {
    if (idCount === idEvent.length) {
      idEvent = grown(idEvent, new Int32Array(idCount * 2));
      idValue = grown(idValue, new Int32Array(idCount * 2));
      idKind = grown(idKind, new Uint8Array(idCount * 2));
    }
    let v = valueIds.get(value);
    if (v === undefined) {
      valueIds.set(value, (v = idValues.length));
      idValues.push(value);
    }
    idEvent[idCount] = cur;
    idValue[idCount] = v;
    idKind[idCount++] = kind;
  };
  // One scanner for the texts read in order: its searches run on through each chunk.
  const scanner = new TokenScanner();
  for (let c = 0; c < textChunks.length; c++) {
    const first = c << CHUNK_SHIFT;
    const end = Math.min(n, first + STRINGS_PER_CHUNK);
    if (end <= first) break;
    const chunk = textChunks.at(c)!;
    setLines += markPossibleMatchesIn(chunk, first, end, textStart, findSet, maybeSet);
    if (readAhead !== null) readAhead(chunk, first, end);
    for (let e = first; e < end; e++) {
      cur = e;
      scanner.scan(chunk, [], onId, textStart[e]!, endOf(chunk, textStart, n, e));
    }
  }
  return { maybeSet, setLines, idEvent, idValue, idKind, idCount, idValues };
}

function grown<T extends Int32Array | Uint8Array>(a: T, into: T): T {
  into.set(a);
  return into;
}
