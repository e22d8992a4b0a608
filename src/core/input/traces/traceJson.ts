/**
 * Small readers shared by the trace formats: typed views of untrusted parsed
 * JSON (a wrong type reads as absent, never throws), attribute values as
 * field text, epoch times in nanoseconds and microseconds, and the line of
 * each span id in the raw text, so events can name where they came from.
 */
import { wallTimeFromEpochNanos, type WallTime } from '../../model/eventTime';

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

/** Any JSON value as field text; nesting as compact JSON (or a note when too deep to print). */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '(value nested too deeply to show)';
  }
}

/** Unix nanoseconds, as OTLP writes them (a decimal string, or a number that may have lost digits). */
export function nanosTime(v: unknown): WallTime | null {
  let text = '';
  if (typeof v === 'string') text = v.trim();
  else if (typeof v === 'number' && Number.isFinite(v) && v >= 0) text = v.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  if (text === '' || /^0+$/.test(text)) return null;
  return wallTimeFromEpochNanos(text);
}

/** Unix microseconds (Jaeger), plus an optional duration in µs. */
export function microsTime(v: unknown, plusMicros = 0): WallTime | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return null;
  const d = typeof plusMicros === 'number' && Number.isFinite(plusMicros) && plusMicros > 0 ? plusMicros : 0;
  const us = Math.round(v + d);
  if (!Number.isSafeInteger(us)) return null;
  return { ms: Math.floor(us / 1000), ns: (us % 1000) * 1000, digits: 6 };
}

/**
 * Line of each span's own id: the first `"spanId": "<id>"` (any case of
 * `Id`) that is not inside a reference object (Jaeger's `references` repeat
 * the key). One regex pass with incremental line counting.
 */
export function spanIdLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const re = /"span[Ii][Dd]"\s*:\s*"([^"\\]{1,128})"/g;
  let line = 1;
  let counted = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    if (lines.has(m[1]!)) continue;
    const open = text.lastIndexOf('{', m.index);
    if (open >= 0 && text.slice(open, m.index).includes('"refType"')) continue;
    lines.set(m[1]!, line);
  }
  return lines;
}
