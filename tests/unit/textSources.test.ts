import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { fieldsOf, textsOf } from '../../src/core/model/execution';
import { laneOfFile, newSpans, readFilePrefix, readSyslogHead } from '../../src/core/input/textLog/sourceShapes';
import type { Execution } from './eventHelpers';

// Who wrote each line of a text log that holds several sources: the prefix, field or column that names it.

const enc = (s: string) => new TextEncoder().encode(s);

async function run(files: Record<string, string>, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyze(Object.entries(files).map(([name, text]) => ({ name, bytes: enc(text) })), options);
}

function only(a: Analysis): Execution {
  expect(a.executions).toHaveLength(1);
  return a.executions[0]!.execution;
}

/** Each event as "process: text", in line order. */
function byLine(x: Execution): string[] {
  const texts = textsOf(x);
  const order = [...texts.keys()].sort((a, b) => x.eventLine[a]! - x.eventLine[b]!);
  return order.map((e) => `${x.processNames[x.eventProc[e]!]}: ${texts[e]}`);
}

const domainOf = (x: Execution, p: string) => x.domainNames[x.processDomain[x.processNames.indexOf(p)]!];

describe('text-log sources: prefixes written by tools that merge streams', () => {
  it('kubectl logs --prefix: pod/container, in the pod\'s clock domain, time read after the prefix', async () => {
    const a = await run({
      'all.log': [
        '[pod/web-7f9c-x2k4p/nginx] 2026-03-14T09:26:53.100Z GET /pay 200',
        '[pod/api-5d6f-q8w2e/app] 2026-03-14T09:26:53.200Z charging card',
        '[pod/web-7f9c-x2k4p/nginx] 2026-03-14T09:26:53.300Z GET /health 200',
        '[pod/api-5d6f-q8w2e/app] 2026-03-14T09:26:53.400Z java.lang.IllegalStateException: boom',
        '[pod/api-5d6f-q8w2e/app]     at com.example.Pay.charge(Pay.java:42)',
      ].join('\n'),
    });
    const x = only(a);
    expect(x.processNames).toEqual(['api-5d6f-q8w2e/app', 'web-7f9c-x2k4p/nginx']);
    expect(domainOf(x, 'web-7f9c-x2k4p/nginx')).toBe('web-7f9c-x2k4p');
    expect(byLine(x)).toEqual([
      'web-7f9c-x2k4p/nginx: GET /pay 200',
      'api-5d6f-q8w2e/app: charging card',
      'web-7f9c-x2k4p/nginx: GET /health 200',
      // The continuation joins its own source's record.
      'api-5d6f-q8w2e/app: java.lang.IllegalStateException: boom\n    at com.example.Pay.charge(Pay.java:42)',
    ]);
    expect(x.timeMs.every((t) => t > 0)).toBe(true);
    expect(a.inputs[0]!.reading).toMatchObject({ sourceColumn: 'kubectl --prefix', sources: 2 });
  });

  it('a continuation line goes to the last record of its own source even when another source wrote in between', async () => {
    const x = only(
      await run({
        'all.log': [
          'web-1  | 2026-03-14T09:26:53.100Z request failed',
          'db-1   | 2026-03-14T09:26:53.150Z checkpoint',
          'web-1  |   at handler (web.js:10)',
          'db-1   | 2026-03-14T09:26:53.200Z checkpoint done',
        ].join('\n'),
      }),
    );
    expect(byLine(x)).toEqual(['web-1: request failed\n  at handler (web.js:10)', 'db-1: checkpoint', 'db-1: checkpoint done']);
  });

  it('stern: pod container message, with and without its [pod/container] template', async () => {
    const lines = [
      'web-7f9c-x2k4p nginx 2026-03-14T09:26:53.100Z GET /',
      'api-5d6f-q8w2e app 2026-03-14T09:26:53.200Z charge',
      'web-7f9c-x2k4p nginx 2026-03-14T09:26:53.300Z GET /health',
      'api-5d6f-q8w2e app 2026-03-14T09:26:53.400Z charged',
      'web-7f9c-x2k4p nginx 2026-03-14T09:26:53.500Z GET /x',
      'api-5d6f-q8w2e app 2026-03-14T09:26:53.600Z done',
    ];
    const x = only(await run({ 'stern.log': lines.join('\n') }));
    expect(x.processNames).toEqual(['api-5d6f-q8w2e/app', 'web-7f9c-x2k4p/nginx']);
    expect(byLine(x)[1]).toBe('api-5d6f-q8w2e/app: charge');
    const templated = lines.map((l) => l.replace(/^(\S+) (\S+) /, '[$1/$2] '));
    const y = only(await run({ 'stern.log': templated.join('\n') }));
    expect(y.processNames).toEqual(x.processNames);
    expect(byLine(y)).toEqual(byLine(x));
  });

  it('docker compose: name-1 | and name_1 | prefixes, services on the file\'s clock', async () => {
    const a = await run({
      'compose.log': [
        'web-1  | 2026-03-14T09:26:53.100Z listening',
        'db_1   | 2026-03-14T09:26:53.200Z ready to accept connections',
        'web-1  | 2026-03-14T09:26:53.300Z GET /',
      ].join('\n'),
    });
    const x = only(a);
    expect(x.processNames).toEqual(['db_1', 'web-1']);
    expect(domainOf(x, 'web-1')).toBe('compose');
    expect(domainOf(x, 'db_1')).toBe('compose');
    expect(a.inputs[0]!.reading.sourceColumn).toBe('docker compose');
  });

  it('compose lines without timestamps are still split, in logical order', async () => {
    const x = only(await run({ 'up.log': 'web-1  | listening\ndb-1   | ready\nweb-1  | GET /\n' }));
    expect(byLine(x)).toEqual(['web-1: listening', 'db-1: ready', 'web-1: GET /']);
  });

  it('a leading file name (grep over several files), with grep -n line numbers, or an absolute path', async () => {
    const x = only(
      await run({
        'grep.txt': [
          'api.log:2026-03-14T09:26:53.100Z started',
          'worker.log:2026-03-14T09:26:53.200Z picked job 7',
          'api.log:2026-03-14T09:26:53.300Z served',
        ].join('\n'),
      }),
    );
    expect(byLine(x)).toEqual(['api: started', 'worker: picked job 7', 'api: served']);
    const y = only(
      await run({
        'grep.txt': ['/var/log/api.log:12:2026-03-14T09:26:53.100Z started', '/var/log/worker.log.1:7:2026-03-14T09:26:53.200Z picked'].join('\n'),
      }),
    );
    expect(byLine(y)).toEqual(['api: started', 'worker: picked']);
  });

  it('tail -f of several files: ==> x.log <== sections', async () => {
    const a = await run({
      'tail.txt': [
        '==> api.log <==',
        '2026-03-14T09:26:53.100Z started',
        '2026-03-14T09:26:53.150Z served',
        '',
        '==> /var/log/worker.log <==',
        '2026-03-14T09:26:53.200Z picked job 7',
        '',
        '==> api.log <==',
        '2026-03-14T09:26:53.300Z served again',
      ].join('\n'),
    });
    const x = only(a);
    expect(byLine(x)).toEqual(['api: started', 'api: served', 'worker: picked job 7', 'api: served again']);
    expect(a.inputs[0]!.reading.sourceColumn).toBe('tail -f sections');
  });

  it('reads the file name pieces: up to .log, rotations and dates after it', () => {
    expect(laneOfFile('nova-api.log.1.2017-05-16_13:53:08')).toBe('nova-api');
    expect(laneOfFile('/var/log/app.log')).toBe('app');
    expect(laneOfFile('out.txt')).toBe('out');
    const sp = newSpans();
    expect(readFilePrefix('catalog.login ok', 0, 16, sp)).toBe(false);
    expect(readFilePrefix('see: x', 0, 6, sp)).toBe(false);
  });
});

