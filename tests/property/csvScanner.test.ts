import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { guessCsvDelimiter } from '../../src/core/input/csv/csvDelimiter';
import { CsvScanner } from '../../src/core/input/csv/csvScanner';
import { fieldsOf, textOf } from '../../src/core/model/execution';

interface Scanned {
  rows: { cells: string[]; line: number; malformed: boolean }[];
  unterminated: { cells: string[]; line: number } | null;
}

function scan(chunks: readonly string[], delimiter: string): Scanned {
  const out: Scanned = { rows: [], unterminated: null };
  const scanner = new CsvScanner(delimiter, {
    row: (cells, count, line, malformed) => void out.rows.push({ cells: cells.slice(0, count), line, malformed }),
    unterminated: (cells, count, line) => void (out.unterminated = { cells: cells.slice(0, count), line }),
  });
  for (const c of chunks) scanner.text(c);
  scanner.end();
  return out;
}

/** text cut at the given places (any place: inside quotes, between CR and LF, inside a surrogate pair is not one, as chunks are decoded text). */
function cutAt(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    out.push(text.slice(from, c));
    from = c;
  }
  out.push(text.slice(from));
  return out;
}

/** papaparse's rows, less the empty row it gives after a final line break (the scanner gives none). */
function papaRows(text: string, delimiter: string, newline: string): { data: string[][]; errors: Papa.ParseError[] } {
  const r = Papa.parse<string[]>(text, { delimiter, newline: newline as '\n' });
  const data = r.data;
  const last = data[data.length - 1];
  if (text.endsWith(newline) && last && last.length === 1 && last[0] === '') data.pop();
  return { data, errors: r.errors };
}

const DELIMITERS = [',', '\t', ';', '|'];
const NEWLINES = ['\n', '\r\n', '\r'];
const cellText = fc
  .array(fc.constantFrom('a', 'Z', '1', ' ', '"', ',', ';', '\t', '|', '\n', '\r\n', '\r', 'é', '日本', '😀', '=', 'x y'), { maxLength: 5 })
  .map((parts) => parts.join(''));

