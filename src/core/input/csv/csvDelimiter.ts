/**
 * The delimiter of a CSV text, guessed from its first rows as papaparse
 * guessed it: each candidate splits the first 10 rows (blank ones too), and
 * the one whose field counts change least from row to row wins, ties to the
 * one with more fields per row; a candidate must give about two fields per
 * row or more. Candidates in order: comma, tab, semicolon, pipe. Unlike
 * papaparse, a line break that ends the text is not a blank row, so a short
 * file of two columns is not undetectable.
 */
import { CsvScanner } from './csvScanner';

export const CSV_DELIMITERS: readonly string[] = [',', '\t', ';', '|'];

/** Rows the guess reads. */
const PREVIEW_ROWS = 10;
/** Most texts have their first rows in this many characters: the scan stays there when they do. */
const PREFIX = 1 << 16;

/** The guessed delimiter, or null when no candidate splits the rows. */
export function guessCsvDelimiter(text: string): string | null {
  let best: string | null = null;
  let bestDelta = 0;
  let bestAverage = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const counts = firstCsvRows(text, delimiter, PREVIEW_ROWS).map((r) => r.length);
    let delta = 0;
    let sum = 0;
    for (let i = 0; i < counts.length; i++) {
      sum += counts[i]!;
      if (i > 0) delta += Math.abs(counts[i]! - counts[i - 1]!);
    }
    const average = counts.length > 0 ? sum / counts.length : 0;
    if (average > 1.99 && (best === null || delta < bestDelta || (delta === bestDelta && average > bestAverage))) {
      best = delimiter;
      bestDelta = delta;
      bestAverage = average;
    }
  }
  return best;
}

/** The first `max` rows of text, blank ones and one left open by a quote included. */
export function firstCsvRows(text: string, delimiter: string, max: number): string[][] {
  const prefix = text.length > PREFIX ? text.slice(0, PREFIX) : text;
  const rows = rowsOf(prefix, delimiter, max);
  return rows.done || prefix.length === text.length ? rows.rows : rowsOf(text, delimiter, max).rows;
}

function rowsOf(text: string, delimiter: string, max: number): { rows: string[][]; done: boolean } {
  const rows: string[][] = [];
  const take = (cells: readonly string[], count: number) => void rows.push(cells.slice(0, count));
  const scanner = new CsvScanner(delimiter, { row: take, unterminated: take }, max);
  scanner.text(text);
  const done = scanner.finished;
  scanner.end();
  return { rows, done };
}
