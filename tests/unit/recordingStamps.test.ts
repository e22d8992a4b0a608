/**
 * Which inputs stamp events when they are recorded (Execution.recordedInputs)
 * and how the tolerance is set: Kubernetes events and audit stages, access
 * logs; not plain ISO text logs nor a watcher's objects. The CLI's
 * --recording-tolerance and --correlation-pattern.
 */
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/cliArgs';
import { analyze } from '../../src/core/analysis/analyze';
import { recordingSlackMs } from '../../src/core/offsets/recordingSlack';
import { fixture, textInput } from './k8sTestKit';

describe('recording stamps', () => {
  it('marks an access log, not the application log beside it', async () => {
    const a = await analyze([
      textInput('access.log', '10.0.0.1 - - [14/Mar/2026:09:26:53 +0000] "GET /a HTTP/1.1" 200 512\n10.0.0.2 - - [14/Mar/2026:09:26:54 +0000] "GET /b HTTP/1.1" 404 0\n'),
      textInput('app.log', '2026-03-14T09:26:53.100Z handled /a\n2026-03-14T09:26:54.100Z handled /b\n'),
    ]);
    const x = a.executions[0]!.execution;
    expect(x.inputs.map((n, i) => [n, x.recordedInputs?.[i]])).toEqual([
      ['access.log', 1],
      ['app.log', 0],
    ]);
    const first = (input: string) => [...Array(x.eventCount).keys()].find((e) => x.inputs[x.eventInput[e]!] === input)!;
    expect(recordingSlackMs(x, first('access.log'))).toBe(1000);
    expect(recordingSlackMs(x, first('app.log'))).toBe(0);
  });

  it('marks Kubernetes events and takes the tolerance from the options', async () => {
    const a = await analyze([fixture('kind-two-nodes-slow-worker.json')], { recordingToleranceMs: 250 });
    const x = a.executions[0]!.execution;
    expect([...x.recordedInputs!]).toEqual([1]);
    expect(recordingSlackMs(x, 0)).toBe(250);
  });

  it('leaves an execution of plain ISO logs unmarked', async () => {
    const a = await analyze([textInput('app.log', '2026-03-14T09:26:53.100Z a\n')]);
    expect(a.executions[0]!.execution.recordedInputs).toBeUndefined();
  });

  it('reads --recording-tolerance and repeated --correlation-pattern from the command line', () => {
    const ok = parseCliArgs(['analyze', '--recording-tolerance', '250', '--correlation-pattern', 'order-\\d+', '--correlation-pattern=tkt_(\\w+)', 'x.log']);
    expect(ok).toMatchObject({ ok: true, value: { recordingToleranceMs: 250, correlationPatterns: ['order-\\d+', 'tkt_(\\w+)'], paths: ['x.log'] } });
    expect(parseCliArgs(['analyze', '--recording-tolerance', '-1', 'x'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['analyze', '--correlation-pattern', '(', 'x'])).toMatchObject({ ok: false });
  });
});
