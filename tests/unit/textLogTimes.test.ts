import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/cliArgs';
import { analyze } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import type { ParseContext } from '../../src/core/input/formatParser';
import { CsvParser } from '../../src/core/input/csv/csvParser';
import { JsonLinesParser } from '../../src/core/input/jsonLines/jsonLinesParser';
import { LogfmtParser } from '../../src/core/input/logfmt/logfmtParser';
import { learnTimeLayout } from '../../src/core/input/textLog/learnTimeLayout';
import { TextLogParser } from '../../src/core/input/textLog/textLogParser';
import { textsOf } from '../../src/core/model/execution';
import { emptyReadingReport, mergeReadingReport, type ReadingReport } from '../../src/core/read/readingReport';
import { layoutTimeOf } from '../../src/core/time/readTimeText';
import { zoneShiftOf } from '../../src/core/time/zoneShift';
import { formatIsoOf, type Execution } from './eventHelpers';
import { collectingContext } from './readerKit';

/** Reads one text input with the text-log reader: its execution, diagnostics and reading report. */
function readText(text: string, options: AnalyzeOptions = {}, extra: Partial<ParseContext> = {}, name = 'app.log') {
  const { ctx, result } = collectingContext();
  const report = emptyReadingReport();
  const c: ParseContext = { ...ctx, options, reportReading: (_i, r) => void mergeReadingReport(report, r), ...extra };
  new TextLogParser().parse(name, text, c);
  const { x, diagnostics } = result();
  return { x, diagnostics, report };
}

const times = (x: Execution) => Array.from({ length: x.eventCount }, (_, e) => (Number.isNaN(x.timeMs[e]) ? '' : formatIsoOf(x, e)));

