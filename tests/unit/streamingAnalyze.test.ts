/**
 * analyze() over stream inputs: the same result as over the same bytes in
 * memory, for every line-based format and any chunking; progress and the
 * checkpoint inside one big input; a whole-document format refuses an input
 * over its size cap with a diagnostic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { AnalysisCancelled, type Progress } from '../../src/core/read/analyzeHooks';
import type { StreamInput } from '../../src/core/input/inputSource';
import { textsOf } from '../../src/core/model/execution';

const enc = new TextEncoder();

function streamOf(name: string, bytes: Uint8Array, cuts: number[]): StreamInput {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return {
    name,
    size: bytes.length,
    async *stream() {
      let at = 0;
      for (const p of [...points, bytes.length]) {
        if (p > at) yield bytes.slice(at, p);
        at = p;
      }
    },
  };
}

/** Everything a user can see of an analysis, as plain data. */
function view(a: Analysis): unknown {
  return {
    inputs: a.inputs,
    diagnostics: a.diagnostics,
    executions: a.executions.map(({ execution: x, anomalies }) => ({
      processNames: x.processNames,
      texts: textsOf(x),
      timeMs: [...x.timeMs],
      timeNs: [...x.timeNs],
      lines: [...x.eventLine],
      fields: [...x.fieldKey].map((k, i) => `${x.strings.get(k)}=${x.strings.get(x.fieldValue[i]!)}`),
      fieldStart: [...x.fieldStart],
      edges: [...x.edgeFrom].map((f, i) => [f, x.edgeTo[i]]),
      anomalies: anomalies.length,
    })),
  };
}

const SAMPLES: Record<string, string> = {
  'api.jsonl':
    '\ufeff{"ts":"2026-03-14T09:00:00.001Z","service":"api","host":"h1","msg":"send é","msg_id":"m1","dir":"send","to":"db"}\r\n' +
    'not json\n\n' +
    '{"ts":"2026-03-14T09:00:00.004Z","service":"db","msg":"got 😀","msg_id":"m1","dir":"recv","from":"api","n":12345678901234567890}\n' +
    '{"time":"bad","service":"db","message":"no time"}\n{"service":"api","msg":"last"}',
  'svc.log':
    '2026-03-14T09:00:00.002Z INFO sent req_id=r1 dir=send to=ledger\n' +
    'java.lang.IllegalStateException: boom\r\n\tat com.x.Y.run(Y.java:10)\n' +
    '2026-03-14 09:00:01,500 WARN received req_id=r1 dir=recv from=svc\n',
  'sys.log': 'Mar 14 09:26:53 host1 app[12]: start\nDec 31 23:59:59 host1 app[12]: later\nnote 2026-03-14 09:00 dated\nJan  1 00:00:01 host2 app: new year\n',
  'k.logfmt.log': 'ts=2026-03-14T09:00:00Z level=info service=a msg="hello there" req=1\n  continued line\nts=2026-03-14T09:00:01Z level=info service=b msg=bye req=1\nbroken="x\n',
  'rows.csv': 'ts,service,host,msg,msg_id\r\n2026-03-14T09:00:00Z,api,h1,"quoted, with\nnewline",m1\r\n2026-03-14T09:00:01Z,db,h2,plain req_id=7,m1\r\n,,,,\r\n2026-03-14T09:00:02Z,db,h2,"unterminated\n',
};

describe('analyze over streams', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`reads ${name} the same in any chunks as in one buffer`, async () => {
      const bytes = enc.encode(text);
      const want = view(await analyze([{ name, bytes }]));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 10 }), async (cuts) => {
          expect(view(await analyze([streamOf(name, bytes, cuts)]))).toEqual(want);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('reads a CSV of several MB with quoted newlines the same in small chunks (the CSV scanner fed chunk by chunk)', async () => {
    const rows = ['time,service,msg,req_id'];
    for (let i = 0; i < 40000; i++) rows.push(`2026-03-14T09:00:${String(i % 60).padStart(2, '0')}Z,svc-${i % 7},"line ${i}\nsecond, ""quoted"" part",r${i % 1000}`);
    const bytes = enc.encode(rows.join('\n'));
    expect(bytes.length).toBeGreaterThan(2 << 20);
    const want = view(await analyze([{ name: 'big.csv', bytes }]));
    const cuts = Array.from({ length: 300 }, (_, k) => Math.floor((k * 7919 * 1013) % bytes.length));
    expect(view(await analyze([streamOf('big.csv', bytes, cuts)]))).toEqual(want);
  });

  it('reports progress and calls the checkpoint inside one big input', async () => {
    const line = '2026-03-14T09:00:00.000001Z INFO a message of moderate length req_id=1\n';
    const bytes = enc.encode(line.repeat(Math.ceil((40 << 20) / line.length)));
    const input = streamOf('big.log', bytes, Array.from({ length: 40 }, (_, k) => (k + 1) << 20));
    const seen: Progress[] = [];
    let checkpoints = 0;
    await analyze([input], {}, { onProgress: (p) => seen.push(p), checkpoint: () => void checkpoints++ });
    const inside = seen.filter((p) => p.stage === 'read' && p.bytesDone > 0 && p.bytesDone < bytes.length);
    expect(inside.length).toBeGreaterThanOrEqual(2);
    expect(inside.some((p) => p.events > 0)).toBe(true);
    expect(checkpoints).toBeGreaterThan(3);

    let calls = 0;
    const cancelled = analyze([input], {}, {
      checkpoint: () => {
        if (++calls === 2) throw new AnalysisCancelled();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(AnalysisCancelled);
  });

  it('refuses a whole-document input over the size cap with a diagnostic naming it and the cap', async () => {
    const govector = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n'.repeat(50);
    const bytes = enc.encode(govector);
    const a = await analyze([streamOf('run-Log.txt', bytes, [100, 1000])], {}, { documentSizeCap: 1024 });
    const d = a.diagnostics.find((x) => x.input === 'run-Log.txt' && x.severity === 'error');
    expect(d?.message).toMatch(/run-Log\.txt is 2\.9 KiB; .*inputs over 1\.0 KiB .*not read/);
    expect(a.executions.every((x) => x.execution.eventCount === 0)).toBe(true);
    // Under the cap it is read.
    const ok = await analyze([streamOf('run-Log.txt', bytes, [100, 1000])]);
    expect(ok.executions[0]!.execution.eventCount).toBe(100);
  });
});
