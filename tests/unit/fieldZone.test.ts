/**
 * Zones of times read from fields (src/core/time/fieldZone.ts): JSON lines,
 * logfmt and CSV read a time written without a zone in the zone set for the
 * input (AnalyzeOptions.zones), leave one that writes its zone or is an
 * epoch as it is, and say which in the reading report and the diagnostics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { writesZone } from '../../src/core/time/fieldZone';

const HOUR = 3_600_000;

async function read(name: string, text: string, options: AnalyzeOptions = {}) {
  const a = await analyze([{ name, bytes: new TextEncoder().encode(text) }], options);
  const x = a.executions[0]!.execution;
  return { times: Array.from(x.timeMs), reading: a.inputs[0]!.reading, messages: a.diagnostics.map((d) => d.message) };
}

const T0 = Date.UTC(2026, 2, 14, 9, 26, 53, 100);

describe('writesZone', () => {
  it('tells a written zone or an epoch from a wall time', () => {
    for (const s of ['2026-03-14T09:26:53Z', '2026-03-14T09:26:53.1z', '2026-03-14 09:26:53 UTC', '2026-03-14T09:26:53+02:00', '2026-03-14T09:26:53.123-0500', '2026-03-14 09:26:53 +01', '1710408413', '1710408413.250', ' 2026-03-14T09:26:53Z ', 'Sat Mar 14 09:26:53 GMT']) {
      expect(writesZone(s, 0, s.length), s).toBe(true);
    }
    for (const s of ['2026-03-14T09:26:53', '2026-03-14 09:26:53,123', '2026-03-14', '14-Mar-2026 09:26:53.123', '2026/03/14 09:26', '3/14/2026 9:26:53 AM', '17/06/09 20:10:40', '']) {
      expect(writesZone(s, 0, s.length), s).toBe(false);
    }
  });

  it('reads the span it is given', () => {
    const line = 'ts=2026-03-14T09:26:53 other=2026-03-14T09:26:53Z';
    expect(writesZone(line, 3, 22)).toBe(false);
    expect(writesZone(line, 29, line.length)).toBe(true);
  });
});

const FORMATS: [string, (time: string, n: number) => string, string][] = [
  ['a.jsonl', (t, n) => JSON.stringify({ ts: t, service: 'api', msg: `m${n}` }), ''],
  ['a.logfmt', (t, n) => `ts=${t.includes(' ') ? JSON.stringify(t) : t} service=api msg=m${n}`, ''],
  ['a.csv', (t, n) => `${t},api,m${n}`, 'time,service,message\n'],
];

describe('zones of time fields', () => {
  for (const [name, line, header] of FORMATS) {
    it(`${name}: zoneless times read as UTC, said once; in the input's zone where set; written zones kept`, async () => {
      const text = header + ['2026-03-14 09:26:53.100', '2026-03-14T09:26:53.200Z', '2026-03-14T11:26:53.300+02:00'].map(line).join('\n') + '\n';
      const utc = await read(name, text);
      expect(utc.times).toEqual([T0, T0 + 100, T0 + 200]);
      expect(utc.reading.zone).toBe('UTC');
      expect(utc.messages.filter((m) => m.startsWith('times carry no zone'))).toHaveLength(1);

      const paris = await read(name, text, { zones: { [name]: 'Europe/Paris' } });
      // 14 March: Paris is UTC+1 (summer time starts on 29 March).
      expect(paris.times).toEqual([T0 - HOUR, T0 + 100, T0 + 200]);
      expect(paris.reading.zone).toBe('Europe/Paris');
      expect(paris.messages).toContain('times without a zone are read in Europe/Paris, as set for this input');

      const zoned = await read(name, header + ['2026-03-14T09:26:53.100Z', '2026-03-14T09:26:53.200Z'].map(line).join('\n'));
      expect(zoned.reading.zone).toBe('in the data');
      expect(zoned.messages.some((m) => m.startsWith('times carry no zone'))).toBe(false);

      const bad = await read(name, text, { zones: { [name]: 'Mars/Olympus' } });
      expect(bad.times).toEqual(utc.times);
      expect(bad.messages.some((m) => m.includes('"Mars/Olympus" is not UTC'))).toBe(true);
    });
  }

  it('leaves epoch numbers as they are, whatever the zone', async () => {
    const r = await read('e.jsonl', `{"ts":${T0},"service":"api","msg":"x"}\n{"ts":"${T0 / 1000}","service":"api","msg":"y"}\n`, { zones: { 'e.jsonl': '+05:00' } });
    expect(r.times).toEqual([T0, T0]);
  });

  it('shifts exactly the zoneless times by a fixed offset, in any mix (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ms: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), zoned: fc.boolean() }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom(...FORMATS),
        async (rows, minutes, [name, line, header]) => {
          const ms = (v: number) => Math.floor(v);
          const iso = (v: number) => new Date(v).toISOString();
          const text = header + rows.map((r, n) => line(r.zoned ? iso(r.ms) : iso(r.ms).slice(0, -1).replace('T', ' '), n)).join('\n') + '\n';
          const sign = minutes < 0 ? '-' : '+';
          const zone = `${sign}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
          const r = await read(name, text, { zones: { [name]: zone } });
          expect(r.times).toEqual(rows.map((row) => ms(row.zoned ? row.ms : row.ms - minutes * 60_000)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