describe('text logs: the layout and its place, learnt per input', () => {
  const cases: [string, string[], string, number | null, string[]][] = [
    ['HDFS', ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating', '081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 terminating'], 'compact-yymmdd', 0, ['2008-11-09T20:36:15Z', '2008-11-09T20:38:07Z']],
    ['Spark', ['17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered', '17/06/09 20:10:41 INFO spark.SecurityManager: Changing view acls'], 'slashed-yymmdd', 0, ['2017-06-09T20:10:40Z', '2017-06-09T20:10:41Z']],
    ['BGL', ['- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO cache parity', 'APPREAD 1117838573 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.53.276129 R02-M1-N0-C:J12-U11 RAS APP FATAL x'], 'dotted-datetime', null, ['2005-06-03T22:42:50.675872Z', '2005-06-03T22:42:53.276129Z']],
    ['Thunderbird', ['- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed', '- 1131566462 2005.11.09 dn228 Nov 9 12:01:02 dn228/dn228 crond(pam_unix)[2915]: session opened'], 'epoch', 2, ['2005-11-09T20:01:01Z', '2005-11-09T20:01:02Z']],
    ['HPC', ['134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change', '350766 node-109 unix.hw state_change.unavailable 1084680778 1 Component State Change'], 'epoch', null, ['2004-02-26T14:12:22Z', '2004-05-16T04:12:58Z']],
    ['OpenStack', ['nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-1] GET', 'nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:00:04.500 2931 INFO nova.compute.manager [req-2] x'], 'iso8601', null, ['2017-05-16T00:00:00.008Z', '2017-05-16T00:00:04.500Z']],
    ['Apache error', ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok', '[Sun Dec 04 04:47:45 2005] [error] mod_jk child workerEnv in error state 6'], 'ctime', 1, ['2005-12-04T04:47:44Z', '2005-12-04T04:47:45Z']],
    ['Windows CBS', ['2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack', '2016-09-28 04:30:31, Info                  CSI    00000001@2016/9/27:20:30:31.455 WcpInitialize'], 'iso8601', 0, ['2016-09-28T04:30:30Z', '2016-09-28T04:30:31Z']],
    ['nginx error', ['2026/03/14 09:26:53 [error] 123#0: *1 open() failed', '2026/03/14 09:26:54 [warn] 123#0: *2 upstream slow'], 'iso8601', 0, ['2026-03-14T09:26:53Z', '2026-03-14T09:26:54Z']],
    ['Tomcat', ['14-Mar-2026 09:26:53.123 INFO [main] org.apache.catalina.startup.Catalina.start Server startup', '14-Mar-2026 09:26:54.001 SEVERE [main] x'], 'dd-mmm-yyyy', 0, ['2026-03-14T09:26:53.123Z', '2026-03-14T09:26:54.001Z']],
    ['Redis', ['1:M 14 Mar 2026 09:26:53.123 * Server initialized', '27:C 14 Mar 2026 09:31:54.210 * DB saved on disk'], 'd-mmm-yyyy', 4, ['2026-03-14T09:26:53.123Z', '2026-03-14T09:31:54.210Z']],
    ['.NET', ['3/14/2026 9:26:53 AM Service started', '3/14/2026 12:00:01 PM Request handled'], 'us-date', 0, ['2026-03-14T09:26:53Z', '2026-03-14T12:00:01Z']],
    ['.NET round trip', ['2026-03-14T09:26:53.1234567+01:00 [INF] started', '2026-03-14T09:26:54.0000001+01:00 [INF] ready'], 'iso8601', 0, ['2026-03-14T08:26:53.1234567Z', '2026-03-14T08:26:54.0000001Z']],
    ['journalctl short-iso', ['2026-03-14T09:26:53+0100 web1 sshd[42]: Accepted key', '2026-03-14T09:26:54+0100 web1 sshd[42]: session opened'], 'iso8601', 0, ['2026-03-14T08:26:53Z', '2026-03-14T08:26:54Z']],
    ['journalctl short-iso-precise', ['2026-03-14T09:26:53.123456+01:00 web1 sshd[42]: Accepted key', '2026-03-14T09:26:54.5+01:00 web1 sshd[42]: x'], 'iso8601', 0, ['2026-03-14T08:26:53.123456Z', '2026-03-14T08:26:54.5Z']],
    ['journalctl short-full', ['Sat 2026-03-14 09:26:53 CET web1 sshd[42]: Accepted key', 'Sat 2026-03-14 09:26:54 CET web1 sshd[42]: x'], 'weekday-iso', 0, ['2026-03-14T08:26:53Z', '2026-03-14T08:26:54Z']],
    ['journalctl short-unix', ['1710408413.123456 web1 sshd[42]: Accepted key', '1710408414.000001 web1 sshd[42]: x'], 'epoch', 0, ['2024-03-14T09:26:53.123456Z', '2024-03-14T09:26:54.000001Z']],
    ['log4j ISO8601', ['2026-03-14 09:26:53,123 INFO  [main] com.example.App - started', '2026-03-14 09:26:54,500 WARN  [pool-1] com.example.App - slow'], 'iso8601', 0, ['2026-03-14T09:26:53.123Z', '2026-03-14T09:26:54.500Z']],
    ['java.util.logging', ['Mar 14, 2026 9:26:53 AM com.example.App main', 'INFO: started', 'Mar 14, 2026 9:26:54 AM com.example.App run', 'WARNING: slow'], 'java-util-logging', 0, ['2026-03-14T09:26:53Z', '2026-03-14T09:26:54Z']],
    ['epoch ms in a CSV-like column', ['a1,1710408413123,GET /x', 'b2,1710408414123,GET /y'], 'epoch', 3, ['2024-03-14T09:26:53.123Z', '2024-03-14T09:26:54.123Z']],
  ];
  for (const [name, lines, layout, position, want] of cases) {
    it(`${name}: reads every line's time`, () => {
      const { x, report, diagnostics } = readText(`${lines.join('\n')}\n`);
      expect(report.timeLayout).toBe(layout);
      if (position !== null) expect(report.timePosition).toBe(position);
      expect(times(x)).toEqual(want);
      expect(report.skipped).toBe(0);
      expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    });
  }

  it('keeps the prefix before a time inside the line in the message, and says where the time starts', () => {
    const { x } = readText('000123 2017-05-16 00:00:00.008 25746 INFO GET /v2\n000124 2017-05-16 00:00:01.008 25746 INFO GET /v3\n');
    expect(textsOf(x)).toEqual(['000123 25746 INFO GET /v2', '000124 25746 INFO GET /v3']);
    expect(times(x)).toEqual(['2017-05-16T00:00:00.008Z', '2017-05-16T00:00:01.008Z']);
    const p = learnTimeLayout('host-1 [10.30 16:49:06] chrome.exe open\nlonger-host-name [10.30 16:49:07] chrome.exe close\n');
    expect(p).toMatchObject({ field: 1, column: 8 });
    expect(p!.entry.id).toBe('dotted-month-day');
  });

  it('journalctl short-monotonic is read as no time, with a reason', () => {
    const { x, report, diagnostics } = readText('[  123.456789] web1 kernel: Linux version\n[  124.000001] web1 systemd[1]: Started\n');
    expect(x.eventCount).toBe(2);
    expect(times(x).every((t) => t === '')).toBe(true);
    expect(report).toMatchObject({ timeLayout: null, untimed: 2, timed: 0 });
    expect(report.noTimeReason).toMatch(/seconds since boot.*not wall time/);
    expect(diagnostics.some((d) => /not wall time/.test(d.message))).toBe(true);
  });

  it('says why an input has no time, and counts its events as untimed', () => {
    const { report } = readText('starting up\nready to serve\n');
    expect(report).toMatchObject({ timeLayout: null, untimed: 2, timed: 0 });
    expect(report.noTimeReason).toBeDefined();
  });

  it('does not take a layout from a date in one message among many lines without one', () => {
    const lines = ['worker started', 'loaded config', 'note: last run 2026-03-14 09:26:53 ok', 'waiting', 'done'];
    expect(learnTimeLayout(lines.join('\n'))).toBeNull();
  });
});

describe('text logs: lines without a time', () => {
  it('appends continuations and skips record-like lines without a time, with samples', () => {
    const text = [
      'stray first line',
      '2026-03-14 09:26:53,123 ERROR boom',
      'java.lang.IllegalStateException: bad',
      '\tat com.example.App.run(App.java:12)',
      '\t... 3 more',
      'Caused by: java.io.IOException: eof',
      'SELECT * FROM t',
      '2026-13-45 99:99:99,000 looks like a record',
      '2026-03-14 09:26:54,000 INFO ok',
    ].join('\n');
    const { x, report, diagnostics } = readText(text);
    expect(x.eventCount).toBe(2);
    expect(textsOf(x)[0]).toContain('Caused by');
    expect(textsOf(x)[0]).toContain('SELECT * FROM t');
    expect(report).toMatchObject({ timed: 2, continuation: 5, skipped: 2 });
    expect(report.skippedSamples.map((s) => s.line)).toEqual([1, 8]);
    expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.line)).toEqual([1, 8]);
    expect(times(x)).not.toContain('1970-01-01T00:00:00Z');
  });
});

