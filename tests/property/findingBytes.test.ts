/**
 * The JSON document's findings and anomalies of an execution built here are
 * written from the result (findingBytes.ts); a copy of the execution is
 * written from its DocFinding and DocAnomaly lists by JSON.stringify. The two
 * must be the same bytes: on random executions (skew, redeliveries, lost
 * messages, awkward process names), on every sample (a node failure's
 * timeline among them), and on anomalies whose fields JSON.stringify treats
 * apart (undefined in a detail, a summary with quotes, line separators and
 * a lone surrogate, an event named twice).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { Anomaly } from '../../src/core/anomalies/anomaly';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../../src/core/document/analysisDocument';
import { randomInputs, stepsArb } from './randomExecution';

const SAMPLES = join(__dirname, '..', '..', 'sample-logs');

/** The document written from the results, and from a copy of each execution (its lists, by JSON.stringify). */
function bothWays(a: Analysis): [string, string] {
  const model = buildAnalysisDocument(a);
  const copy = { ...model, executions: model.executions.map((x) => ({ ...x })) };
  return [serializeAnalysisDocument(model), serializeAnalysisDocument(copy)];
}

function listed(text: string): { findings: number; anomalies: number; timelines: number } {
  const doc = JSON.parse(text) as { executions: { findings: { timeline?: unknown }[]; anomalies: unknown[] }[] };
  let findings = 0;
  let anomalies = 0;
  let timelines = 0;
  for (const x of doc.executions) {
    findings += x.findings.length;
    anomalies += x.anomalies.length;
    timelines += x.findings.filter((f) => f.timeline).length;
  }
  return { findings, anomalies, timelines };
}

describe('findings and anomalies written from the result', () => {
  it('are the bytes JSON.stringify writes for their lists, on random executions', async () => {
    const kinds = new Set<string>();
    let anomalies = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const a = await analyze(randomInputs(steps));
        const [fromResult, fromLists] = bothWays(a);
        expect(fromResult).toBe(fromLists);
        for (const r of a.executions) for (const an of r.anomalies) kinds.add(an.kind);
        anomalies += listed(fromResult).anomalies;
      }),
      { numRuns: 80 },
    );
    expect(anomalies, 'anomalies written').toBeGreaterThan(50);
    expect(kinds.size, `kinds met: ${[...kinds].join(', ')}`).toBeGreaterThanOrEqual(2);
  });

  it('are the same bytes on every sample, a node failure’s timeline among them', async () => {
    let timelines = 0;
    let findings = 0;
    for (const dir of readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const files = readdirSync(join(SAMPLES, dir.name)).filter((f) => !f.endsWith('.md'));
      const a = await analyze(files.map((f) => ({ name: `${dir.name}/${f}`, bytes: readFileSync(join(SAMPLES, dir.name, f)) })));
      const [fromResult, fromLists] = bothWays(a);
      expect(fromResult, dir.name).toBe(fromLists);
      const n = listed(fromResult);
      timelines += n.timelines;
      findings += n.findings;
    }
    expect(timelines, 'node-failure timelines').toBeGreaterThan(0);
    expect(findings).toBeGreaterThan(10);
  });

  it('are the same bytes for details with undefined in them and a summary JSON.stringify escapes', async () => {
    const a = await analyze(randomInputs([
      { proc: 0, kind: 1, ms: 10, zone: 1, timed: true, text: 'send' },
      { proc: 3, kind: 2, ms: 5, zone: 1, timed: true, text: 'receive' },
      { proc: 4, kind: 0, ms: 7, zone: 1, timed: true, text: 'local' },
    ]));
    const r = a.executions[0]!;
    const odd: Anomaly[] = [
      { kind: 'clock-skew', severity: 'warning', events: [0, 1], summary: 'a "quoted" \\ word, a line\u2028separator, a lone \ud800 surrogate and ünï-cødé', detail: { gone: undefined } },
      { kind: 'unmatched-send', severity: 'info', events: [], summary: '', detail: { nested: { list: [1, 'two', null], none: undefined } } },
      { kind: 'unmatched-send', severity: 'critical', events: [2, 2, 0], summary: 'twice', detail: {} },
    ];
    r.anomalies.push(...odd);
    const [fromResult, fromLists] = bothWays(a);
    expect(fromResult).toBe(fromLists);
    const doc = JSON.parse(fromResult);
    const written = doc.executions[0].anomalies as { summary: string; detail?: unknown }[];
    expect(written.find((w) => w.summary.startsWith('a "quoted"'))?.detail).toEqual({});
    expect(written.find((w) => w.summary === '')?.detail).toEqual({ nested: { list: [1, 'two', null] } });
  });
});