describe('text-log sources: fields and columns inside the line', () => {
  it('a service and a host field side by side: the service is the process, the host its clock domain', async () => {
    const x = only(
      await run({
        'mixed.log': [
          '2026-03-14T09:26:53.100Z INFO host=h1 svc=api charging',
          '2026-03-14T09:26:53.200Z INFO host=h2 svc=ledger booked',
          '2026-03-14T09:26:53.300Z INFO host=h2 svc=api charged',
          '2026-03-14T09:26:53.400Z INFO host=h1 svc=api done',
        ].join('\n'),
      }),
    );
    // api runs on two hosts: its second host's instance is a lane of its own.
    expect(x.processNames).toEqual(['api', 'api@h2', 'ledger']);
    expect(domainOf(x, 'api')).toBe('h1');
    expect(domainOf(x, 'api@h2')).toBe('h2');
    expect(domainOf(x, 'ledger')).toBe('h2');
    expect(byLine(x)[2]).toBe('api@h2: INFO host=h2 svc=api charged');
  });

  it('the lane is what the record\'s service field reads, in either reading path, and a key before the time still counts', async () => {
    for (const stamp of ['2026-03-14T09:26:53.1%dZ', '2026/03/14 09:26:53.1%d']) {
      const t = (i: number) => stamp.replace('%d', String(i).padStart(2, '0'));
      const services = ['api,', '"ledger"', 'api', 'ledger', 'api', 'api', 'ledger', 'api', 'api', 'api', 'ledger', 'api'];
      const x = only(
        await run({
          'mixed.log': [
            ...services.map((v, i) => `${t(i)} INFO svc=${v} host=h1 step ${i}${i === 1 ? ' (svc=other)' : ''}`),
            `${t(20)} INFO no source named here`,
          ].join('\n'),
          'ahead.log': services.map((v, i) => `svc=${v} ${t(i)} INFO step ${i}`).join('\n'),
        }),
      );
      const lanesOf = (input: string) => {
        const events = [...x.eventLine.keys()].filter((e) => x.inputs[x.eventInput[e]!] === input).sort((a, b) => x.eventLine[a]! - x.eventLine[b]!);
        return events.map((e) => x.processNames[x.eventProc[e]!]);
      };
      const want = ['api', 'ledger', 'api', 'ledger', 'api', 'api', 'ledger', 'api', 'api', 'api', 'ledger', 'api'];
      expect(lanesOf('mixed.log')).toEqual([...want, 'mixed']);
      expect(lanesOf('ahead.log')).toEqual(want);
      // The event's own field says the same as its lane (the trailing comma is not part of either).
      const first = [...x.eventLine.keys()].find((e) => x.eventLine[e] === 1 && x.eventInput[e] === x.inputs.indexOf('mixed.log'))!;
      expect(fieldsOf(x, first).svc).toBe('api');
    }
  });

  it('a node column right after the time (BGL-like) and one before it (HPC-like)', async () => {
    const nodes = ['R02-M1-N0-C:J12-U11', 'R33-M0-NA-C:J05-U11', 'R25-M1-NB-C:J11-U01'];
    const lines = Array.from({ length: 12 }, (_, i) => `2026-03-14T09:26:${String(10 + i).padStart(2, '0')}.000Z ${nodes[(i * 7) % 3]} RAS KERNEL INFO event ${i}`);
    const a = await run({ 'bgl.log': lines.join('\n') });
    const x = only(a);
    expect(x.processNames).toEqual([...nodes].sort());
    expect(byLine(x)[0]).toBe(`${nodes[0]}: ${lines[0]!.slice(25)}`);
    expect(a.inputs[0]!.reading).toMatchObject({ sourceColumn: 'column 2', sources: 3 });
    // The columns that never change (RAS, KERNEL) and the level name no sources.
    expect(a.inputs[0]!.reading.sourceCandidates).toEqual([]);

    const hpc = Array.from({ length: 12 }, (_, i) => `node-${(i * 5) % 4} 2026-03-14T09:26:${String(10 + i).padStart(2, '0')}Z unix.hw state change ${i}`);
    const y = only(await run({ 'hpc.log': hpc.join('\n') }));
    expect(y.processNames).toEqual(['node-0', 'node-1', 'node-2', 'node-3']);
  });

  it('a node column whose names hold thread-like words inside (HPC\'s Interconnect-0N00) is still a node column; conn1 and httpClient-3 are not', async () => {
    const nodes = ['node-246', 'gige7', 'Interconnect-0N00', 'Interconnect-1N01', 'node-109'];
    const hpc = Array.from({ length: 20 }, (_, i) => `${134681 + i} ${nodes[(i * 3) % 5]} unix.hw state_change.unavailable ${1077804742 + i} 1 Component State Change`);
    const a = await run({ 'hpc.log': hpc.join('\n') });
    expect(only(a).processNames).toEqual([...nodes].sort());
    expect(a.inputs[0]!.reading).toMatchObject({ sourceColumn: 'column 2', sources: 5 });
    for (const ids of [['conn1', 'conn2', 'conn3'], ['httpClient-1', 'httpClient-2', 'httpClient-3']]) {
      const lines = Array.from({ length: 20 }, (_, i) => `2026-03-14T09:26:${String(10 + i)}Z ${ids[i % 3]} did ${i}`);
      expect(only(await run({ 'app.log': lines.join('\n') })).processNames, ids[0]).toEqual(['app']);
    }
  });

  it('host-like values each met in one burst (a sample of a big cluster\'s log) are offered as a column, not chosen', async () => {
    // Thunderbird-like: label, epoch, date, node, then a syslog line; every node writes two lines and is not seen again.
    const lines = Array.from({ length: 40 }, (_, i) => `- ${1131566461 + i} 2005.11.09 dn${100 + (i >> 1)} Nov 9 12:01:${String(i % 60).padStart(2, '0')} dn${100 + (i >> 1)}/dn${100 + (i >> 1)} crond[${2915 + i}]: session opened`);
    const a = await run({ 'tbird.log': lines.join('\n') });
    expect(only(a).processNames).toEqual(['tbird']);
    expect(a.inputs[0]!.reading.sourceCandidates).toContain('column 4');
    const b = await run({ 'tbird.log': lines.join('\n') }, { sourceColumns: { 'tbird.log': 'column 4' } });
    expect(only(b).processNames).toHaveLength(20);
    expect(b.inputs[0]!.reading).toMatchObject({ sourceColumn: 'column 4', sources: 20 });
  });

  it('hundreds of hosts in one file become hundreds of processes, each line on its host', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`2026-03-14T09:26:53.${String(i).padStart(4, '0')}Z dn${(i * 37) % 300} kernel: tick ${i}`);
    const x = only(await run({ 'cluster.log': lines.join('\n') }));
    expect(x.processNames).toHaveLength(300);
    const rows = byLine(x);
    for (let i = 0; i < 3000; i += 97) expect(rows[i]).toBe(`dn${(i * 37) % 300}: dn${(i * 37) % 300} kernel: tick ${i}`);
  });

  it('does not split by a level, a thread id, a [thread] name, a logger or a request id', async () => {
    const shapes: Record<string, string[]> = {
      'level.log': Array.from({ length: 20 }, (_, i) => `2026-03-14T09:26:${String(10 + i)}Z ${['INFO', 'WARN', 'ERROR'][i % 3]} did ${i}`),
      'tid.log': Array.from({ length: 20 }, (_, i) => `2026-03-14T09:26:${String(10 + i)}Z ${[148, 222, 35][i % 3]} INFO dfs.DataNode: did ${i}`),
      'thread.log': Array.from({ length: 20 }, (_, i) => `2026-03-14 09:26:${String(10 + i)},123 INFO [${['main', 'pool-1-thread-2', 'worker-3'][i % 3]}] c.e.Foo: did ${i}`),
      'worker.log': Array.from({ length: 20 }, (_, i) => `2026-03-14T09:26:${String(10 + i)}Z worker-${i % 3} did ${i}`),
      'req.log': Array.from({ length: 20 }, (_, i) => `2026-03-14T09:26:${String(10 + i)}Z req${Math.floor(i / 3)}a did ${i}`),
      'pidrole.log': Array.from({ length: 20 }, (_, i) => `2026-03-14T09:26:${String(10 + i)}Z ${['1:M', '27:C'][i % 2]} * did ${i}`),
    };
    for (const [name, lines] of Object.entries(shapes)) {
      const x = only(await run({ [name]: lines.join('\n') }));
      expect(x.processNames, name).toEqual([name.replace('.log', '')]);
      expect(x.eventCount, name).toBe(20);
    }
  });

  it('offers the thread and component columns as candidates, and reads one when the user picks it', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `2026-03-14 09:26:${String(10 + i)},123 INFO [${['main', 'io'][i % 2]}] c.e.Foo: did ${i}`);
    const a = await run({ 'app.log': lines.join('\n') });
    expect(only(a).processNames).toEqual(['app']);
    expect(a.inputs[0]!.reading.sourceColumn).toBeUndefined();
    expect(a.inputs[0]!.reading.sourceCandidates).toContain('column 4');
    const b = await run({ 'app.log': lines.join('\n') }, { sourceColumns: { 'app.log': 'column 4' } });
    expect(only(b).processNames).toEqual(['[io]', '[main]']);
    expect(b.inputs[0]!.reading).toMatchObject({ sourceColumn: 'column 4', sources: 2 });
  });

  it("'none' reads a multi-source file as one source; an unknown choice is said and the detected one kept", async () => {
    const text = ['web-1  | 2026-03-14T09:26:53.100Z a', 'db-1   | 2026-03-14T09:26:53.200Z b'].join('\n');
    const a = await run({ 'c.log': text }, { sourceColumns: { 'c.log': 'none' } });
    expect(only(a).processNames).toEqual(['c']);
    // The prefix still comes off: the time is read after it.
    expect(textsOf(only(a))).toEqual(['a', 'b']);
    const b = await run({ 'c.log': text }, { sourceColumns: { 'c.log': 'field nope=' } });
    expect(only(b).processNames).toEqual(['c']);
    const c = await run({ 'c.log': text }, { sourceColumns: { 'c.log': 'colum 2' } });
    expect(only(c).processNames).toEqual(['db-1', 'web-1']);
    expect(c.diagnostics.some((d) => d.message.includes('source column "colum 2"'))).toBe(true);
  });
});