describe('text logs: the year of yearless layouts', () => {
  const syslog = 'Mar 14 09:26:53 web1 sshd[42]: accepted\nMar 14 09:26:54 web1 sshd[42]: closed\n';

  it('takes it from a dated line of the input first', () => {
    const { x, report } = readText(`${syslog}Mar 14 09:26:55 web1 app[1]: build of 2024-03-01 09:00 loaded\n`, { years: { 'app.log': 2019 } });
    expect(times(x).every((t) => t.startsWith('2024-03-14T09:26:5'))).toBe(true);
    expect(report.yearFrom).toBe('data');
  });

  it('takes it from a ctime date in a record that names the record\'s own day, and from no other', () => {
    const kernel = 'Jul 27 14:41:57 combo kernel: Linux version 2.6.5-1.358 (gcc version 3.3.3) #1 Sat May 8 09:04:50 EDT 2004\n';
    const ftpd = 'Jul 27 14:42:00 combo ftpd[9778]: connection from 192.0.2.7 () at Wed Jul 27 14:42:00 2005\n';
    const { x, report, diagnostics } = readText(kernel + ftpd + syslog);
    expect(times(x).sort()).toEqual(['2005-03-14T09:26:53Z', '2005-03-14T09:26:54Z', '2005-07-27T14:41:57Z', '2005-07-27T14:42:00Z']);
    expect(report.yearFrom).toBe('data');
    expect(diagnostics.some((d) => d.message.includes('dated timestamp on line 2 (2005)'))).toBe(true);
    // The build date alone says nothing of the log's year; nor does a ctime date with a wrong weekday.
    expect(readText(kernel + syslog).report.yearFrom).toBe('assumed');
    expect(readText(ftpd.replace('Wed', 'Thu') + syslog).report.yearFrom).toBe('assumed');
    // Written just past midnight in another zone, the message's day is the record's day before.
    const late = readText('Jan  1 00:00:02 web1 ftpd[1]: at Sat Dec 31 23:59:59 2005\nJan  1 00:00:03 web1 ftpd[1]: x\n');
    expect(times(late.x)).toEqual(['2006-01-01T00:00:02Z', '2006-01-01T00:00:03Z']);
  });

  it('then from the setting for the input (or a folder above it)', () => {
    const { x, report, diagnostics } = readText(syslog, { years: { logs: 2019 } }, {}, 'logs/app.log');
    expect(times(x)[0]).toBe('2019-03-14T09:26:53Z');
    expect(report.yearFrom).toBe('setting');
    expect(diagnostics.some((d) => d.message.includes('2019 as set for this input'))).toBe(true);
  });

  it('then from the archive member\'s date: the latest year that puts the line before it', () => {
    const modified = Date.UTC(2026, 1, 10, 12);
    const { x, report, diagnostics } = readText(`Dec 31 23:59:59 web1 a[1]: x\nJan  2 00:00:01 web1 a[1]: y\n${syslog}`, {}, { inputModifiedMs: () => modified });
    expect(times(x).slice(0, 3)).toEqual(['2025-12-31T23:59:59Z', '2026-01-02T00:00:01Z', '2025-03-14T09:26:53Z']);
    expect(report.yearFrom).toBe('archive');
    expect(diagnostics.some((d) => d.message.includes("archive member's date (2026-02-10)"))).toBe(true);
  });

  it('else assumes one, and says so', () => {
    const { x, report } = readText(syslog);
    expect(times(x)[0]).toBe('1970-03-14T09:26:53Z');
    expect(report.yearFrom).toBe('assumed');
  });

  it('archives keep their members\' dates: zip, gzip', async () => {
    const mtime = new Date(Date.UTC(2023, 5, 15, 12));
    const zip = zipSync({ 'var/log/auth.log': [new TextEncoder().encode(syslog), { mtime }] });
    const gz = gzipSync(new TextEncoder().encode(syslog), { mtime });
    const a = await analyze([
      { name: 'bundle.zip', bytes: zip },
      { name: 'old.log.gz', bytes: gz },
    ]);
    const all = a.executions.flatMap((e) => times(e.execution));
    expect(all).toHaveLength(4);
    for (const t of all) expect(t.startsWith('2023-03-14')).toBe(true);
  });
});

