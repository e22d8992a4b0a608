/**
 * mergeExecutionParts over parts read apart, against one reader over every
 * input: the same columns and string ids whether the first part's string
 * table is taken over (its strings all come first: the analysis's own part,
 * which reads the first inputs in name order) or a fresh one is made, and the
 * table is taken over only when that keeps every id.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { InputData } from '../../src/core/read/analyzeInput';
import type { Execution } from '../../src/core/model/execution';
import { mergeExecutionParts } from '../../src/core/parallel/mergeParts';
import { packPart, unpackPart } from '../../src/core/parallel/packPart';
import type { PartResult } from '../../src/core/parallel/partResult';
import { readPart } from '../../src/core/parallel/readPart';

const iso = (ms: number) => new Date(Date.UTC(2026, 2, 14, 9) + ms).toISOString();
const enc = (s: string) => new TextEncoder().encode(s);

/** Text logs: processes spread over files, message ids sent in one file and received in another, values shared across files. */
function inputs(): InputData[] {
  const line = (ms: number, svc: string, rest: string) => `${iso(ms)} INFO ${rest} service=${svc} host=${svc.length % 3 === 0 ? 'h1' : 'h2'}`;
  const file = (from: number, svc: string, peer: string) =>
    Array.from({ length: 300 }, (_, i) => line(from + i * 7, i % 5 === 0 ? peer : svc, i % 4 === 0 ? `sent msg_id=m${(from + i) % 97} dir=send` : i % 4 === 1 ? `got msg_id=m${(from + i + 3) % 97} dir=recv` : `step ${i} user=u${i % 11}`)).join('\n');
  return [
    { name: 'a.log', bytes: enc(file(0, 'api', 'db')) },
    { name: 'b.log', bytes: enc(file(1000, 'db', 'web')) },
    { name: 'c.log', bytes: enc(file(2000, 'web', 'api')) },
    { name: 'd.log', bytes: enc(`${file(3000, 'queue', 'api')}\n${line(9999, 'ünï-cødé', 'ümlaut ✓ 日本 id=new1')}`) },
  ];
}

const table = (x: Execution) => Array.from({ length: x.strings.size }, (_, i) => x.strings.get(i));

function differingColumns(a: Execution, b: Execution): string[] {
  const out = Object.keys(b).filter((k) => k !== 'strings' && !isDeepStrictEqual(a[k as keyof Execution], b[k as keyof Execution]));
  if (!isDeepStrictEqual(table(a), table(b))) out.push('strings');
  return out;
}

async function parts(all: InputData[], own: string[]): Promise<{ mine: PartResult; theirs: PartResult; rank: Map<string, number> }> {
  const mine = await readPart(all.filter((i) => own.includes(i.name)), {});
  // The other part crosses a thread as the CLI's and the page's do: packed and unpacked.
  const theirs = unpackPart(packPart(await readPart(all.filter((i) => !own.includes(i.name)), {})));
  const rank = new Map(all.map((i) => i.name).sort().map((n, i) => [n, i]));
  return { mine, theirs, rank };
}

describe('mergeExecutionParts', () => {
  it('takes over the table of the part whose strings come first, and merges to what one reader reads', async () => {
    const all = inputs();
    const one = (await readPart(all, {})).executions[0]!.execution;
    for (const own of [['a.log'], ['a.log', 'b.log'], ['a.log', 'b.log', 'c.log']]) {
      const { mine, theirs, rank } = await parts(all, own);
      const first = mine.executions[0]!;
      const taken = first.execution.strings;
      const merged = mergeExecutionParts([first, theirs.executions[0]!], rank, undefined, true);
      expect(merged.strings).toBe(taken);
      expect(differingColumns(merged, one)).toEqual([]);
    }
  });

  it('makes a table of its own when another part’s strings come first, or when not allowed to take one', async () => {
    const all = inputs();
    const one = (await readPart(all, {})).executions[0]!.execution;
    for (const take of [true, false]) {
      // The part read here holds the last inputs in name order: its ids are not one reader's.
      const late = await parts(all, ['c.log', 'd.log']);
      const lateMerged = mergeExecutionParts([late.mine.executions[0]!, late.theirs.executions[0]!], late.rank, undefined, take);
      expect(lateMerged.strings).not.toBe(late.mine.executions[0]!.execution.strings);
      expect(differingColumns(lateMerged, one)).toEqual([]);
      const early = await parts(all, ['a.log', 'b.log']);
      const before = table(early.mine.executions[0]!.execution);
      const earlyMerged = mergeExecutionParts([early.mine.executions[0]!, early.theirs.executions[0]!], early.rank, undefined, take);
      expect(earlyMerged.strings === early.mine.executions[0]!.execution.strings).toBe(take);
      expect(differingColumns(earlyMerged, one)).toEqual([]);
      if (!take) expect(table(early.mine.executions[0]!.execution)).toEqual(before);
    }
  });

  it('never takes over an unpacked part’s table (made from its strings only on demand)', async () => {
    const all = inputs();
    const one = (await readPart(all, {})).executions[0]!.execution;
    const rank = new Map(all.map((i) => i.name).sort().map((n, i) => [n, i]));
    const a = unpackPart(packPart(await readPart(all.slice(0, 2), {})));
    const b = unpackPart(packPart(await readPart(all.slice(2), {})));
    const merged = mergeExecutionParts([a.executions[0]!, b.executions[0]!], rank, undefined, true);
    expect(differingColumns(merged, one)).toEqual([]);
  });
});