/** A cell written as RFC 4180 says: quoted when it must be, and sometimes when it need not. */
function encode(cell: string, delimiter: string, quote: boolean): string {
  const must = /["\r\n]/.test(cell) || cell.includes(delimiter);
  return must || quote ? `"${cell.replace(/"/g, '""')}"` : cell;
}

const wellFormed = fc
  .record({
    delimiter: fc.constantFrom(...DELIMITERS),
    newline: fc.constantFrom(...NEWLINES),
    rows: fc.array(fc.array(fc.tuple(cellText, fc.boolean()), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
    trailing: fc.boolean(),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
  })
  .map(({ delimiter, newline, rows, trailing, cuts }) => {
    const lines = rows.map((r) => r.map(([c, q]) => encode(c, delimiter, q)).join(delimiter));
    const text = lines.join(newline) + (trailing ? newline : '');
    // Each row's first line: 1 + the line breaks before it.
    const starts: number[] = [];
    let at = 0;
    for (const l of lines) {
      starts.push(1 + (text.slice(0, at).match(/\r\n|\r|\n/g)?.length ?? 0));
      at += l.length + newline.length;
    }
    // An empty last line with no line break after it is no row: the text just ends with a line break.
    const cells = rows.map((r) => r.map(([c]) => c));
    if (!trailing && lines[lines.length - 1] === '') cells.pop();
    return { delimiter, newline, cells, text, starts, cuts };
  });

describe('CsvScanner', () => {
  it('reads well-formed CSV as papaparse does and as it was written, in any chunks, with each row on its first line', () => {
    fc.assert(
      fc.property(wellFormed, ({ delimiter, newline, cells, text, starts, cuts }) => {
        const got = scan(cutAt(text, cuts), delimiter);
        expect(got.unterminated).toBeNull();
        const papa = papaRows(text, delimiter, newline);
        expect(papa.errors).toEqual([]);
        expect(got.rows.map((r) => r.cells)).toEqual(papa.data);
        expect(got.rows.map((r) => r.cells)).toEqual(cells);
        expect(got.rows.map((r) => r.line)).toEqual(starts.slice(0, cells.length));
        expect(got.rows.every((r) => !r.malformed)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads any text of quotes, spaces, delimiters and line feeds as papaparse does', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\t', ',', '"', '\n'), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), (t, cuts) => {
        const got = scan(cutAt(t, cuts), ',');
        const papa = papaRows(t, ',', '\n');
        const missing = papa.errors.some((e) => e.code === 'MissingQuotes');
        expect(got.unterminated !== null).toBe(missing);
        if (got.unterminated) {
          // papaparse gives the open field raw; its cells before it are the same.
          const open = papa.data.pop()!;
          expect(got.unterminated.cells.length).toBe(open.length);
          expect(got.unterminated.cells.slice(0, -1)).toEqual(open.slice(0, -1));
        }
        expect(got.rows.map((r) => r.cells)).toEqual(papa.data);
        const invalid = new Set(papa.errors.filter((e) => e.code === 'InvalidQuotes').map((e) => e.row));
        got.rows.forEach((r, i) => expect(r.malformed, `row ${i}`).toBe(invalid.has(i)));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same rows and lines in any chunks, CR, LF and CRLF anywhere', () => {
    const text = fc.array(fc.constantFrom('a', ' ', ',', '"', '""', '\n', '\r', '\r\n', '日'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => {
        expect(scan(cutAt(t, cuts), ',')).toEqual(scan([t], ','));
        // One character at a time too.
        expect(scan([...t], ',')).toEqual(scan([t], ','));
      }),
      { numRuns: 800 },
    );
  });

  it('guesses the delimiter papaparse guessed from the first rows', () => {
    fc.assert(
      fc.property(wellFormed, ({ newline, text }) => {
        if (newline !== '\n' || text.endsWith('\n') || text.includes('\r')) return;
        const papa = Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, preview: 10 });
        const undetected = papa.errors.some((e) => e.code === 'UndetectableDelimiter');
        expect(guessCsvDelimiter(text)).toBe(undetected ? null : papa.meta.delimiter);
      }),
      { numRuns: 400 },
    );
  });
});

describe('CSV analysis over the scanner', () => {
  const enc = new TextEncoder();
  const SERVICES = ['api', 'db', ' web '];
  const row = fc.record({
    second: fc.integer({ min: 0, max: 59 }),
    service: fc.constantFrom(...SERVICES),
    message: fc.array(fc.constantFrom('a', 'b c', ',', '"', '\n', '\r\n', 'é', '😀', ';', '|'), { minLength: 1, maxLength: 5 }).map((p) => p.join('')),
    level: fc.constantFrom('', 'info', 'warn'),
    quote: fc.boolean(),
  });

  it('makes one event per row with the cells papaparse reads: time, process, text, fields and line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), async (rows, d, nl) => {
        const lines = ['time', 'service', 'message', 'level'].join(d);
        // Rows in time order, as a log writes them (rows out of order are a warning of their own: backwardSteps.ts).
        rows.sort((p, q) => p.second - q.second);
        const body = rows.map((r) =>
          [`2026-03-14T09:26:${String(r.second).padStart(2, '0')}Z`, r.service, encode(r.message, d, r.quote), r.level].join(d),
        );
        const text = [lines, ...body].join(nl) + nl;
        const a = await analyze([{ name: 'e.csv', bytes: enc.encode(text) }]);
        const papa = papaRows(text, d, nl).data.slice(1);
        // Each row starts on the line after the previous row's line breaks.
        let line = 2;
        const want = papa.map((cells) => {
          const e = { process: cells[1]!.trim(), text: cells[2]!, fields: cells[3] ? { level: cells[3] } : {}, line, time: cells[0] };
          line += 1 + (cells[2]!.match(/\r\n|\r|\n/g)?.length ?? 0);
          return e;
        });
        const x = a.executions[0]!.execution;
        const got = Array.from({ length: x.eventCount }, (_, e) => ({
          process: x.processNames[x.eventProc[e]!]!,
          text: textOf(x, e),
          fields: fieldsOf(x, e),
          line: x.eventLine[e]!,
          time: new Date(x.timeMs[e]!).toISOString().replace('.000Z', 'Z'),
        }));
        const byLine = (p: { line: number }, q: { line: number }) => p.line - q.line;
        expect(got.sort(byLine)).toEqual(want.sort(byLine));
        expect(a.diagnostics.filter((g) => g.severity !== 'info')).toEqual([]);
        expect(a.inputs[0]!.columns?.delimiter).toBe(d);
      }),
      { numRuns: 150 },
    );
  });
});
