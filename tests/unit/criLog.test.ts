import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeCri } from '../../src/core/input/cri/criFormat';
import { CriParser } from '../../src/core/input/cri/criParser';
import { FORMATS } from '../../src/core/input/formats';
import { fieldsOf, hasTime, textsOf } from '../../src/core/model/execution';
import { formatIso } from '../../src/core/model/eventTime';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';
import { collectingContext } from './readerKit';

function read(text: string, chunks: number[] = [], source?: { process: string; domain?: string }) {
  const c = collectingContext();
  if (source) c.ctx.sourceOf = (input) => (input === 'pods/web/nginx/0.log' ? source : undefined);
  const reader = new CriParser().reader('pods/web/nginx/0.log', text.slice(0, 65536), c.ctx);
  let at = 0;
  for (const cut of [...chunks, text.length]) {
    reader.text(text.slice(at, cut));
    at = cut;
  }
  reader.end();
  return c.result();
}

const LOG = [
  '2026-03-14T09:26:53.123456789Z stdout F server started port=8080',
  '2026-03-14T09:26:54.000000000Z stdout P GET /orders req_id=r-1 ',
  '2026-03-14T09:26:54.000000500Z stderr F warning: slow disk',
  '2026-03-14T09:26:54.000001000Z stdout F status=200',
  '',
  '2026-03-14T09:26:55+02:00 stdout F zone offset',
  'garbage line',
  '',
].join('\n');

describe('CRI container logs', () => {
  it('detects the CRI shape and not text logs that merely start with a time', () => {
    expect(looksLikeCri(LOG)).toBe(true);
    expect(looksLikeCri('2026-03-14T09:26:53Z INFO started\n2026-03-14T09:26:54Z INFO ready\n')).toBe(false);
    expect(looksLikeCri('2026-03-14T09:26:53Z stdout started\n')).toBe(false);
    expect(FORMATS.find((f) => f.detect('0.log', LOG, {}))?.id).toBe('cri');
  });

  it('joins partial lines per stream, keeps the first fragment time, and reads fields', () => {
    const { x, diagnostics } = read(LOG);
    expect(textsOf(x)).toEqual(['server started port=8080', 'warning: slow disk', 'GET /orders req_id=r-1 status=200', 'zone offset']);
    expect(x.processNames).toEqual(['0']);
    expect(formatIso(x.timeMs[2]!, x.timeNs[2]!, x.timeDigits[2]!)).toBe('2026-03-14T09:26:54.000000000Z');
    expect(formatIso(x.timeMs[3]!, x.timeNs[3]!, x.timeDigits[3]!)).toBe('2026-03-14T07:26:55Z');
    expect(fieldsOf(x, 2)).toMatchObject({ stream: 'stdout', req_id: 'r-1', status: '200' });
    expect(fieldsOf(x, 1)).toMatchObject({ stream: 'stderr' });
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([[7, expect.stringMatching(/not a CRI container log line/)]]);
  });

  it('names the process and clock domain as the read stage says', () => {
    const { x } = read(LOG, [], { process: 'nginx@web-1', domain: 'node-a' });
    expect(x.processNames).toEqual(['nginx@web-1']);
    expect(x.domainNames).toEqual(['node-a']);
  });

  it('keeps a partial line the log ends with', () => {
    const { x } = read('2026-03-14T09:26:53Z stdout P cut sh');
    expect(textsOf(x)).toEqual(['cut sh']);
    expect(hasTime(x, 0)).toBe(true);
  });

  it('reads the same events however the text is cut into chunks', () => {
    const whole = read(LOG).x;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: LOG.length - 1 }), { maxLength: 6 }), (cuts) => {
        const x = read(LOG, [...cuts].sort((a, b) => a - b)).x;
        expect(textsOf(x)).toEqual(textsOf(whole));
        expect([...x.timeMs]).toEqual([...whole.timeMs]);
      }),
    );
  });

  it('reads the same events, fields included, from aligned chunk bytes as from strings', () => {
    const whole = read(LOG).x;
    const all = (x: typeof whole) => Array.from({ length: x.eventCount }, (_, e) => fieldsOf(x, e));
    const bytes = new TextEncoder().encode(LOG + LOG.replace(/req_id=r-1/g, 'req_id=r-2'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 5 }), (cuts) => {
        const c = collectingContext();
        const d = new ChunkDecoder();
        const reader = new CriParser().reader('0.log', LOG, c.ctx);
        let at = 0;
        for (const cut of [...cuts.sort((a, b) => a - b), bytes.length]) {
          reader.text(d.push(bytes.subarray(at, cut)), d.aligned);
          at = cut;
        }
        reader.text(d.end(), null);
        reader.end();
        const x = c.result().x;
        const twice = read(LOG + LOG.replace(/req_id=r-1/g, 'req_id=r-2')).x;
        expect(textsOf(x)).toEqual(textsOf(twice));
        expect(all(x)).toEqual(all(twice));
        expect(all(x).slice(0, whole.eventCount)).toEqual(all(whole));
      }),
    );
  });
});
