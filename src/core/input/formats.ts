/**
 * The known input formats, in detection order: the first whose detect()
 * accepts an input reads it.
 */
import type { FormatSpec } from './formatParser';
import { jsonLinesFormat } from './jsonLines/jsonLinesFormat';
import { shivizFormat } from './shiviz/shivizFormat';
import { rulesFormat } from '../rules/rulesFormat';

// User rules come first: when a rule's pattern fits an input, the user has said how to read it.
export const FORMATS: FormatSpec[] = [rulesFormat, shivizFormat, jsonLinesFormat];

export function formatById(id: string): FormatSpec | undefined {
  return FORMATS.find((f) => f.id === id);
}
