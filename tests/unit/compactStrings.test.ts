import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkedStrings, storedString, storedStringIs, STRINGS_PER_CHUNK } from '../../src/core/base/chunkedStrings';
import { StringTable } from '../../src/core/base/stringTable';
import { Growable } from '../../src/core/base/growable';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { textOf, textsOf } from '../../src/core/model/execution';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', 'é', '日本', '\ud800', 'x'.repeat(300)));

describe('ChunkedStrings', () => {
  it('gives back every string, across chunk ends, with appends before and after a chunk closes', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 700 }), fc.array(fc.tuple(fc.nat(), anyText), { maxLength: 20 }), (texts, appends) => {
        const c = new ChunkedStrings();
        const want: string[] = [];
        texts.forEach((t, i) => {
          c.push(t);
          want.push(t);
          // Appends land on any earlier string: most on the open chunk, some on closed ones.
          for (const [at, more] of appends) {
            if (at % (texts.length || 1) === i) {
              const target = at % 3 === 0 ? Math.floor(i / 2) : i;
              c.append(target, more);
              want[target] += more;
            }
          }
        });
        for (let i = 0; i < want.length; i++) expect(c.get(i)).toBe(want[i]);
        const { chunks, starts } = c.finish();
        expect(chunks.length).toBe(Math.ceil(want.length / STRINGS_PER_CHUNK));
        for (let i = 0; i < want.length; i++) {
          expect(storedString(chunks, starts, want.length, i)).toBe(want[i]);
          expect(storedStringIs(chunks, starts, want.length, i, want[i]!)).toBe(true);
          expect(storedStringIs(chunks, starts, want.length, i, `${want[i]}x`)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('after finish, keeps only the finished offsets: get and a second finish give the same strings, and adding throws', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 600 }), fc.array(fc.tuple(fc.nat(), anyText), { maxLength: 6 }), (texts, appends) => {
        const c = new ChunkedStrings();
        const want = texts.slice();
        texts.forEach((t) => c.push(t));
        // Appends to closed chunks (rejoined at finish) and to the open one.
        for (const [at, more] of appends) {
          if (want.length === 0) break;
          c.append(at % want.length, more);
          want[at % want.length] += more;
        }
        const first = c.finish();
        const second = c.finish();
        expect(second.chunks).toEqual(first.chunks);
        expect(second.starts).toBe(first.starts);
        for (let i = 0; i < want.length; i++) {
          expect(c.get(i)).toBe(want[i]);
          expect(storedString(second.chunks, second.starts, want.length, i)).toBe(want[i]);
        }
        // The growable offsets are gone: only the compact array is held.
        expect(Object.values(c).some((v) => v instanceof Growable)).toBe(false);
        expect(() => c.push('x')).toThrow(/after finish/);
        expect(() => c.append(0, 'x')).toThrow(/after finish/);
      }),
      { numRuns: 60 },
    );
  });

  it('widens offsets when a chunk passes 64 Ki characters', () => {
    const c = new ChunkedStrings();
    const texts = Array.from({ length: 300 }, (_, i) => String(i).repeat(i === 10 ? 70_000 : 3));
    texts.forEach((t) => c.push(t));
    const { chunks, starts } = c.finish();
    expect(starts).toBeInstanceOf(Uint32Array);
    texts.forEach((t, i) => expect(storedString(chunks, starts, texts.length, i)).toBe(t));
  });
});

