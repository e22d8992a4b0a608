/**
 * Jaeger JSON traces, as the Jaeger UI downloads them and its query API
 * returns them: `{"data": [{"traceID", "spans": [...], "processes": {...}}]}`
 * (a bare trace object or an array of traces is accepted too). Times are unix
 * microseconds, an end is start + duration. The parent is the span's
 * CHILD_OF reference (else FOLLOWS_FROM, else the old `parentSpanID`); the
 * process is the span's process `serviceName`, its clock domain the
 * process's `hostname` (else `ip`) tag. Spans go to SpanCollector, which
 * places them and adds parent → child edges; executions as for OTLP (see
 * otlpFormat.ts).
 */
import type { FormatParser, FormatSpec, ParseContext } from '../formatParser';
import { processNameOfInput } from '../fieldConventions';
import { SpanCollector, type Span, type SpanLog } from './spanEvents';
import { arr, microsTime, obj, spanIdLines, str, valueText, type Json } from './traceJson';

export const jaegerFormat: FormatSpec = {
  id: 'jaeger',
  label: 'Jaeger JSON traces',
  detect: (_name, head) =>
    /^\s*[[{]/.test(head.replace(/^\ufeff/, '')) && /"spans"\s*:/.test(head) && /"(traceID|spanID|processes)"\s*:/.test(head),
  create: () => new JaegerParser(),
};

interface JaegerProcess {
  service: string;
  host?: string;
}

class JaegerParser implements FormatParser {
  private readonly spans = new SpanCollector();

  parse(input: string, rawText: string, ctx: ParseContext): void {
    const text = rawText.replace(/^\ufeff/, '');
    const d = ctx.diagnostics;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      d.skip(input, 0, `Jaeger JSON: not valid JSON: ${err instanceof Error ? err.message.slice(0, 100) : String(err)}`);
      return;
    }
    const root = obj(doc);
    const traces = Array.isArray(doc) ? doc : root && Array.isArray(root['data']) ? root['data'] : root ? [root] : [];
    const lines = spanIdLines(text);
    let count = 0;
    for (const traceRaw of traces) {
      const trace = obj(traceRaw);
      if (!trace) continue;
      const processes = new Map<string, JaegerProcess>();
      for (const [id, p] of Object.entries(obj(trace['processes']) ?? {})) processes.set(id, readProcess(obj(p), input));
      for (const spanRaw of arr(trace['spans'])) {
        const span = readSpan(input, obj(spanRaw), str(trace['traceID']), processes, lines, ctx);
        if (span) {
          this.spans.add(span);
          count++;
        }
      }
    }
    if (count === 0) d.add(input, 0, 'warning', 'Jaeger JSON: no spans found (expected data[].spans[])');
  }

  finish(ctx: ParseContext): void {
    this.spans.finish(ctx);
  }
}

function readProcess(p: Json | undefined, input: string): JaegerProcess {
  const tags = tagMap(p?.['tags']);
  const host = tags.get('hostname') || tags.get('ip') || '';
  return { service: str(p?.['serviceName']) || processNameOfInput(input), ...(host && { host }) };
}

function readSpan(
  input: string,
  s: Json | undefined,
  traceOfFile: string,
  processes: Map<string, JaegerProcess>,
  lines: Map<string, number>,
  ctx: ParseContext,
): Span | null {
  if (!s) return null;
  const spanId = str(s['spanID']);
  const line = lines.get(spanId) ?? 0;
  const traceId = str(s['traceID']) || traceOfFile;
  const start = microsTime(s['startTime']);
  const end = microsTime(s['startTime'], s['duration'] as number);
  if (!spanId || !traceId || !start || !end) {
    ctx.diagnostics.skip(input, line, `Jaeger span ${spanId || '(no spanID)'} lacks a traceID, spanID or startTime; not read`);
    return null;
  }
  const process = processes.get(str(s['processID'])) ?? readProcess(obj(s['process']), input);
  let parentId = '';
  for (const refType of ['CHILD_OF', 'FOLLOWS_FROM']) {
    const ref = arr(s['references']).map(obj).find((r) => r && str(r['refType']) === refType && (!r['traceID'] || str(r['traceID']) === traceId));
    if (ref) {
      parentId = str(ref['spanID']);
      break;
    }
  }
  parentId ||= str(s['parentSpanID']);
  if (parentId === spanId || /^0+$/.test(parentId)) parentId = '';
  const fields: [string, string][] = [];
  const tags = tagMap(s['tags']);
  const kind = tags.get('span.kind');
  if (kind) {
    fields.push(['spanKind', kind]);
    tags.delete('span.kind');
  }
  fields.push(...tags);
  const logs: SpanLog[] = [];
  for (const logRaw of arr(s['logs'])) {
    const log = obj(logRaw);
    const time = log && microsTime(log['timestamp']);
    if (!log || !time) continue;
    const lf = tagMap(log['fields']);
    const name = lf.get('event') || lf.get('message') || 'log';
    logs.push({ time, name, fields: [...lf] });
  }
  return {
    traceId,
    spanId,
    parentId,
    name: str(s['operationName']) || '(unnamed span)',
    service: process.service,
    ...(process.host && { host: process.host }),
    start,
    end,
    fields,
    logs,
    input,
    line,
  };
}

/** Jaeger `[{key, type, value}]` → key → text. */
function tagMap(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of arr(list)) {
    const t = obj(raw);
    const key = t && str(t['key']);
    if (t && key) out.set(key, valueText(t['value'] ?? ''));
  }
  return out;
}