describe('text logs: zones', () => {
  it('reads times without a zone as UTC and says so once per input', () => {
    const { report, diagnostics } = readText('2026-03-14 09:26:53 a\n2026-03-14 09:26:54 b\n');
    expect(report.zone).toBe('UTC');
    expect(diagnostics.filter((d) => d.message.includes('read as UTC'))).toHaveLength(1);
    expect(readText('2026-03-14T09:26:53Z a\n').report.zone).toBe('in the data');
  });

  it('shifts them by the input\'s zone: an offset, or an IANA zone at the instant (summer time)', () => {
    const text = '2026-01-14 09:26:53 winter\n2026-07-14 09:26:53 summer\n2026-07-14 09:26:53+00:00 written\n';
    expect(times(readText(text, { zones: { 'app.log': '+02:00' } }).x)).toEqual(['2026-01-14T07:26:53Z', '2026-07-14T07:26:53Z', '2026-07-14T09:26:53Z']);
    const paris = readText(text, { zones: { logs: 'Europe/Paris' } }, {}, 'logs/app.log');
    expect(times(paris.x)).toEqual(['2026-01-14T08:26:53Z', '2026-07-14T07:26:53Z', '2026-07-14T09:26:53Z']);
    expect(paris.report.zone).toBe('Europe/Paris');
    // Yearless times too, once their year is known.
    expect(times(readText('Jul 14 09:26:53 web1 a[1]: x\n', { zones: { 'app.log': 'America/New_York' }, years: { 'app.log': 2026 } }).x)).toEqual(['2026-07-14T13:26:53Z']);
  });

  it('takes a local time\'s offset from an epoch column on the same lines (BGL), line by line across a summer-time change', () => {
    // Epoch seconds, then the site's local time with microseconds: UTC-7 in June, UTC-8 in January.
    const bgl = [
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO cache parity',
      '- 1117838573 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.53.276129 R02-M1-N0-C:J12-U11 RAS KERNEL INFO x',
      '- 1136301189 2006.01.03 R07-M0-N0-I:J18-U11 2006-01-03-07.13.09.127918 R07-M0-N0-I:J18-U11 RAS APP FATAL y',
    ];
    const { x, report, diagnostics } = readText(`${bgl.join('\n')}\n`);
    expect(report.timeLayout).toBe('dotted-datetime');
    expect(times(x).sort()).toEqual(['2005-06-03T22:42:50.675872Z', '2005-06-03T22:42:53.276129Z', '2006-01-03T15:13:09.127918Z']);
    expect(report.zone).toBe('in the data');
    expect(diagnostics.map((d) => d.message)).toContain("times carry no zone: each line's offset from UTC (−08:00, −07:00) is taken from the epoch column beside its time");
    // A zone the user set comes first.
    expect(times(readText(`${bgl[0]}\n`, { zones: { 'app.log': 'UTC' } }).x)).toEqual(['2005-06-03T15:42:50.675872Z']);
    // A number that is not within hours of the time (a counter, an id) gives no offset; nor does a line without it.
    const counter = ['2026-03-14 09:26:53.100 1500000000 INFO a', '2026-03-14 09:26:54.200 1500000001 INFO b', '2026-03-14 09:26:55.300 - INFO c'];
    const c = readText(`${counter.join('\n')}\n`);
    expect(times(c.x)).toEqual(['2026-03-14T09:26:53.100Z', '2026-03-14T09:26:54.200Z', '2026-03-14T09:26:55.300Z']);
    expect(c.report.zone).toBe('UTC');
  });

  it('turns down a zone it cannot resolve, with a warning, and reads UTC', () => {
    const { x, diagnostics } = readText('2026-03-14 09:26:53 a\n', { zones: { 'app.log': 'Mars/Olympus' } });
    expect(times(x)).toEqual(['2026-03-14T09:26:53Z']);
    expect(diagnostics.some((d) => d.severity === 'warning' && d.message.includes('Mars/Olympus'))).toBe(true);
    expect(zoneShiftOf('+25:00')).toBeNull();
    expect(zoneShiftOf('UTC')!.toInstant({ ms: 5, ns: 0, digits: 0 }).ms).toBe(5);
  });

  it('--zone INPUT=ZONE on the command line, repeatable', () => {
    const r = parseCliArgs(['analyze', '--zone', 'a.log=Europe/Paris', '--zone=logs=-05:00', 'x']);
    expect(r.ok && r.value !== 'help' && r.value.zones).toEqual({ 'a.log': 'Europe/Paris', logs: '-05:00' });
    expect(parseCliArgs(['analyze', '--zone', 'a.log', 'x']).ok).toBe(false);
    expect(parseCliArgs(['analyze', '--zone', 'a.log=Nowhere/Town', 'x']).ok).toBe(false);
  });
});

