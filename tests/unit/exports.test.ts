import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis, type ExecutionResult } from '../../src/core/analysis/analyze';
import type { InputData } from '../../src/core/read/analyzeInput';
import { findClockSkew } from '../../src/core/anomalies/clockSkew';
import { computeClocks } from '../../src/core/clocks/clockEngine';
import { buildAnalysisDocument, serializeAnalysisDocument, type DocEvent } from '../../src/core/document/analysisDocument';
import { CSV_HEADER, neutraliseCell } from '../../src/core/export/exportCsv';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import type { NdjsonEvent } from '../../src/core/export/exportNdjson';
import { SHIVIZ_EXPORT_DELIMITER, SHIVIZ_EXPORT_REGEX, shivizHostName, shivizOneLine } from '../../src/core/export/exportShiviz';
import { formatIso } from '../../src/core/model/eventTime';
import { hasTime, seqOf, textOf } from '../../src/core/model/execution';
import { expectSameHappenedBefore } from './exportAssertions';
import { ExecutionBuilder, type EventInit } from '../../src/core/model/executionBuilder';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';

const enc = new TextEncoder();
const t = (iso: string, digits = 3) => ({ ms: Date.parse(iso), ns: 0, digits });

function resultOf(b: ExecutionBuilder): ExecutionResult {
  const x = b.build();
  const clocks = computeClocks(x);
  return { execution: x, clocks, offsets: estimateOffsets(x, 0, clocks.edgeIgnored), anomalies: findClockSkew(x, clocks.edgeIgnored) };
}

function analysisOf(...builders: ExecutionBuilder[]): Analysis {
  return { inputs: [], diagnostics: [], executions: builders.map(resultOf).sort((a, b) => (a.execution.name < b.execution.name ? -1 : 1)) };
}

/** client (host-a) sends at 10.000; server (host-b) stamps the receive at 09.950: its clock is behind. */
function skewedRpc(name = 'default'): ExecutionBuilder {
  const b = new ExecutionBuilder(name);
  const client = b.process('client', 'host-a');
  const server = b.process('server', 'host-b');
  const c1 = b.addEvent(client, { text: 'send req 1', input: 'client.log', line: 1, time: t('2026-03-14T09:00:10.000Z') });
  const s1 = b.addEvent(server, { text: 'got req 1', input: 'server.log', line: 1, time: t('2026-03-14T09:00:09.950Z'), fields: { req: '1' } });
  const s2 = b.addEvent(server, { text: 'reply 1', input: 'server.log', line: 2, time: t('2026-03-14T09:00:09.960Z') });
  const c2 = b.addEvent(client, { text: 'got reply 1', input: 'client.log', line: 2, time: t('2026-03-14T09:00:10.030Z') });
  b.addEvent(client, { text: 'idle\nsecond line', input: 'client.log', line: 3 });
  b.addEdge(c1, s1, 'message-id', 'req=1');
  b.addEdge(s2, c2, 'message-id', 'req=1');
  return b;
}

/** No times at all: the Chrome trace must fall back on Lamport order. */
function untimedChain(): ExecutionBuilder {
  const b = new ExecutionBuilder('untimed');
  const p = b.process('p');
  const q = b.process('q');
  const r = b.process('r');
  const e = (proc: number, text: string, line: number): number => b.addEvent(proc, { text, input: 'u.log', line } satisfies EventInit);
  const p1 = e(p, 'p1', 1);
  const q1 = e(q, 'q1', 2);
  const q2 = e(q, 'q2', 3);
  const r1 = e(r, 'r1', 4);
  e(p, 'p2', 5);
  b.addEdge(p1, q2, 'message-id', 'a');
  b.addEdge(q2, r1, 'message-id', 'b');
  void q1;
  return b;
}

