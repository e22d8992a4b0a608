/**
 * RetryOutcomes reads a handler's line with ANY_OUTCOME_TEXT first and only
 * then with each of the failure, repeat and work patterns: wherever one of
 * them matches, ANY_OUTCOME_TEXT must match too, whatever the case, the
 * words around and the characters next to the words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_OUTCOME_TEXT, DEDUP_TEXT, FAILURE_TEXT, WORK_TEXT } from '../../src/core/anomalies/retryOutcome';

const WORDS = [
  'failed', 'failure', 'errors', 'timed out', 'timeout', 'refused', 'aborted', 'rolled back', 'could not', 'cannot', 'unable',
  'duplicate', 'deduplicated', 'dedupe', 'deduplication', 'already processed', 'already charged', 'idempotent replay', 'idempotent-replayed',
  'replayed', 'stored response', 'cached response', 'skipped repeat', 'skipping redelivered',
  'committed', 'charged', 'debiting', 'credit', 'wrote', 'written', 'inserted', 'updating', 'saved', 'persist', 'created', 'executing',
  'applied', 'transferred', 'paid', 'withdrawn', 'deposited', 'reserved', 'booking', 'shipped', 'refunded', 'enqueued', 'published',
  'stored', 'deleted', 'incremented', 'appended',
  'fail', 'dup', 'already', 'replay', 'commit', 'charge', 'write', 'error', 'ok', 'done', 'request', 'key=', 'é', '_', '-', ' ', '.',
];
const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...WORDS).map((w) => w.toUpperCase()),
  fc.constantFrom(...WORDS).map((w) => w[0]!.toUpperCase() + w.slice(1)),
  fc.string({ maxLength: 4 }),
);

describe('ANY_OUTCOME_TEXT', () => {
  it('matches every text that the failure, repeat or work pattern matches', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join(parts.length % 2 ? '' : ' ');
        const any = FAILURE_TEXT.test(text) || DEDUP_TEXT.test(text) || WORK_TEXT.test(text);
        if (any) expect(ANY_OUTCOME_TEXT.test(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('matches no plain line', () => {
    expect(ANY_OUTCOME_TEXT.test('INFO gc pause 22464 for tenant-25 service=svc-00 host=host-00')).toBe(false);
    expect(ANY_OUTCOME_TEXT.test('prefailed undeduplicated recommitted')).toBe(false);
  });
});