describe('StringTable', () => {
  it('keeps ids, get, find and locate through seal, and interns after it', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 1500 }), fc.array(anyText, { maxLength: 800 }), (before, after) => {
        const t = new StringTable();
        const model = new Map<string, number>([['', 0]]);
        const intern = (s: string) => {
          const id = t.intern(s);
          if (!model.has(s)) model.set(s, model.size);
          expect(id).toBe(model.get(s));
        };
        before.forEach(intern);
        t.seal();
        for (const [s, id] of model) {
          expect(t.get(id)).toBe(s);
          expect(t.find(s)).toBe(id);
        }
        after.forEach(intern);
        expect(t.size).toBe(model.size);
        for (const [s, id] of model) {
          expect(t.get(id)).toBe(s);
          expect(t.find(s)).toBe(id);
        }
        expect(t.find('never interned \u0000')).toBe(-1);
        expect(() => t.get(model.size)).toThrow(/invariant/);
        // locate: where each string lies (a chunk, or its own string for those not chunked yet), without making it.
        const span = new Int32Array(2);
        for (const [s, id] of model) expect(t.locate(id, span).slice(span[0], span[1])).toBe(s);
      }),
      { numRuns: 40 },
    );
  });

  it('finds and re-interns while reading, through several doublings of its table', () => {
    const t = new StringTable();
    const n = 20_000;
    for (let i = 0; i < n; i++) expect(t.intern(`m${String(i).padStart(8, '0')}`)).toBe(1 + i);
    // Each id a second time (a message's receive after its send), from a slice as the readers give.
    const line = `{"msg_id":"m${String(12345).padStart(8, '0')}"}`;
    expect(t.intern(line.slice(11, 20))).toBe(1 + 12345);
    for (let i = n - 1; i >= 0; i--) expect(t.find(`m${String(i).padStart(8, '0')}`)).toBe(1 + i);
    expect(t.find('m99999999')).toBe(-1);
    expect(t.find('')).toBe(0);
    expect(t.size).toBe(n + 1);
  });

  it('chunks the strings interned after seal and grows its index', () => {
    const t = new StringTable();
    for (let i = 0; i < 1000; i++) t.intern(`v${i}`);
    t.seal();
    for (let i = 0; i < 5000; i++) expect(t.intern(`msg_id=m${i}`)).toBe(1001 + i);
    for (let i = 0; i < 1000; i++) expect(t.find(`v${i}`)).toBe(1 + i);
    for (let i = 0; i < 5000; i++) expect(t.get(1001 + i)).toBe(`msg_id=m${i}`);
  });

  it('tells apart strings of one length and prefix after seal, interned again or looked up', () => {
    const t = new StringTable();
    const key = (i: number) => `msg_id=m${String(i).padStart(8, '0')}`;
    for (let i = 0; i < 3000; i += 2) t.intern(key(i));
    t.seal();
    const ids = new Map<string, number>();
    for (let i = 0; i < 3000; i++) ids.set(key(i), t.intern(key(i)));
    expect(new Set(ids.values()).size).toBe(3000);
    for (let i = 0; i < 3000; i++) {
      expect(t.find(key(i))).toBe(ids.get(key(i)));
      expect(t.intern(key(i))).toBe(ids.get(key(i)));
      expect(t.get(ids.get(key(i))!)).toBe(key(i));
    }
    expect(t.find(key(3000))).toBe(-1);
  });
});

describe('ExecutionBuilder texts', () => {
  it('keeps each event its text when processes interleave (events move at build) and records get continuation lines', () => {
    const b = new ExecutionBuilder('x');
    const a = b.process('a');
    const z = b.process('z');
    const want = new Map<string, string>();
    const handles: number[] = [];
    for (let i = 0; i < 1200; i++) {
      const p = i % 3 === 0 ? z : a;
      const text = `${p === a ? 'a' : 'z'} event ${i} ${'é'.repeat(i % 5)}`;
      handles.push(b.beginEvent(p, null, text, 'in', i + 1));
      b.addField('k', `v${i % 7}`);
      want.set(`${i + 1}`, text);
    }
    // Continuation lines: on the last event, and on one long past (its chunk closed).
    b.appendText(handles[1199]!, '\n  at last');
    want.set('1200', `${want.get('1200')}\n  at last`);
    b.appendText(handles[5]!, '\n  at early');
    want.set('6', `${want.get('6')}\n  at early`);
    const x = b.build();
    expect(x.processNames).toEqual(['a', 'z']);
    for (let e = 0; e < x.eventCount; e++) {
      expect(textOf(x, e)).toBe(want.get(String(x.eventLine[e])));
      expect(x.strings.get(x.fieldValue[x.fieldStart[e]!]!)).toBe(`v${(x.eventLine[e]! - 1) % 7}`);
    }
    expect(textsOf(x)).toHaveLength(1200);
    expect(x.fieldKey).toBeInstanceOf(Uint16Array);
    expect(x.eventInput).toBeInstanceOf(Uint8Array);
  });
});
