import { afterEach, describe, expect, it, vi } from 'vitest';
import { urgentTask } from '../../src/ui/draw/urgentTask';

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A stand-in for the Prioritized Task Scheduling API: tasks run on a timer, with their controller's priority kept. */
function fakeScheduler() {
  const priorities: (string | undefined)[] = [];
  class FakeTaskController extends AbortController {
    constructor(init?: { priority?: string }) {
      super();
      priorities.push(init?.priority);
    }
  }
  const scheduler = {
    postTask(run: () => unknown, options?: { signal?: AbortSignal }) {
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          if (options?.signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
          try {
            resolve(run());
          } catch (err) {
            reject(err);
          }
        }, 0);
      });
    },
  };
  vi.stubGlobal('scheduler', scheduler);
  vi.stubGlobal('TaskController', FakeTaskController);
  const reported: unknown[] = [];
  vi.stubGlobal('reportError', (e: unknown) => reported.push(e));
  return { priorities, reported };
}

/** Posts two tasks and cancels the second: nothing runs at once, then only the first. */
async function expectFirstRunsOnly(): Promise<void> {
  const ran: string[] = [];
  urgentTask(() => ran.push('a'));
  const cancel = urgentTask(() => ran.push('b'));
  cancel();
  expect(ran).toEqual([]);
  await tick();
  expect(ran).toEqual(['a']);
}

describe('urgentTask', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs later, not now, on a timer where there is no scheduler, and can be cancelled', async () => {
    expect((globalThis as { scheduler?: unknown }).scheduler).toBeUndefined();
    await expectFirstRunsOnly();
  });

  it('posts a user-blocking task where there is a scheduler; cancelling aborts it and reports nothing', async () => {
    const { priorities, reported } = fakeScheduler();
    await expectFirstRunsOnly();
    expect(priorities).toEqual(['user-blocking', 'user-blocking']);
    expect(reported).toEqual([]);
  });

  it('reports an error the task throws instead of losing it in the task promise', async () => {
    const { reported } = fakeScheduler();
    const boom = new Error('boom');
    urgentTask(() => {
      throw boom;
    });
    await tick();
    expect(reported).toEqual([boom]);
  });
});
