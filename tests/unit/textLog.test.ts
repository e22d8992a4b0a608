import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { fieldsOf, formatIsoOf, type Execution } from './eventHelpers';
import { textOf, textsOf } from '../../src/core/model/execution';

const enc = (s: string) => new TextEncoder().encode(s);

async function run(files: Record<string, string>, options = {}): Promise<Analysis> {
  return analyze(Object.entries(files).map(([name, text]) => ({ name, bytes: enc(text) })), options);
}

function only(a: Analysis): Execution {
  expect(a.executions).toHaveLength(1);
  return a.executions[0]!.execution;
}

describe('plain-text log timestamp shapes', () => {
  it('reads ISO-8601 with a zone and keeps nanoseconds', async () => {
    const a = await run({ 'api.log': '2026-03-14T09:26:53.123456789Z started\n2026-03-14T10:26:53.5+01:00 ready\n' });
    const x = only(a);
    expect(a.inputs[0]!.format).toBe('text');
    expect(x.processNames).toEqual(['api']);
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53.123456789Z');
    expect(formatIsoOf(x, 1)).toBe('2026-03-14T09:26:53.5Z');
    expect(textsOf(x)).toEqual(['started', 'ready']);
  });

  it('reads ISO-8601 without a zone as UTC, with microseconds', async () => {
    const x = only(await run({ 'a.log': '2026-03-14 09:26:53.123456 hello\n' }));
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53.123456Z');
    expect(textOf(x, 0)).toBe('hello');
  });

  it('reads the Python logging default with a comma before milliseconds', async () => {
    const x = only(await run({ 'worker.log': '2026-03-14 09:26:53,123 - worker - INFO - job done\n' }));
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53.123Z');
    expect(textOf(x, 0)).toBe('- worker - INFO - job done');
  });

  it('reads the Go log default with slashes', async () => {
    const x = only(await run({ 'svc.log': '2026/03/14 09:26:53 listening on :8080\n2026/03/14 09:26:54.250000 ok\n' }));
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53Z');
    expect(formatIsoOf(x, 1)).toBe('2026-03-14T09:26:54.250000Z');
  });

  it('reads syslog RFC 5424 with host, app, structured data and message', async () => {
    const x = only(
      await run({ 'sys.log': '<34>1 2026-03-14T09:26:53.123Z web1 api 4242 ID47 [meta req_id="r-1" dir="send"] payment sent\n' }),
    );
    expect(x.processNames).toEqual(['api']);
    expect(x.domainNames).toEqual(['web1']);
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53.123Z');
    expect(textOf(x, 0)).toBe('payment sent');
    expect(fieldsOf(x, 0)).toMatchObject({ pid: '4242', msgid: 'ID47', req_id: 'r-1', dir: 'send' });
  });

  it('reads klog lines with level, thread and source fields', async () => {
    const x = only(await run({ 'kubelet.log': 'I0314 09:26:53.123456    1234 main.go:12] starting\nE0314 09:26:54.000001    1234 pod.go:7] failed\n' }));
    expect(textsOf(x)).toEqual(['starting', 'failed']);
    expect(fieldsOf(x, 1)).toMatchObject({ level: 'error', thread: '1234', source: 'pod.go:7' });
    expect(formatIsoOf(x, 0)).toBe('1970-03-14T09:26:53.123456Z');
  });

  it('reads Apache combined access logs with their request fields', async () => {
    const line = '10.0.0.7 - bob [14/Mar/2026:09:26:53 +0100] "GET /pay?id=1 HTTP/1.1" 200 512 "https://shop/" "curl/8.0"\n';
    const x = only(await run({ 'access.log': line }));
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T08:26:53Z');
    expect(fieldsOf(x, 0)).toMatchObject({ remote_addr: '10.0.0.7', remote_user: 'bob', request: 'GET /pay?id=1 HTTP/1.1', status: '200', bytes: '512', user_agent: 'curl/8.0' });
  });

  it('reads epoch seconds, milliseconds, microseconds and nanoseconds at line start', async () => {
    const x = only(
      await run({ 'e.log': '1773480413 s\n1773480413123 ms\n1773480413123456 us\n1773480413123456789 ns\n1773480413.5 frac\n' }),
    );
    expect([0, 1, 2, 3, 4].map((e) => formatIsoOf(x, e))).toEqual([
      '2026-03-14T09:26:53Z',
      '2026-03-14T09:26:53.123Z',
      '2026-03-14T09:26:53.123456Z',
      '2026-03-14T09:26:53.123456789Z',
      '2026-03-14T09:26:53.5Z',
    ]);
  });
});

