/**
 * Zones written after a time: `Z`, `[ ]±hh[[:]mm]`, ` UTC`/` GMT`, and the
 * few abbreviations whose offset is not ambiguous (journalctl's short-full
 * writes the local one: `Sat 2026-03-14 09:26:53 CET`). An abbreviation
 * that names two zones (IST, BST...) is left unread: the time is then one
 * without a zone, which a zone the user sets can place.
 */
import { digitsAt } from '../wallTimeOf';

/** The index after an optional numeric or UTC zone at `at` (`at` when there is none). */
export function zoneEnd(s: string, at: number): number {
  const c = s[at];
  if (c === 'Z' || c === 'z') return at + 1;
  const i = c === ' ' ? at + 1 : at;
  const sign = s[i];
  if ((sign === '+' || sign === '-') && digitsAt(s, i + 1, 2) >= 0) {
    if (s[i + 3] === ':' && digitsAt(s, i + 4, 2) >= 0) return i + 6;
    if (digitsAt(s, i + 3, 2) >= 0 && digitsAt(s, i + 5, 1) < 0) return i + 5;
    return digitsAt(s, i + 3, 1) < 0 ? i + 3 : at;
  }
  if (c === ' ' && (s.startsWith('UTC', i) || s.startsWith('GMT', i)) && !isWordChar(s.charCodeAt(i + 3))) return i + 3;
  return at;
}

/** A numeric zone `±hh[[:]mm]` at s[at, end) in minutes east of UTC, or null. */
export function offsetMinutesAt(s: string, at: number, end: number): number | null {
  const sign = s[at];
  if (sign !== '+' && sign !== '-') return null;
  const h = digitsAt(s, at + 1, 2);
  let i = at + 3;
  if (s[i] === ':') i++;
  const m = i < end ? digitsAt(s, i, 2) : 0;
  if (h < 0 || h > 23 || m < 0 || m > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480,
  HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, ACDT: 630, AWST: 480, NZST: 720, NZDT: 780,
};

/** A zone abbreviation at s[at] (letters up to a non-letter): its offset in minutes and end, or null when unknown. */
export function abbreviationAt(s: string, at: number): { offset: number; end: number } | null {
  let i = at;
  while (i < s.length && i - at < 5 && isUpper(s.charCodeAt(i))) i++;
  if (i === at || isWordChar(s.charCodeAt(i))) return null;
  const offset = ABBREVIATIONS[s.slice(at, i)];
  return offset === undefined ? null : { offset, end: i };
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
