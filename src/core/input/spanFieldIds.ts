/**
 * Field ids for keys and values that a line reader holds as spans of its line
 * (KeyValueScanner, LogfmtScanner): what `b.addField(key, value)` gives, for
 * less. Lines of one logger repeat their keys in the same places and most
 * values line after line (`service=svc-07 dir=send`), and interning them
 * through the whole string table (grown large with message ids, where a
 * lookup costs a cache miss or two) was most of what reading pairs cost.
 *
 * A key is compared with the key at the same place on the line before, then
 * looked up in a small table of this reader's keys; a value with its key's
 * value on the line before, then in a small table of that key's values. The
 * tables are indexed by a hash of the span's characters and looked up in a
 * few neighbouring slots (the first one taken again when all are full); a
 * slot holds the text it was filled with and its id. A miss asks the builder
 * for the id, as addField would, so ids and the order strings are interned in
 * are the same as without the tables. A key whose values rarely repeat
 * (message ids) stops using its table after a sample.
 */
import type { ExecutionBuilder } from '../model/executionBuilder';
import { hintBytes, type KeyValueScanner } from './keyValuePairs';

const KEY_SLOTS = 64;
const VALUE_SLOTS = 64;
/** Slots looked at per lookup, from the hashed one on. */
const PROBES = 4;
/** Lookups per sample; a key whose table hit fewer than a quarter of them stops using it. */
const SAMPLE = 1024;
/**
 * A first, shorter sample for a key the builder already knows to have many
 * values (its values go to the whole string table: message ids met in other
 * inputs): each miss of a sample costs a slice and two lookups.
 */
const FIRST_SAMPLE = 64;

/** One key's values. */
export class ValueSlots {
  /** The key's id (-1: none). */
  key = -1;
  readonly texts: (string | undefined)[] = new Array<string | undefined>(VALUE_SLOTS).fill(undefined);
  /** Each text as a hint for KeyValueScanner (hintBytes). */
  readonly hints: (Uint8Array | null)[] = new Array<Uint8Array | null>(VALUE_SLOTS).fill(null);
  readonly ids = new Int32Array(VALUE_SLOTS);
  /** The slot found last: most keys repeat their value line after line. */
  last = 0;
  lookups = 0;
  hits = 0;
  off = false;
  /** The builder looks this key's values up in the whole string table only (ExecutionBuilder.valuesInWholeTable). */
  whole = false;
}