/** Log text and names written to be hostile to every format. */
function hostile(): ExecutionBuilder {
  const b = new ExecutionBuilder('hostile');
  const a = b.process('=cmd|calc', '@evil host');
  const c = b.process('web 1', '+dom');
  const texts = ['=1+1', '+SUM(A1)', '-2+3', '@import', '\tTAB', '\rCR', '=HYPERLINK("x")\nsecond line', ' =spaced', 'plain, "quoted"', 'back\\slash \u2028 sep'];
  const ids: number[] = [];
  texts.forEach((text, i) => ids.push(b.addEvent(i % 2 ? c : a, { text, input: 'h.log', line: i + 1, time: t(`2026-03-14T09:00:${String(10 + i).padStart(2, '0')}.000Z`) })));
  b.addEdge(ids[0]!, ids[1]!, 'message-id', '-key');
  return b;
}

/** Lines of one process per file, with msg_id/dir fields: what analyze() reads as 'jsonl'. */
function jsonlInputs(): InputData[] {
  const line = (o: object) => JSON.stringify(o);
  const files: Record<string, string[]> = {
    'api.jsonl': [
      line({ ts: '2026-03-14T09:00:00.100Z', msg: 'request in' }),
      line({ ts: '2026-03-14T09:00:00.110Z', msg: 'call db', msg_id: 'm1', dir: 'send' }),
      line({ ts: '2026-03-14T09:00:00.180Z', msg: 'db answered', msg_id: 'm2', dir: 'recv' }),
    ],
    'db.jsonl': [
      line({ ts: '2026-03-14T09:00:00.050Z', msg: 'query', msg_id: 'm1', dir: 'recv' }),
      line({ ts: '2026-03-14T09:00:00.060Z', msg: 'rows', msg_id: 'm2', dir: 'send' }),
      line({ msg: '=cleanup' }),
    ],
    'cache.jsonl': [line({ ts: '2026-03-14T09:00:00.120Z', msg: 'miss' })],
  };
  return Object.entries(files).map(([name, lines]) => ({ name, bytes: enc.encode(lines.join('\n') + '\n') }));
}

function events(a: Analysis, i = 0): DocEvent[] {
  return [...buildAnalysisDocument(a).executions[i]!.events];
}

interface TraceEvent {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  id?: string;
  bind_id?: string;
  bp?: string;
  args?: Record<string, unknown>;
}

function trace(a: Analysis): { traceEvents: TraceEvent[]; otherData: Record<string, unknown> } {
  return JSON.parse(exportText(a, 'chrome-trace'));
}

describe('every export', () => {
  it('gives byte-identical output for the same analysis, in every format', async () => {
    const built = [analysisOf(skewedRpc(), hostile(), untimedChain()), analysisOf(skewedRpc(), hostile(), untimedChain())];
    const read = [await analyze(jsonlInputs()), await analyze(jsonlInputs())];
    for (const format of EXPORT_FORMATS) {
      expect(exportText(built[0]!, format)).toBe(exportText(built[1]!, format));
      expect(exportText(read[0]!, format)).toBe(exportText(read[1]!, format));
    }
  });

  it('gives byte-identical output whatever order the input files were given in', async () => {
    const inputs = jsonlInputs();
    const a = await analyze(inputs);
    const b = await analyze([...inputs].reverse());
    const c = await analyze([inputs[1]!, inputs[2]!, inputs[0]!]);
    for (const format of EXPORT_FORMATS) {
      const reference = exportText(a, format);
      expect(exportText(b, format)).toBe(reference);
      expect(exportText(c, format)).toBe(reference);
    }
  });

  it('writes the analysis document for json', () => {
    const a = analysisOf(skewedRpc());
    expect(exportText(a, 'json')).toBe(serializeAnalysisDocument(buildAnalysisDocument(a)));
  });
});