describe('structured formats read time fields in the layouts too', () => {
  const build = (parser: { parse(i: string, t: string, c: ParseContext): void }, name: string, text: string) => {
    const { ctx, result } = collectingContext();
    parser.parse(name, text, ctx);
    return times(result().x);
  };

  it('CSV, JSON lines and logfmt', () => {
    expect(build(new CsvParser(), 'a.csv', 'time,host,message\n17/06/09 20:10:40,h1,started\n17/06/09 20:10:41,h1,ready\n')).toEqual(['2017-06-09T20:10:40Z', '2017-06-09T20:10:41Z']);
    expect(build(new CsvParser(), 'b.csv', 'ts,host,message\n1710408413123,h1,started\n')).toEqual(['2024-03-14T09:26:53.123Z']);
    expect(build(new JsonLinesParser(), 'a.jsonl', '{"time":"14-Mar-2026 09:26:53.123","msg":"a"}\n{"time":"3/14/2026 9:26:54 AM","msg":"b"}\n')).toEqual(['2026-03-14T09:26:53.123Z', '2026-03-14T09:26:54Z']);
    expect(build(new LogfmtParser(), 'a.log', 'time=2005-06-03-15.42.50.675872 level=info msg=a\ntime="Mar 14, 2026 9:26:53 PM" level=info msg=b\n')).toEqual(['2005-06-03T15:42:50.675872Z', '2026-03-14T21:26:53Z']);
    expect(layoutTimeOf('Mar 14 09:26:53')).toBeNull(); // no year: not guessed in a field
    expect(layoutTimeOf('hello world')).toBeNull();
  });
});
