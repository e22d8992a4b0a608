/**
 * OpenTelemetry OTLP JSON traces: `{"resourceSpans": [{"resource":
 * {"attributes": [...]}, "scopeSpans": [{"spans": [...]}]}]}`, as one
 * document or as JSON lines of such documents (the collector's file
 * exporter). Span ids are hex strings and times unix nanoseconds as decimal
 * strings, kept to the nanosecond. The process is the resource's
 * `service.name` (else the file name), its clock domain `host.name`. Spans go
 * to SpanCollector, which places them and adds parent → child edges.
 *
 * Executions: a trace file's spans go to the input's execution (executionFor:
 * the default one unless the user maps it), not one execution per trace or
 * per file, so spans and the same services' logs line up on shared lanes;
 * several runs are kept apart with the executionOf option.
 */
import type { FormatParser, FormatSpec, ParseContext } from '../formatParser';
import { processNameOfInput } from '../fieldConventions';
import { SpanCollector, type Span, type SpanLog } from './spanEvents';
import { arr, nanosTime, obj, spanIdLines, str, valueText, type Json } from './traceJson';

const KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

export const otlpFormat: FormatSpec = {
  id: 'otlp',
  label: 'OpenTelemetry OTLP JSON traces',
  detect: (_name, head) => /^\s*\{/.test(head.replace(/^\ufeff/, '')) && /"resourceSpans"\s*:/.test(head),
  create: () => new OtlpParser(),
};

class OtlpParser implements FormatParser {
  private readonly spans = new SpanCollector();

  parse(input: string, rawText: string, ctx: ParseContext): void {
    const text = rawText.replace(/^\ufeff/, '');
    const d = ctx.diagnostics;
    const lines = spanIdLines(text);
    const docs: Json[] = [];
    try {
      const whole = obj(JSON.parse(text));
      if (whole) docs.push(whole);
      else d.skip(input, 0, 'OTLP JSON: the document is not a JSON object');
    } catch {
      // The collector's file exporter writes one document per line.
      let pos = 0;
      for (let lineNo = 1; pos < text.length; lineNo++) {
        let end = text.indexOf('\n', pos);
        if (end < 0) end = text.length;
        const line = text.slice(pos, end).trim();
        pos = end + 1;
        if (line === '') continue;
        try {
          const doc = obj(JSON.parse(line));
          if (doc) docs.push(doc);
          else d.skip(input, lineNo, 'OTLP JSON: line is not a JSON object');
        } catch (err) {
          d.skip(input, lineNo, `OTLP JSON: line is not valid JSON: ${err instanceof Error ? err.message.slice(0, 100) : String(err)}`);
        }
      }
    }
    let count = 0;
    for (const doc of docs) count += this.readDocument(input, doc, lines, ctx);
    if (count === 0) d.add(input, 0, 'warning', 'OTLP JSON: no spans found (expected resourceSpans[].scopeSpans[].spans[])');
  }

  finish(ctx: ParseContext): void {
    this.spans.finish(ctx);
  }

  private readDocument(input: string, doc: Json, lines: Map<string, number>, ctx: ParseContext): number {
    let count = 0;
    for (const rsRaw of arr(doc['resourceSpans'])) {
      const rs = obj(rsRaw);
      if (!rs) continue;
      const resource = attributes(obj(rs['resource'])?.['attributes']);
      const service = resource.get('service.name') || processNameOfInput(input);
      const host = resource.get('host.name') || undefined;
      // instrumentationLibrarySpans is the pre-1.0 name of scopeSpans.
      for (const ssRaw of [...arr(rs['scopeSpans']), ...arr(rs['instrumentationLibrarySpans'])]) {
        const ss = obj(ssRaw);
        if (!ss) continue;
        for (const spanRaw of arr(ss['spans'])) {
          const span = this.readSpan(input, obj(spanRaw), service, host, lines, ctx);
          if (span) {
            this.spans.add(span);
            count++;
          }
        }
      }
    }
    return count;
  }

  private readSpan(input: string, s: Json | undefined, service: string, host: string | undefined, lines: Map<string, number>, ctx: ParseContext): Span | null {
    if (!s) return null;
    const spanId = str(s['spanId']);
    const line = lines.get(spanId) ?? 0;
    const traceId = str(s['traceId']);
    const start = nanosTime(s['startTimeUnixNano']);
    const end = nanosTime(s['endTimeUnixNano']) ?? start;
    if (!spanId || !traceId || !start || !end) {
      ctx.diagnostics.skip(input, line, `OTLP span ${spanId || '(no spanId)'} lacks a traceId, spanId or start time; not read`);
      return null;
    }
    const fields: [string, string][] = [];
    const kind = s['kind'];
    const kindName = typeof kind === 'number' ? KIND_NAMES[kind] : typeof kind === 'string' ? kind.replace(/^SPAN_KIND_/, '').toLowerCase() : undefined;
    if (kindName) fields.push(['spanKind', kindName]);
    for (const [k, v] of attributes(s['attributes'])) fields.push([k, v]);
    const status = obj(s['status']);
    if (status && (status['code'] !== undefined || status['message'])) {
      fields.push(['status', [valueText(status['code'] ?? ''), str(status['message'])].filter(Boolean).join(' ')]);
    }
    const logs: SpanLog[] = [];
    for (const evRaw of arr(s['events'])) {
      const ev = obj(evRaw);
      const time = ev && nanosTime(ev['timeUnixNano']);
      if (!ev || !time) continue;
      logs.push({ time, name: str(ev['name']) || 'event', fields: [...attributes(ev['attributes'])] });
    }
    return { traceId, spanId, parentId: str(s['parentSpanId']), name: str(s['name']) || '(unnamed span)', service, ...(host && { host }), start, end, fields, logs, input, line };
  }
}

/** OTLP KeyValue list → key → text. */
function attributes(list: unknown, depth = 0): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of arr(list)) {
    const kv = obj(raw);
    const key = kv && str(kv['key']);
    if (!kv || !key) continue;
    out.set(key, anyValueText(kv['value'], depth));
  }
  return out;
}

function anyValueText(v: unknown, depth = 0): string {
  const o = obj(v);
  if (!o || depth > 32) return valueText(v ?? '');
  for (const k of ['stringValue', 'intValue', 'doubleValue', 'boolValue', 'bytesValue']) if (k in o) return valueText(o[k]);
  if ('arrayValue' in o) return valueText(arr(obj(o['arrayValue'])?.['values']).map((x) => anyValueText(x, depth + 1)));
  if ('kvlistValue' in o) return valueText(Object.fromEntries(attributes(obj(o['kvlistValue'])?.['values'], depth + 1)));
  return valueText(o);
}