describe('the NDJSON export', () => {
  it('writes one JSON object per event, in annotated causal order, with the documented keys', () => {
    const a = analysisOf(skewedRpc());
    const text = exportText(a, 'ndjson');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    const rows: NdjsonEvent[] = lines.map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['client:1', 'server:1', 'server:2', 'client:2', 'client:3']);
    expect(Object.keys(rows[0]!)).toEqual([
      'execution', 'id', 'process', 'clockDomain', 'seq', 'source', 'time', 'correctedTime',
      'lamport', 'vc', 'kind', 'text', 'fields', 'anomalies', 'incoming',
    ]);
    const doc = events(a);
    rows.forEach((r, i) => {
      const { execution, clockDomain, anomalies, incoming, ...event } = r;
      expect(event).toEqual(doc[i]);
      expect(execution).toBe('default');
      expect(clockDomain).toBe(r.process === 'client' ? 'host-a' : 'host-b');
      void anomalies;
      void incoming;
    });
  });

  it('lists the incoming message edges and the anomalies of each event', () => {
    const a = analysisOf(skewedRpc());
    const rows: NdjsonEvent[] = exportText(a, 'ndjson').trim().split('\n').map((l) => JSON.parse(l));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('server:1')!.incoming).toEqual([{ from: 'client:1', rule: 'message-id', key: 'req=1' }]);
    expect(byId.get('client:2')!.incoming).toEqual([{ from: 'server:2', rule: 'message-id', key: 'req=1' }]);
    expect(byId.get('client:1')!.incoming).toEqual([]);
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(a)));
    const anomalies: { id: string; kind: string; events: string[] }[] = doc.executions[0].anomalies;
    expect(anomalies.length).toBeGreaterThan(0);
    for (const r of rows) {
      const expected = anomalies.filter((an) => an.events.includes(r.id)).map((an) => ({ id: an.id, kind: an.kind }));
      expect(r.anomalies).toEqual(expected);
    }
  });

  it('keeps an event with line breaks and line separators in its text on one line', () => {
    const b = new ExecutionBuilder('default');
    const p = b.process('p');
    b.addEvent(p, { text: 'a\nb\r\nc\u2028d\u2029e', input: 'x', line: 1 });
    b.addEvent(p, { text: 'next', input: 'x', line: 2 });
    const text = exportText(analysisOf(b), 'ndjson');
    const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!).text).toBe('a\nb\r\nc\u2028d\u2029e');
  });

  it('names the execution of every event when there are several', () => {
    const rows: NdjsonEvent[] = exportText(analysisOf(skewedRpc('run-1'), untimedChain()), 'ndjson').trim().split('\n').map((l) => JSON.parse(l));
    expect(new Set(rows.map((r) => r.execution))).toEqual(new Set(['run-1', 'untimed']));
    expect(rows.findIndex((r) => r.execution === 'untimed')).toBe(5);
  });
});

