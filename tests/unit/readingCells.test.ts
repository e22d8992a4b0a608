/**
 * The inputs table's reading cells (src/ui/format/readingCells.ts): the share
 * of lines read with a time never says 100 % for an input with a line left
 * without one, the layout and its place, the source and its choices, and
 * where a zone setting applies.
 */
import { describe, expect, it } from 'vitest';
import { emptyReadingReport, type ReadingReport } from '../../src/core/read/readingReport';
import { formatLayout, formatShare, formatSource, linesTimedShare, sourceChoices, sourceTitle, timedTitle, timedWarning, zoneApplies } from '../../src/ui/format/readingCells';

const report = (r: Partial<ReadingReport>): ReadingReport => ({ ...emptyReadingReport(), ...r });

describe('reading cells', () => {
  it('counts skipped and untimed lines against the share, blank and continuation lines not', () => {
    const r = report({ lines: 20, timed: 6, untimed: 1, skipped: 1, blank: 5, continuation: 7 });
    expect(linesTimedShare(r)).toBe(0.75);
    expect(formatShare(r)).toBe('75 %');
    expect(timedWarning(r)).toBe(true);
    expect(timedTitle(r)).toBe('6 of 8 lines read with a time; 1 read without one (logical order only); 1 not read');
  });

  it('rounds down: one line in two thousand without a time is not 100 %', () => {
    const r = report({ timed: 1999, untimed: 1 });
    expect(formatShare(r)).toBe('99.9 %');
    expect(formatShare(report({ timed: 1999, skipped: 1 }))).not.toBe('100 %');
    expect(formatShare(report({ timed: 1, untimed: 199 }))).toBe('0.5 %');
    expect(formatShare(report({ timed: 0, untimed: 3 }))).toBe('0 %');
  });

  it('says 100 % with no warning only when every line that could be an event has a time, and — for none', () => {
    expect(formatShare(report({ timed: 4, blank: 2, continuation: 9 }))).toBe('100 %');
    expect(timedWarning(report({ timed: 4, blank: 2, continuation: 9 }))).toBe(false);
    expect(formatShare(report({ blank: 3 }))).toBe('—');
    expect(timedWarning(report({ blank: 3 }))).toBe(false);
  });

  it('writes the layout with its place, a field name or characters from the line start', () => {
    expect(formatLayout(report({ timeLayout: 'iso8601', timeLayoutLabel: 'ISO-8601', timePosition: 0 }))).toBe('ISO-8601 @ 0');
    expect(formatLayout(report({ timeLayout: 'hdfs-compact', timePosition: 14 }))).toBe('hdfs-compact @ 14');
    expect(formatLayout(report({ timePosition: 'ts' }))).toBe('field ts');
    expect(formatLayout(report({ timeLayout: 'epoch', timeLayoutLabel: 'epoch', timePosition: 'ts' }))).toBe('epoch @ ts');
    expect(formatLayout(report({}))).toBe('—');
  });

  it('offers the chosen source first, then the other candidates, never none twice', () => {
    const r = report({ sourceColumn: 'field host', sourceCandidates: ['column 3', 'field host', 'none'], sources: 3 });
    expect(formatSource(r)).toBe('field host (3)');
    expect(sourceChoices(r)).toEqual(['field host', 'column 3']);
    expect(formatSource(report({}))).toBe('—');
    expect(sourceChoices(report({ sourceCandidates: ['column 2'] }))).toEqual(['column 2']);
    expect(sourceTitle(r)).toBe('Could also name sources: column 3 (pick one in the reading settings)');
    expect(sourceTitle(report({ sourceColumn: 'field host' }))).toBe('No other column could name sources');
  });

  it('offers a zone only where times were read without one', () => {
    expect(zoneApplies(report({ zone: 'UTC' }))).toBe(true);
    expect(zoneApplies(report({ zone: 'Europe/Paris' }))).toBe(true);
    expect(zoneApplies(report({ zone: 'in the data' }))).toBe(false);
    expect(zoneApplies(report({}))).toBe(false);
  });
});