export class SpanFieldIds {
  private readonly keyTexts: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS).fill(undefined);
  private readonly keyHints: (Uint8Array | null)[] = new Array<Uint8Array | null>(KEY_SLOTS).fill(null);
  private readonly keyIds = new Int32Array(KEY_SLOTS);
  private readonly keyValues: (ValueSlots | undefined)[] = new Array<ValueSlots | undefined>(KEY_SLOTS).fill(undefined);
  private readonly valuesOfKey = new Map<number, ValueSlots>();
  /** Per field place, the key slot found there last: lines of one logger repeat their keys in the same places. */
  private readonly slotAtPlace: number[] = [];
  /** The value table of the key keyIdAt found last. */
  values: ValueSlots = new ValueSlots();

  constructor(private readonly b: ExecutionBuilder) {}

  /**
   * Adds the key=value pairs `sc` finds in text[start, end) to the event being
   * built, as fields from `place` on; a key already in seen[0 .. place-1]
   * keeps its first value. The key and value at a place on the line before
   * are the likely ones: the scanner checks them first. `u`: text's aligned
   * bytes, or null. Returns the place after the last field.
   */
  addScannedPairs(sc: KeyValueScanner, text: string, u: Uint8Array | null, start: number, end: number, seen: number[], place: number): number {
    const b = this.b;
    sc.reset(text, u, start, end);
    // The scanner's bytes (u, or its own copy): keys and values are compared and hashed on them, without slices.
    const bytes = sc.bytes;
    while (sc.next(this.keyHint(place), this.valueHint(place))) {
      const keyId = sc.keyExpected ? this.hintedKeyId(place) : this.keyIdAt(place, text, sc.keyStart, sc.keyEnd, bytes);
      if (includes(seen, place, keyId)) continue;
      seen[place] = keyId;
      let valueId: number;
      if (sc.valueExpected) valueId = this.hintedValueId(this.values);
      else if (sc.escaped) valueId = b.valueId(place, keyId, sc.value());
      else valueId = this.valueIdAt(this.values, place, keyId, text, sc.valueStart, sc.valueEnd, u, bytes);
      b.addFieldId(keyId, valueId);
      place++;
    }
    sc.reset('');
    return place;
  }

  /**
   * The id of the key text[start, end) at field `place`, interned on first
   * sight; sets `values` to its value table. `bytes`: text's code units as
   * bytes (KeyValueScanner.bytes), or null.
   */
  keyIdAt(place: number, text: string, start: number, end: number, bytes: Uint8Array | null = null): number {
    const texts = this.keyTexts;
    const hints = this.keyHints;
    const was = this.slotAtPlace[place];
    if (was !== undefined && same(texts[was]!, hints[was]!, text, bytes, start, end)) {
      this.values = this.keyValues[was]!;
      return this.keyIds[was]!;
    }
    const h = bytes === null ? hashOf(text, start, end) : hashOfBytes(bytes, text, start, end);
    let s = h;
    for (let p = 0; p < PROBES; p++, s++) {
      const at = s & (KEY_SLOTS - 1);
      const known = texts[at];
      if (known === undefined) break;
      if (same(known, hints[at]!, text, bytes, start, end)) {
        this.slotAtPlace[place] = at;
        this.values = this.keyValues[at]!;
        return this.keyIds[at]!;
      }
    }
    if (s - h === PROBES) s = h;
    s &= KEY_SLOTS - 1;
    const key = text.slice(start, end);
    const id = this.b.strings.intern(key);
    texts[s] = key;
    this.keyHints[s] = hintBytes(key);
    this.keyIds[s] = id;
    this.values = this.keyValues[s] = this.valuesOf(id);
    this.slotAtPlace[place] = s;
    return id;
  }

  /** The key found at `place` on the line before, as KeyValueScanner's hint (hintBytes), or null. */
  keyHint(place: number): Uint8Array | null {
    const was = this.slotAtPlace[place];
    return was === undefined ? null : this.keyHints[was]!;
  }

  /** The value keyHint(place)'s key had last (the scanner's hint for its value), or null. */
  valueHint(place: number): Uint8Array | null {
    const was = this.slotAtPlace[place];
    if (was === undefined) return null;
    const values = this.keyValues[was]!;
    return values.off ? null : values.hints[values.last]!;
  }

  /** keyIdAt for a key the scanner found to be keyHint(place). */
  hintedKeyId(place: number): number {
    const was = this.slotAtPlace[place]!;
    this.values = this.keyValues[was]!;
    return this.keyIds[was]!;
  }

  /** valueIdAt for a value the scanner found to be valueHint(place), `values` being its key's table. */
  hintedValueId(values: ValueSlots): number {
    return this.counted(values, values.ids[values.last]!);
  }

  /** The value table of a key id (once per key shape, or for header fields). */
  valuesOf(keyId: number): ValueSlots {
    let v = this.valuesOfKey.get(keyId);
    if (v === undefined) {
      this.valuesOfKey.set(keyId, (v = new ValueSlots()));
      v.key = keyId;
    }
    return v;
  }

  /**
   * `b.valueId(place, keyId, text.slice(start, end))`, without the slice when
   * the value was seen before; `u`: text's aligned bytes when text is a chunk
   * (ChunkDecoder.aligned), else null; `bytes`: text's code units as bytes
   * (KeyValueScanner.bytes: u, or the scanner's copy), or null.
   */
  valueIdAt(values: ValueSlots, place: number, keyId: number, text: string, start: number, end: number, u: Uint8Array | null = null, bytes: Uint8Array | null = u): number {
    if (values.off) {
      // A key of many values (message ids): once the builder keeps no table of its own for them, straight to the string table.
      if (values.whole) return this.b.strings.internIn(text, start, end, u);
      values.whole = this.b.valuesInWholeTable(keyId);
      return this.b.internValueIn(keyId, text, start, end, u);
    }
    const texts = values.texts;
    const hints = values.hints;
    let id = -1;
    const last = texts[values.last];
    if (last !== undefined && same(last, hints[values.last]!, text, bytes, start, end)) id = values.ids[values.last]!;
    else {
      const h = bytes === null ? hashOf(text, start, end) : hashOfBytes(bytes, text, start, end);
      let s = h;
      for (let p = 0; p < PROBES; p++, s++) {
        const at = s & (VALUE_SLOTS - 1);
        const known = texts[at];
        if (known === undefined) break;
        if (same(known, hints[at]!, text, bytes, start, end)) {
          id = values.ids[at]!;
          values.last = at;
          break;
        }
      }
      if (id < 0) {
        if (s - h === PROBES) s = h;
        s &= VALUE_SLOTS - 1;
        const value = text.slice(start, end);
        id = this.b.valueId(place, keyId, value);
        texts[s] = value;
        values.hints[s] = hintBytes(value);
        values.ids[s] = id;
        values.last = s;
        values.hits--;
      }
    }
    return this.counted(values, id);
  }

  /** A lookup of `values` that found id (a miss has taken one off hits already). */
  private counted(values: ValueSlots, id: number): number {
    values.hits++;
    const n = ++values.lookups;
    if (n === SAMPLE || (n === FIRST_SAMPLE && values.key >= 0 && this.b.valuesInWholeTable(values.key))) {
      if (values.hits * 4 < n) {
        values.off = true;
        values.texts.fill(undefined);
        values.hints.fill(null);
      }
      if (n === SAMPLE) values.lookups = values.hits = 0;
    }
    return id;
  }
}

/** FNV-1a over the span, folded so the low bits depend on every character. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}

/**
 * hashOf over `bytes` (text's code units as bytes, at its indices): the same
 * hash, reading a byte where the character is ASCII (about twice as quick).
 */
function hashOfBytes(bytes: Uint8Array, text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = bytes[i]!;
    if (c >= 0x80) c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h ^ (h >>> 15);
}

/**
 * Whether s (whose hintBytes is `hint`) equals text[start, end), `bytes`
 * being text's code units as bytes or null. An ASCII s is compared byte for
 * byte, without a slice (a byte from 0x80 up, a character that is not ASCII,
 * equals none of its bytes); any other s by a slice, compared natively (a
 * short slice is a copy, a long one shares the text).
 */
function same(s: string, hint: Uint8Array | null, text: string, bytes: Uint8Array | null, start: number, end: number): boolean {
  const n = end - start;
  if (s.length !== n) return false;
  if (hint === null || bytes === null) return text.slice(start, end) === s;
  for (let i = 0; i < n; i++) if (bytes[start + i] !== hint[i]) return false;
  return true;
}

/** Whether list[0 .. n-1] holds x (a line has a handful of fields). */
function includes(list: readonly number[], n: number, x: number): boolean {
  for (let i = 0; i < n; i++) if (list[i] === x) return true;
  return false;
}
