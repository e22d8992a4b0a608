/**
 * Broken Kubernetes dumps give diagnostics with line numbers, never a throw:
 * truncated JSON (a List cut short keeps its complete items), a bad audit
 * line among good ones, wrong kinds, null timestamps, broken YAML, stray
 * table lines, and a fast-check fuzz of mutated fixtures.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { fieldsOf, hasTime } from '../../src/core/model/execution';
import { fixture, one, run, textInput } from './k8sTestKit';

const text = (f: string) => readFileSync(new URL(`../fixtures/k8s/${f}`, import.meta.url), 'utf8');

describe('malformed Kubernetes dumps', () => {
  it('reads the complete items of a truncated List and says where it was cut', async () => {
    const whole = text('node-failure.json');
    const cut = whole.slice(0, whole.indexOf('"e12"'));
    const { a, x } = await run([textInput('cut.json', cut)]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 11, skipped: 1 });
    expect(a.diagnostics).toContainEqual({ input: 'cut.json', line: 1, severity: 'warning', message: 'JSON value starting here is cut off: the input ends inside it (truncated dump?); its 11 complete items were read' });
    expect(x.eventLine[one(x, 'taint-eviction-controller', 'TaintManagerEviction', 'web-7c9f8d6b5-bbbbb')]).toBeGreaterThan(200);
  });

  it('skips a broken audit line with its line number and reads the lines after it', async () => {
    const lines = text('audit.log').split('\n');
    lines[3] = lines[3]!.slice(0, 80);
    const { a, x } = await run([textInput('audit.log', lines.join('\n'))]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', skipped: 1 });
    expect(a.diagnostics.find((d) => d.severity === 'warning')).toMatchObject({ line: 4, message: 'JSON value starting here is broken or incomplete; reading resumes at line 5' });
    expect(x.processNames).toEqual(['kube-apiserver']);
    expect(x.eventCount).toBe(2); // the create (two stages, one request) and the delete; the binding line was broken
  });

  it('reports wrong kinds: an Event without its object, a kindless object, and lists objects that are not Events', async () => {
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Event', apiVersion: 'v1', metadata: { name: 'a' }, reason: 'X', message: 'no object' },
        { apiVersion: 'v1', metadata: { name: 'b' } },
        { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'd' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } },
        { kind: 'Event', apiVersion: 'v1', metadata: { name: 'p.1' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'd' }, reason: 'Pulled', message: 'ok', source: { component: 'kubelet', host: 'n1' }, firstTimestamp: '2024-01-01T00:00:00Z' },
      ],
    }, null, 2);
    const { a, x } = await run([textInput('mixed.json', dump)]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 2, skipped: 2 });
    const warnings = a.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => [d.line, d.message])).toEqual([
      [4, 'Event names no object (involvedObject / regarding is missing or empty)'],
      [13, 'not a Kubernetes object (no kind)'],
    ]);
    expect(a.diagnostics.some((d) => d.severity === 'info' && /not Events \(Pod ×1\)/.test(d.message))).toBe(true);
    expect(x.processNames).toEqual(['kubelet@n1', 'watch']);
    expect(fieldsOf(x, one(x, 'watch', 'listed'))).toMatchObject({ node: 'n1', state: 'Running' });
  });

  it('keeps an event whose timestamps are all null, untimed, with one warning naming its line', async () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Event',
      'metadata: {name: broken, namespace: d}',
      'involvedObject: {kind: Pod, name: p, namespace: d}',
      'reason: Started',
      'message: started',
      'source: {component: kubelet, host: n1}',
      'eventTime: null',
      'firstTimestamp: null',
      'lastTimestamp: null',
      '',
    ].join('\n');
    const { a, x } = await run([textInput('null-times.yaml', yaml)]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 1, skipped: 0 });
    expect(hasTime(x, 0)).toBe(false);
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ line: 1, severity: 'warning', message: expect.stringMatching(/^1 event has no usable timestamp/) }));
  });

  it('reports a broken YAML document and reads the others', async () => {
    const good = text('events-k8s-io-v1.yaml');
    const { a } = await run([textInput('bad.yaml', `${good}---\nkind: Event\ninvolvedObject:\n  kind: Pod\n   name: [unclosed\n`)]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 4, skipped: 1 });
    expect(a.diagnostics.find((d) => d.severity === 'warning')?.message).toMatch(/^YAML document is not valid/);
  });

  it('skips table lines that are not rows, with their line numbers', async () => {
    const { a } = await run([textInput('t.txt', `${text('get-events.txt')}\nNo resources found in default namespace.\n`)]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s-table', events: 6, skipped: 1 });
    expect(a.diagnostics.find((d) => d.severity === 'warning')).toMatchObject({ line: 9 });
  });

  it('never throws on mutated fixtures (fuzz): cuts, splices and garbage give diagnostics', async () => {
    const sources = ['node-failure.json', 'audit.log', 'events-k8s-io-v1.yaml', 'get-events-all-wide.txt', 'watch-events.jsonl', 'kubectl-events.txt'].map(text);
    const mutation = fc.record({
      source: fc.nat(sources.length - 1),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.nat(200),
      insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('null', '{', '}', '"', '\n---\n', '  ', '"eventTime": "2024-13-99T"', '[')),
      format: fc.constantFrom(undefined, 'k8s', 'k8s-table'),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const src = sources[m.source]!;
        const at = Math.floor(m.at * src.length);
        const mutated = src.slice(0, at) + m.insert + src.slice(at + m.len);
        const result = await analyze([textInput('fuzz.in', mutated)], m.format ? { format: m.format } : {});
        expect(result.inputs).toHaveLength(1);
        for (const ex of result.executions) expect(ex.execution.eventCount).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150, seed: 4 },
    );
  });
});

describe('fixture sanity', () => {
  it('reads every fixture without warnings', async () => {
    for (const f of ['node-failure.json', 'skewed-node.json', 'audit.log', 'audit-events.json', 'events-k8s-io-v1.yaml', 'watch-events.jsonl', 'get-events.txt', 'get-events-all-wide.txt', 'get-events-old-layout.txt', 'kubectl-events.txt', 'get-events-watch.txt', 'get-pods-watch.txt']) {
      const { a } = await run([fixture(f)]);
      expect(a.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && !/clock offsets/.test(d.message))), f).toEqual([]);
    }
  });
});
