/**
 * Long polling: a worker whose poll found nothing waits here (up to its `timeout`). When a
 * task of its queue is scheduled, the transaction that schedules it also claims it for the
 * waiting worker (direct hand-off: `reserve` during the group commit, `deliver` after it), so
 * the worker receives the task the moment the scheduling commit is on disk — no second
 * round through the queue. Postponed tasks (callbacks, retry delays) wake waiters with
 * `notifyAt`, and they then claim normally. In-memory only: after a restart workers poll again.
 */
import type { TaskModel } from '../engine/model.js';

export interface Waiter {
  readonly queue: string;
  readonly count: number;
  readonly workerId?: string;
  /** Tasks claimed for this waiter in the commit now being written. */
  reserved: number;
  /** Ends the wait with these (already claimed and committed) tasks, or none. */
  deliver(tasks: TaskModel[]): void;
}

export class QueueWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();

  /**
   * Resolves with tasks handed off to this waiter, or [] when woken, after `ms`, or when
   * `signal` aborts (the client went away: it must not be handed anything).
   */
  wait(queue: string, ms: number, count: number, workerId?: string, signal?: AbortSignal): Promise<TaskModel[]> {
    return new Promise((resolve) => {
      let set = this.waiting.get(queue);
      if (!set) this.waiting.set(queue, (set = new Set()));
      const waiters = set;
      const waiter: Waiter = {
        queue,
        count,
        ...(workerId !== undefined ? { workerId } : {}),
        reserved: 0,
        deliver: (tasks) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.waiting.get(queue) === waiters) this.waiting.delete(queue);
          resolve(tasks);
        },
      };
      const timer = setTimeout(() => waiter.deliver([]), Math.max(0, ms));
      timer.unref();
      // Only between commits can this run (a flush is synchronous), so never mid-hand-off.
      const onAbort = (): void => waiter.deliver([]);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
    });
  }

  /** A waiter of `queue` that can take one more task (its capacity is reserved). */
  reserve(queue: string): Waiter | undefined {
    const set = this.waiting.get(queue);
    if (!set) return undefined;
    for (const waiter of set) {
      if (waiter.reserved < waiter.count) {
        waiter.reserved++;
        return waiter;
      }
    }
    return undefined;
  }

  /** Wakes the waiters of `queue` that have nothing reserved, so they claim again. */
  notify(queue: string): void {
    const set = this.waiting.get(queue);
    if (!set) return;
    for (const waiter of [...set]) if (waiter.reserved === 0) waiter.deliver([]);
  }

  /** Notifies `queue` at `at` (epoch ms) unless the same notification is already planned. */
  notifyAt(queue: string, at: number, now: number): void {
    if (at <= now) return this.notify(queue);
    const key = `${queue}\u0000${at}`;
    if (this.delayed.has(key)) return;
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.notify(queue);
    }, at - now);
    timer.unref();
    this.delayed.set(key, timer);
  }

  /** Queues with at least one waiting poller. */
  waitingQueues(): string[] {
    return [...this.waiting.keys()];
  }
}
