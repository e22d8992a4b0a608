/**
 * The 'text' format: plain-text logs, detected last. It accepts any input
 * with some non-blank text, since a log without timestamps can still be read
 * in logical order (the parser says so in a diagnostic).
 */
import type { FormatSpec } from '../formatParser';
import { TextLogParser } from './textLogParser';

export const textLogFormat: FormatSpec = {
  id: 'text',
  label: 'Plain-text log',
  detect: (_name, head) => /\S/.test(head),
  create: () => new TextLogParser(),
};
