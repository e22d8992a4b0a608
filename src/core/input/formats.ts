/**
 * The known input formats, in detection order: the first whose detect()
 * accepts an input reads it.
 */
import type { FormatSpec } from './formatParser';

export const FORMATS: FormatSpec[] = [];

export function formatById(id: string): FormatSpec | undefined {
  return FORMATS.find((f) => f.id === id);
}
