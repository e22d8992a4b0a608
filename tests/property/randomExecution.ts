/**
 * Random small executions for the export tests: processes (some with awkward
 * names) exchanging messages by msg_id in JSON lines, with sends received
 * once, twice or never, local events, fields that are constant on a process
 * or not (an integer-like key, a key twice on a line), and untimed lines, so
 * vector clocks, hoisted fields and corrected times all vary.
 */
import fc from 'fast-check';
import type { InputData } from '../../src/core/read/analyzeInput';

export const PROCESS_NAMES = ['api', 'db', 'web:1', '__proto__', 'ünï-cødé'];

export interface RandomStep {
  proc: number;
  /** 0 local, 1 send, 2 receive of the oldest message another process sent and is still open (else local). */
  kind: number;
  ms: number;
  zone: number;
  timed: boolean;
  text: string;
}

const stepArb: fc.Arbitrary<RandomStep> = fc.record({
  proc: fc.nat({ max: PROCESS_NAMES.length - 1 }),
  kind: fc.nat({ max: 2 }),
  ms: fc.nat({ max: 5000 }),
  zone: fc.nat({ max: 6 }),
  timed: fc.nat({ max: 4 }).map((n) => n > 0),
  text: fc.oneof(fc.constantFrom('started', 'done', 'ümlaut ✓ 日本', 'a "quoted" word', 'x=1 y=2'), fc.string({ maxLength: 10 })),
});

export const stepsArb = fc.array(stepArb, { minLength: 1, maxLength: 60 });

/** One JSON-lines input per process that logged something; hosts skewed so corrected times differ. */
export function randomInputs(steps: RandomStep[]): InputData[] {
  const lines: string[][] = PROCESS_NAMES.map(() => []);
  const open: { id: string; from: number }[] = [];
  let n = 0;
  const clock = PROCESS_NAMES.map(() => 0);
  for (const s of steps) {
    clock[s.proc] = Math.max(clock[s.proc]!, s.ms) + 1;
    const base = Date.UTC(2026, 2, 14, 9) + clock[s.proc]! + s.proc * 37;
    const line: Record<string, unknown> = {};
    if (s.timed) line['ts'] = new Date(base).toISOString();
    line['service'] = PROCESS_NAMES[s.proc];
    line['host'] = `h${s.proc % 3}`;
    // Constant on most processes, varying on one: hoisted or not.
    line['zone'] = s.proc === 1 ? `z${s.zone}` : 'eu';
    line['msg'] = s.text;
    if (s.kind === 1) {
      const id = `m${++n}`;
      open.push({ id, from: s.proc });
      line['msg_id'] = id;
      line['dir'] = 'send';
    } else if (s.kind === 2) {
      const k = open.findIndex((m) => m.from !== s.proc);
      if (k >= 0) {
        line['msg_id'] = open[k]!.id;
        line['dir'] = 'recv';
        if (s.zone > 0) open.splice(k, 1); // else delivered again later
      }
    }
    if (s.zone === 3) line['42'] = 'an integer-like key'; // JSON.stringify puts it first
    const json = JSON.stringify(line);
    // A key twice on one line: the record keeps one.
    lines[s.proc]!.push(s.zone === 4 ? `${json.slice(0, -1)},"dup":"a","dup":"b"}` : json);
  }
  return PROCESS_NAMES.flatMap((name, p) =>
    lines[p]!.length === 0 ? [] : [{ name: `p${p}-${name.replace(/[^a-z0-9]/gi, '_')}.jsonl`, bytes: new TextEncoder().encode(lines[p]!.join('\n') + '\n') }],
  );
}