describe('syslog heads after the time', () => {
  it('host tag[pid]: and host tag: after a journal time name the app on its host', async () => {
    const x = only(
      await run({
        'journal.log': [
          '1773480413.123456 web-1 systemd[1]: Started Session 9',
          '1773480414.000001 web-1 kernel: usb 1-1: new device',
          '1773480415.000001 web-2 kernel: eth0 up',
          '1773480416.000001 web-2 sshd[611]: Accepted key',
        ].join('\n'),
      }),
    );
    expect(x.processNames).toEqual(['kernel', 'kernel@web-2', 'sshd', 'systemd']);
    expect(domainOf(x, 'kernel@web-2')).toBe('web-2');
  });

  it('reports as many sources as syslog lanes, whether the layout or the head after the time names them', async () => {
    const rfc3164 = ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass', 'Jun 14 15:16:02 combo su(pam_unix)[21416]: session opened', 'Jun 14 15:16:03 mail sshd(pam_unix)[7]: check pass', 'Jun 14 15:16:04 combo sshd(pam_unix)[19940]: x'];
    const a = await run({ 'messages.log': rfc3164.join('\n') });
    expect(only(a).processNames).toHaveLength(3);
    expect(a.inputs[0]!.reading).toMatchObject({ sourceColumn: 'syslog host', sources: 3 });
    const journal = ['1773480413.123456 web-1 systemd[1]: Started', '1773480414.000001 web-1 kernel: up', '1773480415.000001 web-2 kernel: up', '1773480416.000001 web-1 systemd[1]: x'];
    const b = await run({ 'journal.log': journal.join('\n') });
    expect(only(b).processNames).toEqual(['kernel', 'kernel@web-2', 'systemd']);
    expect(b.inputs[0]!.reading).toMatchObject({ sourceColumn: 'syslog host', sources: 3 });
  });

  it('reads the looser tags: spaces before a pid, no colon after it; never a level or a sentence', () => {
    const sp = newSpans();
    const head = (s: string) => {
      const k = readSyslogHead(s, 0, s.length, sp);
      return k === 0 ? null : [s.slice(sp.a0, sp.a1), s.slice(sp.b0, sp.b1), k];
    };
    expect(head('mac Google Chrome Helper[4417]: hi')).toEqual(['mac', 'Google Chrome Helper', 2]);
    expect(head('mac com.apple.xpc.launchd[1] (com.apple.x)')).toEqual(['mac', 'com.apple.xpc.launchd', 2]);
    expect(head('web-1 kernel: eth0 up')).toEqual(['web-1', 'kernel', 1]);
    expect(head('server listening on: 8080')).toBeNull();
    expect(head('-  INFO [main] x')).toBeNull();
  });
});
