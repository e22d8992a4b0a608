import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../../src/core/document/analysisDocument';

const enc = (s: string) => new TextEncoder().encode(s);
const jsonl = (...rows: object[]) => enc(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

const client = jsonl(
  { ts: '2026-03-14T09:00:00.000Z', service: 'client', msg: 'send', msg_id: 'm1', dir: 'send' },
  { ts: '2026-03-14T09:00:00.050Z', service: 'client', msg: 'got reply', msg_id: 'm2', dir: 'recv' },
);
const server = jsonl(
  { ts: '2026-03-14T09:00:00.010Z', service: 'server', msg: 'recv', msg_id: 'm1', dir: 'recv' },
  { ts: '2026-03-14T09:00:00.020Z', service: 'server', msg: 'reply', msg_id: 'm2', dir: 'send' },
);
const govector = enc('alice {"alice":1}\nhello\nbob {"alice":1, "bob":1}\nhi back\n');

describe('analyze', () => {
  it('says a binary file is not text, and analyzes the other inputs', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const a = await analyze([
      { name: 'image.png', bytes: binary },
      { name: 'client.jsonl', bytes: client },
      { name: 'server.jsonl', bytes: server },
    ]);
    const d = a.diagnostics.find((x) => x.input === 'image.png');
    expect(d).toMatchObject({ line: 0, severity: 'error' });
    expect(d!.message).toMatch(/not a text file/);
    expect(a.inputs.find((i) => i.name === 'image.png')).toMatchObject({ format: 'unknown', events: 0 });
    expect(a.executions[0]!.execution.eventCount).toBe(4);
    expect(a.executions[0]!.execution.edgeCount).toBe(2);
  });

  it('reads a text file without timestamps in logical order and says so', async () => {
    const a = await analyze([{ name: 'notes.txt', bytes: enc('just some words\nand more words\n') }]);
    expect(a.diagnostics).toHaveLength(1);
    expect(a.diagnostics[0]!.message).toMatch(/^no timestamps: logical order only \(2 lines/);
    expect(a.inputs[0]).toMatchObject({ format: 'text', events: 2 });
  });

  it('reports an input of no known format', async () => {
    const a = await analyze([{ name: 'blank.txt', bytes: enc('  \n\n') }]);
    expect(a.diagnostics[0]!.message).toMatch(/format not recognised; none of its 2 lines were read/);
    expect(a.executions).toHaveLength(0);
  });

  it('counts unreadable lines as skipped and lists each with its line', async () => {
    const bad = enc('{"ts":"2026-03-14T09:00:00Z","service":"a","msg":"ok"}\n{not json\n{"ts":"2026-03-14T09:00:01Z","service":"a","msg":"ok"}\n');
    const a = await analyze([{ name: 'a.jsonl', bytes: bad }]);
    expect(a.inputs[0]).toMatchObject({ name: 'a.jsonl', format: 'jsonl', events: 2, skipped: 1 });
    expect(a.diagnostics.filter((d) => d.input === 'a.jsonl').map((d) => d.line)).toEqual([2]);
  });

  it('gives byte-identical documents whatever order the files come in', async () => {
    const files = [
      { name: 'server.jsonl', bytes: server },
      { name: 'alice-Log.txt', bytes: govector },
      { name: 'client.jsonl', bytes: client },
    ];
    const one = serializeAnalysisDocument(buildAnalysisDocument(await analyze(files)));
    const two = serializeAnalysisDocument(buildAnalysisDocument(await analyze([...files].reverse())));
    expect(two).toBe(one);
    expect(JSON.parse(one).executions[0].processes.map((p: { name: string }) => p.name)).toEqual(['alice', 'bob', 'client', 'server']);
  });

  it('reports progress and stops when the checkpoint throws', async () => {
    const seen: number[] = [];
    const stop = new Error('stop');
    let calls = 0;
    await expect(
      analyze([{ name: 'client.jsonl', bytes: client }, { name: 'server.jsonl', bytes: server }], {}, {
        onProgress: (p) => seen.push(p.bytesDone),
        checkpoint: () => {
          if (++calls === 2) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(seen).toEqual([client.length]);
  });
});

describe('clock-domain mapping chosen by the user', () => {
  it('puts processes of any format on the domains the user names', async () => {
    const a = await analyze([{ name: 'client.jsonl', bytes: client }, { name: 'server.jsonl', bytes: server }], {
      clockDomainOf: { client: 'host-1', server: 'host-1' },
    });
    const x = a.executions[0]!.execution;
    expect(x.domainNames).toEqual(['host-1']);
    expect([...x.processDomain]).toEqual([0, 0]);
    // One clock: no offsets to estimate, and no clock-skew between them.
    expect(a.executions[0]!.anomalies.filter((an) => an.kind === 'clock-skew')).toEqual([]);
  });
});
