import { describe, expect, it } from 'vitest';
import { bulkExtent } from '../../src/core/view/bulkExtent';

describe('bulkExtent', () => {
  it('frames the incident, not the two lines half an hour before it', () => {
    const pos = new Float64Array(80);
    for (let i = 0; i < 78; i++) pos[i] = 2_000_000 + i * 40; // about 3 s of requests
    pos[78] = 0; // a line 34 minutes before
    pos[79] = 1_800_000;
    expect(bulkExtent(pos)).toEqual({ min: 2_000_000, max: 2_000_000 + 77 * 40, outside: 2 });
  });

  it('leaves an even spread, a short run and untimed events alone', () => {
    expect(bulkExtent(Float64Array.from({ length: 100 }, (_, i) => i * 1000))).toBeNull();
    expect(bulkExtent(Float64Array.from([0, 1, 2, 1e9]))).toBeNull();
    const untimed = new Float64Array(100).fill(NaN);
    expect(bulkExtent(untimed)).toBeNull();
    // Untimed events are not counted: 60 timed ones, 3 far away.
    const mixed = new Float64Array(120).fill(NaN);
    for (let i = 0; i < 57; i++) mixed[2 * i] = 1e7 + i;
    mixed[1] = 0;
    mixed[3] = 1;
    mixed[5] = 2;
    expect(bulkExtent(mixed)).toEqual({ min: 1e7, max: 1e7 + 56, outside: 3 });
  });
});
