import { describe, expect, it } from 'vitest';
import { looksLikeLogfmt } from '../../src/core/input/logfmt/logfmtFormat';
import { keyValuePairsIn, scanLogfmt } from '../../src/core/input/keyValuePairs';
import { fieldsOf, formatIsoOf, runText } from './eventHelpers';
import { textsOf } from '../../src/core/model/execution';

describe('logfmt detection', () => {
  it('accepts lines made of pairs with a known key', () => {
    expect(looksLikeLogfmt('ts=2026-03-14T09:26:53Z level=info msg="hi there"\nts=2026-03-14T09:26:54Z level=info msg=ok\n')).toBe(true);
  });

  it('rejects text logs that merely contain pairs, and pairs without known keys', () => {
    expect(looksLikeLogfmt('2026-03-14 09:26:53 INFO req_id=1 dir=send\n')).toBe(false);
    expect(looksLikeLogfmt('a=1 b=2\nc=3 d=4\n')).toBe(false);
  });
});

describe('logfmt scanning', () => {
  it('unescapes quoted values and keeps empty and bare keys', () => {
    expect(scanLogfmt('msg="say \\"hi\\"" empty= flag').pairs).toEqual([
      ['msg', 'say "hi"'],
      ['empty', ''],
      ['flag', ''],
    ]);
  });

  it('reports an unterminated quote', () => {
    expect(scanLogfmt('msg="open').error).toMatch(/unterminated/);
  });

  it('finds pairs inside free text without trailing punctuation', () => {
    expect(keyValuePairsIn('sent (req_id=abc, to=ledger). x==y note="a b"')).toEqual([
      ['req_id', 'abc'],
      ['to', 'ledger'],
      ['note', 'a b'],
    ]);
  });
});

describe('logfmt events', () => {
  it('takes time, process and message from the usual keys and keeps the rest as fields', async () => {
    const a = await runText({
      'x.log':
        'ts=2026-03-14T09:26:53.123456Z service=api host=web1 level=info msg="payment sent" req_id=r1 dir=send to=ledger\n' +
        'time=1773480414 service=ledger msg=received req_id=r1 dir=recv from=api\n',
    });
    expect(a.inputs[0]!.format).toBe('logfmt');
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['api', 'ledger']);
    expect(x.domainNames).toEqual(['ledger', 'web1']);
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53.123456Z');
    expect(textsOf(x)).toEqual(['payment sent', 'received']);
    expect(fieldsOf(x, 0)).toEqual({ host: 'web1', level: 'info', req_id: 'r1', dir: 'send', to: 'ledger' });
    expect(x.edgeCount).toBe(1);
  });

  it('names the process after the file when no process key is present', async () => {
    const x = (await runText({ 'logs/billing.logfmt': 'ts=2026-03-14T09:26:53Z msg=a n=1\nts=2026-03-14T09:26:54Z msg=b n=2\n' })).executions[0]!.execution;
    expect(x.processNames).toEqual(['billing']);
  });

  it('keeps a stack trace with its record and skips a broken line with a diagnostic', async () => {
    const a = await runText({
      'a.log': 'ts=2026-03-14T09:26:53Z level=error msg=boom\n  at f (a.js:1)\nts=2026-03-14T09:26:54Z msg="never closed\nts=2026-03-14T09:26:55Z msg=ok\n',
    });
    const x = a.executions[0]!.execution;
    expect(textsOf(x)).toEqual(['boom\n  at f (a.js:1)', 'ok']);
    expect(a.inputs[0]!.skipped).toBe(1);
    expect(a.diagnostics.some((d) => d.line === 3 && /unterminated/.test(d.message))).toBe(true);
  });

  it('warns once about time values it cannot read', async () => {
    const a = await runText({ 'a.logfmt': 'ts=yesterday msg=a\nts=2026-03-14T09:26:53Z msg=b\n' }, { format: 'logfmt' });
    const x = a.executions[0]!.execution;
    expect(Number.isNaN(x.timeMs[0])).toBe(true);
    expect(a.diagnostics.filter((d) => d.message.includes('could not be read as a timestamp'))).toHaveLength(1);
  });
});
