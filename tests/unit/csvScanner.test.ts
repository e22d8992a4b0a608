import { describe, expect, it } from 'vitest';
import { looksLikeCsvExport } from '../../src/core/input/csv/csvFormat';
import { guessCsvDelimiter } from '../../src/core/input/csv/csvDelimiter';
import { textsOf } from '../../src/core/model/execution';
import { fieldsOf, runText } from './eventHelpers';

const T1 = '2026-03-14T09:26:53Z';
const T2 = '2026-03-14T09:26:54Z';

describe('CSV delimiters and line ends', () => {
  it('reads CR-only line ends, numbering rows by them', async () => {
    const a = await runText({ 'mac.csv': `time,service,message\r${T1},api,a\r${T2},api,b\r` });
    const x = a.executions[0]!.execution;
    expect(textsOf(x)).toEqual(['a', 'b']);
    expect(Array.from(x.eventLine)).toEqual([2, 3]);
  });

  it('finds semicolon, pipe and tab delimiters, in a short file with a final line break too', async () => {
    for (const d of [';', '|', '\t']) {
      const a = await runText({ 'e.csv': `time${d}message\n${T1}${d}hello, world\n` });
      expect(a.inputs[0]!.columns?.delimiter).toBe(d);
      expect(textsOf(a.executions[0]!.execution)).toEqual(['hello, world']);
      expect(a.diagnostics.filter((g) => g.severity !== 'info')).toEqual([]);
    }
    expect(guessCsvDelimiter('a b c\nd e f\n')).toBeNull();
  });

  it('recognises a pipe-separated export without a .csv name', () => {
    expect(looksLikeCsvExport(`_time|host|_raw\n${T1}|web1|hello\n${T2}|web1|bye\n`)).toBe(true);
  });

  it('says when no delimiter splits the rows, and reads them as one column', async () => {
    const a = await runText({ 'one.csv': `message\nstarted a\nstopped b\n` });
    expect(a.diagnostics.some((g) => g.severity === 'warning' && g.line === 1 && g.message.includes('no delimiter'))).toBe(true);
    expect(textsOf(a.executions[0]!.execution)).toEqual(['started a', 'stopped b']);
  });

  it('drops byte-order marks before the header', async () => {
    const a = await runText({ 'bom.csv': `\ufeff\ufefftime,service,message\n${T1},api,hi\n` });
    expect(a.inputs[0]!.columns?.names).toEqual(['time', 'service', 'message']);
  });
});

describe('CSV quotes', () => {
  it('drops whitespace between a closing quote and the delimiter', async () => {
    const x = (await runText({ 'q.csv': `time,service,message,extra\n${T1},api,"a, b"  ,"c" \n` })).executions[0]!.execution;
    expect(textsOf(x)).toEqual(['a, b']);
    expect(fieldsOf(x, 0)).toEqual({ extra: 'c' });
  });

  it('reads a quote that neither doubles nor closes as text, with a warning on its row', async () => {
    const a = await runText({ 'q.csv': `time,service,message\n${T1},api,"say "hi" now"\n${T2},api,next\n` });
    expect(textsOf(a.executions[0]!.execution)).toEqual(['say "hi" now', 'next']);
    expect(a.diagnostics.filter((g) => g.severity === 'warning').map((g) => g.line)).toEqual([2]);
  });

  it('reports a quote left open at the end, even with nothing after it', async () => {
    const a = await runText({ 'q.csv': `time,service,message\n${T1},api,a\n"` });
    expect(a.diagnostics.some((g) => g.line === 3 && g.message.includes('unterminated'))).toBe(true);
    expect(a.inputs[0]!.skipped).toBe(1);
  });

  it('keeps a quote inside an unquoted field as text', async () => {
    const x = (await runText({ 'q.csv': `time,service,message\n${T1},api,5" screen\n` })).executions[0]!.execution;
    expect(textsOf(x)).toEqual(['5" screen']);
  });
});