describe('the CSV export', () => {
  const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

  it('has the documented columns and one row per event in causal order', () => {
    const a = analysisOf(skewedRpc());
    const rows = parse(exportText(a, 'csv'));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual([
      'default', 'client', 'host-a', '2026-03-14T09:00:10.000Z', rows[1]![4], '1', '{"client":1}', 'send', rows[1]![8], 'send req 1',
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['client', 'server', 'server', 'client', 'client']);
    const last = rows[5]!;
    expect(last[3]).toBe('');
    expect(last[4]).toBe('');
    expect(last[9]).toBe('idle\nsecond line');
  });

  it('parses back to exactly the rows it was made from', () => {
    for (const a of [analysisOf(skewedRpc(), hostile(), untimedChain())]) {
      const doc = buildAnalysisDocument(a);
      const expected: string[][] = [[...CSV_HEADER]];
      for (const x of doc.executions) {
        const anomaliesOf = (id: string) => x.anomalies.filter((an) => an.events.includes(id)).map((an) => an.id).join(' ');
        for (const ev of x.events) {
          const domain = x.processes.find((p) => p.name === ev.process)!.clockDomain;
          expected.push(
            [x.name, ev.process, domain, ev.time ?? '', ev.correctedTime ?? '', String(ev.lamport), JSON.stringify(ev.vc), ev.kind, anomaliesOf(ev.id), ev.text].map(
              neutraliseCell,
            ),
          );
        }
      }
      expect(parse(exportText(a, 'csv'))).toEqual(expected);
    }
  });

  it('neutralises every cell that begins with = + - @ tab or carriage return, and only those', () => {
    const a = analysisOf(hostile());
    const rows = parse(exportText(a, 'csv'));
    const originals = events(a);
    let neutralised = 0;
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    rows.slice(1).forEach((row, i) => {
      const ev = originals[i]!;
      const raw = [ev.process, ev.text];
      const cells = [row[1]!, row[9]!];
      raw.forEach((value, k) => {
        if (/^[=+\-@\t\r]/.test(value)) {
          expect(cells[k]).toBe(`'${value}`);
          neutralised++;
        } else expect(cells[k]).toBe(value);
      });
    });
    // The multi-line formula papaparse's own escapeFormulae lets through, and the domain column.
    expect(rows.some((r) => r[9] === `'=HYPERLINK("x")\nsecond line`)).toBe(true);
    expect(rows.some((r) => r[2] === "'@evil host")).toBe(true);
    expect(rows.some((r) => r[2] === "'+dom")).toBe(true);
    expect(neutralised).toBeGreaterThanOrEqual(10);
  });

  it('stays one well-formed CSV across chunk boundaries', () => {
    const b = new ExecutionBuilder('default');
    const p = b.process('p');
    for (let i = 0; i < 2500; i++) b.addEvent(p, { text: i % 3 ? `line, ${i}` : `=${i}\n"x"`, input: 'x', line: i + 1 });
    const a = analysisOf(b);
    const rows = parse(exportText(a, 'csv'));
    expect(rows).toHaveLength(2501);
    expect(rows[2500]![9]).toBe(`'=2499\n"x"`);
    expect(rows[2499]![9]).toBe('line, 2498');
    expect(rows[1]![9]).toBe(`'=0\n"x"`);
  });
});

describe('the ShiViz export', () => {
  it('starts with the regex and an empty delimiter, then a GoVector record per event with its anomaly ids', () => {
    const text = exportText(analysisOf(skewedRpc()), 'shiviz');
    const lines = text.split('\n');
    expect(lines[0]).toBe(SHIVIZ_EXPORT_REGEX);
    expect(lines[1]).toBe('');
    // The skewed request is clock-skew-1 in the analysis document; both its ends carry the id.
    expect(lines.slice(2, 6)).toEqual([
      'client {"client":1} clock-skew-1',
      '2026-03-14T09:00:10.000Z send req 1',
      'server {"client":1,"server":1} clock-skew-1',
      '2026-03-14T09:00:09.950Z got req 1',
    ]);
    expect(lines.slice(-3)).toEqual(['client {"client":3,"server":2}', '- idle\\nsecond line', '']);
    const clockSkew = JSON.parse(exportText(analysisOf(skewedRpc()), 'json')).executions[0].anomalies[0];
    expect(clockSkew.id).toBe('clock-skew-1');
  });

  it('writes a delimiter line and one section per execution when there are several', () => {
    const text = exportText(analysisOf(skewedRpc('run 1'), untimedChain()), 'shiviz');
    const lines = text.split('\n');
    expect(lines[1]).toBe(SHIVIZ_EXPORT_DELIMITER);
    expect(lines.filter((l) => l.startsWith('=== '))).toEqual(['=== run 1 ===', '=== untimed ===']);
    const delimiter = new RegExp(SHIVIZ_EXPORT_DELIMITER);
    expect(lines.slice(2).filter((l) => delimiter.test(l))).toHaveLength(2);
  });

  it('escapes whitespace, controls and % in host names one-to-one, and flattens text to one line', () => {
    expect(shivizHostName('web 1')).toBe('web%201');
    expect(shivizHostName('50%')).toBe('50%25');
    expect(shivizHostName('a\tb\nc\u00a0d\u2028e')).toBe('a%09b%0Ac%A0d%u2028e');
    expect(shivizHostName('a%20b')).not.toBe(shivizHostName('a b'));
    expect(shivizHostName('x\u0000y')).toBe('x%00y');
    expect(shivizOneLine('a\\n\nb\r\u2028\u0000')).toBe('a\\\\n\\nb\\r\\u2028\\u0000');
    expect(shivizOneLine('a\\nb')).not.toBe(shivizOneLine('a\nb'));
  });

  it('reads back into the same happened-before, events, times and texts, hostile names included', async () => {
    const b = new ExecutionBuilder('default');
    const names = ['web 1', 'web%201', '__proto__', '=x', 'tab\there', 'ünï'];
    const procs = names.map((n) => b.process(n));
    const handles: number[] = [];
    const texts = ['plain', 'two\nlines', 'back\\slash', 'nul\u0000byte', '=== not a delimiter ===', '', '  spaced  ', 'x {"a":1}'];
    for (let i = 0; i < 24; i++) {
      const p = procs[(i * 5) % procs.length]!;
      handles.push(b.addEvent(p, { text: texts[i % texts.length]!, input: 'in', line: i + 1, ...(i % 4 ? { time: t(`2026-03-14T09:00:${String(10 + i).padStart(2, '0')}.123Z`) } : {}) }));
    }
    for (let i = 0; i + 3 < handles.length; i += 3) b.addEdge(handles[i]!, handles[i + 3]!, 'message-id', `k${i}`);
    const original = analysisOf(b);
    const text = exportText(original, 'shiviz');
    const again = await analyze([{ name: 'export.log', bytes: enc.encode(text) }]);
    expect(again.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(again.inputs[0]!.format).toBe('shiviz');
    expectSameHappenedBefore(original, again);
    const x0 = original.executions[0]!.execution;
    const x1 = again.executions[0]!.execution;
    const key = (x: typeof x0, e: number, escape: boolean) => `${escape ? shivizHostName(x.processNames[x.eventProc[e]!]!) : x.processNames[x.eventProc[e]!]!}:${seqOf(x, e)}`;
    const back = new Map<string, number>();
    for (let e = 0; e < x1.eventCount; e++) back.set(key(x1, e, false), e);
    for (let e = 0; e < x0.eventCount; e++) {
      const f = back.get(key(x0, e, true))!;
      expect(textOf(x1, f)).toBe(shivizOneLine(textOf(x0, e)));
      expect(hasTime(x1, f)).toBe(hasTime(x0, e));
      if (hasTime(x0, e)) expect(formatIso(x1.timeMs[f]!, x1.timeNs[f]!, x1.timeDigits[f]!)).toBe(formatIso(x0.timeMs[e]!, x0.timeNs[e]!, x0.timeDigits[e]!));
    }
  });

  it('reads back several executions under their own names', async () => {
    const original = analysisOf(skewedRpc('run 1'), untimedChain());
    const again = await analyze([{ name: 'export.log', bytes: enc.encode(exportText(original, 'shiviz')) }]);
    expect(again.executions.map((r) => r.execution.name)).toEqual(['run 1', 'untimed']);
    expectSameHappenedBefore(original, again);
  });
});

describe('the Chrome trace export', () => {
  it('is JSON with one pid per clock domain and one tid per process, named by metadata', () => {
    const a = analysisOf(skewedRpc());
    const { traceEvents } = trace(a);
    const processNames = new Map(traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args!['name']]));
    const threadNames = new Map(traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args!['name']]));
    expect([...processNames.values()]).toEqual(['host-a', 'host-b']);
    expect([...threadNames.values()]).toEqual(['client', 'server']);
    const slices = traceEvents.filter((e) => e.ph === 'X');
    expect(slices).toHaveLength(5);
    const docEvents = new Map(events(a).map((ev) => [ev.id, ev]));
    for (const s of slices) {
      expect(s.dur).toBe(0);
      const ev = docEvents.get(s.args!['id'] as string)!;
      expect(threadNames.get(`${s.pid}/${s.tid}`)).toBe(ev.process);
      expect(processNames.get(s.pid)).toBe(ev.process === 'client' ? 'host-a' : 'host-b');
      expect(s.args!['time']).toBe(ev.time);
      expect(s.args!['lamport']).toBe(ev.lamport);
      expect(s.args!['vc']).toEqual(ev.vc);
    }
  });

  it('pairs every flow start with exactly one end under a unique hex bind_id, at the send and receive slices', () => {
    for (const a of [analysisOf(skewedRpc(), hostile(), untimedChain())]) {
      const { traceEvents } = trace(a);
      const starts = traceEvents.filter((e) => e.ph === 's');
      const ends = traceEvents.filter((e) => e.ph === 'f');
      const edges = a.executions.reduce((s, r) => s + r.execution.edgeCount, 0);
      expect(starts).toHaveLength(edges);
      const ids = starts.map((s) => s.bind_id!);
      expect(new Set(ids).size).toBe(ids.length);
      const slicesAt = (e: TraceEvent) => traceEvents.filter((s) => s.ph === 'X' && s.pid === e.pid && s.tid === e.tid && s.ts === e.ts);
      const edgeSet = new Set(
        buildAnalysisDocument(a).executions.flatMap((x) => x.edges.map((edge) => `${x.name}|${edge.from}->${edge.to}`)),
      );
      const executionOfPid = new Map(
        traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, String(e.args!['name']).split(' / ')[0]!]),
      );
      for (const s of starts) {
        expect(s.bind_id).toMatch(/^0x[0-9a-f]+$/);
        expect(s.id).toBe(s.bind_id);
        const matching = ends.filter((f) => f.bind_id === s.bind_id);
        expect(matching).toHaveLength(1);
        const f = matching[0]!;
        expect(f.bp).toBe('e');
        expect(f.id).toBe(s.bind_id);
        expect(s.ts!).toBeLessThanOrEqual(f.ts!);
        // The flow's ends sit on the slices of an actual edge's send and receive.
        const pairs = slicesAt(s).flatMap((from) => slicesAt(f).map((to) => `${executionOfPid.get(s.pid)}|${from.args!['id']}->${to.args!['id']}`));
        expect(pairs.some((pair) => edgeSet.has(pair))).toBe(true);
      }
      expect(ends).toHaveLength(starts.length);
    }
  });

  it('places slices at corrected times, so a flow runs forward even where raw times run backward', () => {
    const { traceEvents } = trace(analysisOf(skewedRpc()));
    const byId = new Map(traceEvents.filter((e) => e.ph === 'X').map((e) => [e.args!['id'] as string, e]));
    // Raw: the receive (09.950) is stamped before the send (10.000).
    expect(byId.get('server:1')!.args!['time']! < byId.get('client:1')!.args!['time']!).toBe(true);
    expect(byId.get('server:1')!.ts!).toBeGreaterThanOrEqual(byId.get('client:1')!.ts!);
    expect(byId.get('client:2')!.ts!).toBeGreaterThanOrEqual(byId.get('server:2')!.ts!);
    expect(Math.min(...[...byId.values()].map((e) => e.ts!))).toBe(0);
    // client's own events are 30 ms apart in its own clock: 30 000 µs.
    expect(byId.get('client:2')!.ts! - byId.get('client:1')!.ts!).toBe(30000);
  });

  it('gives events without a time a synthetic position from their causes, and says so', () => {
    const { traceEvents } = trace(analysisOf(untimedChain()));
    const slices = traceEvents.filter((e) => e.ph === 'X');
    for (const s of slices) {
      expect(s.ts).toBe((s.args!['lamport'] as number) - 1);
      expect(s.args!['synthetic_ts']).toMatch(/no time/);
    }
    const mixed = trace(analysisOf(skewedRpc())).traceEvents.filter((e) => e.ph === 'X');
    const idle = mixed.find((e) => e.args!['id'] === 'client:3')!;
    const before = mixed.find((e) => e.args!['id'] === 'client:2')!;
    expect(idle.ts).toBe(before.ts! + 1);
    expect(idle.args!['synthetic_ts']).toBeDefined();
    expect(before.args!['synthetic_ts']).toBeUndefined();
    expect(idle.name).toBe('idle');
    expect(idle.args!['text']).toBe('idle\nsecond line');
  });

  it('keeps pids and tids apart across executions and records where ts 0 is', () => {
    const { traceEvents, otherData } = trace(analysisOf(skewedRpc('run-1'), untimedChain()));
    const processNames = traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args!['name']]);
    expect(processNames).toEqual([
      [1, 'run-1 / host-a'],
      [2, 'run-1 / host-b'],
      [3, 'untimed / p'],
      [4, 'untimed / q'],
      [5, 'untimed / r'],
    ]);
    expect(otherData['tsOrigin']).toEqual({ 'run-1': expect.stringMatching(/^2026-03-14T09:00:\d\d\.\d{3}Z$/), untimed: null });
  });
});
