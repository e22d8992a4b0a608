import { describe, expect, it } from 'vitest';
import { looksLikeCsvExport } from '../../src/core/input/csv/csvFormat';
import { fieldsOf, formatIsoOf, runText } from './eventHelpers';
import { textOf, textsOf } from '../../src/core/model/execution';

const SPLUNK = [
  '_time,host,source,sourcetype,_raw',
  '2026-03-14T09:26:53.123+00:00,web1,/var/log/api.log,app,"sent payment req_id=r1 dir=send to=ledger"',
  '2026-03-14T09:26:53.200+00:00,db1,/var/log/ledger.log,app,"got payment req_id=r1 dir=recv from=web1"',
].join('\n');

function mappingInfo(a: { diagnostics: { message: string; severity: string }[] }): string {
  const infos = a.diagnostics.filter((d) => d.severity === 'info' && d.message.startsWith('CSV columns'));
  expect(infos).toHaveLength(1);
  return infos[0]!.message;
}

describe('CSV detection', () => {
  it('accepts a log-platform header without a .csv name, not prose with commas', () => {
    expect(looksLikeCsvExport(SPLUNK)).toBe(true);
    expect(looksLikeCsvExport('2026-03-14 09:26:53,123 INFO a\n2026-03-14 09:26:54,123 INFO b\n')).toBe(false);
  });
});

describe('CSV column mapping', () => {
  it('detects time, process and message columns of a Splunk export and reports the mapping', async () => {
    const a = await runText({ 'export.txt': SPLUNK });
    expect(a.inputs[0]!.format).toBe('csv');
    expect(mappingInfo(a)).toContain('time = _time, process = host, message = _raw, clock domain = (none)');
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['db1', 'web1']);
    const web = x.procStart[1]!;
    expect(formatIsoOf(x, web)).toBe('2026-03-14T09:26:53.123Z');
    expect(textOf(x, web)).toBe('sent payment req_id=r1 dir=send to=ledger');
    expect(fieldsOf(x, web)).toEqual({ source: '/var/log/api.log', sourcetype: 'app', req_id: 'r1', dir: 'send', to: 'ledger' });
    expect(x.edgeCount).toBe(1);
  });

  it('uses a service column as process and the host beside it as clock domain', async () => {
    const a = await runText({ 'e.csv': '@timestamp,service.name,host.name,message\n2026-03-14T09:26:53Z,api,web1,hello\n' });
    expect(mappingInfo(a)).toContain('process = service.name');
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['api']);
    expect(x.domainNames).toEqual(['web1']);
  });

  it('lets the user correct the mapping, and reports a column that does not exist', async () => {
    const text = 'when,who,what,extra\n2026-03-14T09:26:53Z,api,hello,1\n';
    const a = await runText({ 'e.csv': text }, { csvColumns: { time: 'when', process: 'WHO', message: 'column3', clockDomain: 'nope' } });
    expect(mappingInfo(a)).toContain('time = when, process = who, message = what');
    expect(a.diagnostics.some((d) => d.severity === 'error' && d.message.includes('"nope" is not a column'))).toBe(true);
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['api']);
    expect(textsOf(x)).toEqual(['hello']);
    expect(fieldsOf(x, 0)).toEqual({ extra: '1' });
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53Z');
  });

  it('finds the time column by content when there is no header row', async () => {
    const a = await runText({ 'raw.csv': 'api,2026-03-14T09:26:53Z,a longer message text\napi,2026-03-14T09:26:54Z,another message\n' });
    expect(mappingInfo(a)).toContain('no header row');
    expect(mappingInfo(a)).toContain('time = column2');
    const x = a.executions[0]!.execution;
    expect(x.eventCount).toBe(2);
    expect(textOf(x, 0)).toBe('a longer message text');
  });
});

describe('CSV rows', () => {
  it('keeps newlines, quotes and delimiters inside quoted fields and numbers events by their first line', async () => {
    const text = 'time,service,message\n2026-03-14T09:26:53Z,api,"line one\nline two, with ""quotes"""\n2026-03-14T09:26:54Z,api,after\n';
    const x = (await runText({ 'q.csv': text })).executions[0]!.execution;
    expect(textsOf(x)).toEqual(['line one\nline two, with "quotes"', 'after']);
    expect(Array.from(x.eventLine)).toEqual([2, 4]);
  });

  it('reads TSV with CRLF line ends', async () => {
    const text = 'timestamp\thost\tlog\r\n2026-03-14T09:26:53Z\tweb1\thello world\r\n2026-03-14T09:26:54Z\tweb1\tbye\r\n';
    const a = await runText({ 'export.tsv': text });
    expect(mappingInfo(a)).toContain('delimiter "\\t"');
    const x = a.executions[0]!.execution;
    expect(textsOf(x)).toEqual(['hello world', 'bye']);
    expect(x.processNames).toEqual(['web1']);
  });

  it('reports rows whose field count differs from the header and an unterminated quote', async () => {
    const text = 'time,service,message\n2026-03-14T09:26:53Z,api\n2026-03-14T09:26:54Z,api,"open\n';
    const a = await runText({ 'bad.csv': text });
    expect(a.diagnostics.some((d) => d.line === 2 && d.message.includes('row has 2 fields'))).toBe(true);
    expect(a.diagnostics.some((d) => d.line === 3 && d.message.includes('unterminated'))).toBe(true);
    expect(a.inputs[0]!.skipped).toBe(1);
    expect(a.executions[0]!.execution.eventCount).toBe(1);
  });
});