describe('plain-text log records', () => {
  it('keeps a stack trace with the line it follows', async () => {
    const text = [
      '2026-03-14 09:26:53.100 ERROR boom',
      'java.lang.IllegalStateException: bad',
      '\tat com.shop.Pay.run(Pay.java:10)',
      '2026-03-14 09:26:54.000 INFO recovered',
    ].join('\n');
    const x = only(await run({ 'pay.log': text }));
    expect(x.eventCount).toBe(2);
    expect(textOf(x, 0)).toBe('ERROR boom\njava.lang.IllegalStateException: bad\n\tat com.shop.Pay.run(Pay.java:10)');
    expect(Array.from(x.eventLine)).toEqual([1, 4]);
  });

  it('turns key=value pairs in the message into fields', async () => {
    const x = only(await run({ 'a.log': '2026-03-14T09:26:53Z sent payment req_id=abc dir=send to=ledger.\n' }));
    expect(fieldsOf(x, 0)).toEqual({ req_id: 'abc', dir: 'send', to: 'ledger' });
  });

  it('skips and reports lines before the first timestamped record', async () => {
    const a = await run({ 'a.log': '=== log start ===\n2026-03-14T09:26:53Z one\n' });
    expect(only(a).eventCount).toBe(1);
    expect(a.inputs[0]!.skipped).toBe(1);
    expect(a.diagnostics.some((d) => d.line === 1 && d.severity === 'warning')).toBe(true);
  });

  it('reads a file without timestamps in logical order and says so once', async () => {
    const a = await run({ 'notes.log': 'first thing\nsecond thing id=7\n\nthird\n' });
    const x = only(a);
    expect(textsOf(x)).toEqual(['first thing', 'second thing id=7', 'third']);
    expect(Array.from(x.timeMs).every(Number.isNaN)).toBe(true);
    expect(fieldsOf(x, 1)).toEqual({ id: '7' });
    const infos = a.diagnostics.filter((d) => d.message.includes('no timestamps: logical order only'));
    expect(infos).toHaveLength(1);
    expect(infos[0]!.severity).toBe('info');
  });
});

describe('syslog RFC 3164 without a year', () => {
  it('assumes 1970 when nothing in the input names a year, and says so', async () => {
    const a = await run({ 'messages': 'Mar 14 09:26:53 web1 api[42]: started req_id=1\nMar  4 10:00:00 web1 sshd: login\n' });
    const x = only(a);
    expect(x.processNames).toEqual(['api', 'sshd']);
    expect(x.domainNames).toEqual(['web1']);
    const api = x.procStart[0]!;
    expect(formatIsoOf(x, api)).toBe('1970-03-14T09:26:53Z');
    expect(fieldsOf(x, api)).toMatchObject({ pid: '42', req_id: '1' });
    const info = a.diagnostics.filter((d) => d.severity === 'info' && d.message.includes('1970'));
    expect(info).toHaveLength(1);
  });

  it('takes the year from a dated timestamp elsewhere in the input', async () => {
    const a = await run({ 'messages': 'Dec 31 23:59:59 h app: old year\nJan  1 00:00:01 h app: report for 2026-01-01 00:00 ready\n' });
    const x = only(a);
    expect(formatIsoOf(x, 0)).toBe('2025-12-31T23:59:59Z');
    expect(formatIsoOf(x, 1)).toBe('2026-01-01T00:00:01Z');
    expect(a.diagnostics.some((d) => d.severity === 'info' && d.message.includes('(2026)'))).toBe(true);
  });

  it('advances the assumed year at December → January', async () => {
    const x = only(await run({ 'messages': 'Dec 31 23:59:59 h app: a\nJan  1 00:00:01 h app: b\n' }));
    expect(formatIsoOf(x, 0)).toBe('1970-12-31T23:59:59Z');
    expect(formatIsoOf(x, 1)).toBe('1971-01-01T00:00:01Z');
  });

  it('keeps one app name on two hosts apart', async () => {
    const a = await run({ 'messages': 'Mar 14 09:26:53 web1 sshd[1]: a\nMar 14 09:26:54 web2 sshd[2]: b\n' });
    expect(only(a).processNames).toEqual(['sshd', 'sshd@web2']);
  });
});
