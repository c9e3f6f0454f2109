/**
 * Long polling: a worker whose poll found nothing waits here (up to its `timeout`) and is
 * woken the moment a task lands in its queue, so it receives a newly scheduled task within
 * milliseconds instead of at its next poll. Also wakes waiters when a postponed task (callback
 * or retry delay) becomes visible. In-memory only: after a restart workers simply poll again.
 */

export class QueueWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();

  /** Resolves when `queue` is notified or after `ms`. */
  wait(queue: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiting.get(queue);
      if (!set) this.waiting.set(queue, (set = new Set()));
      const waiters = set;
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiting.get(queue) === waiters) this.waiting.delete(queue);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref();
      waiters.add(done);
    });
  }

  notify(queue: string): void {
    const set = this.waiting.get(queue);
    if (!set) return;
    for (const wake of [...set]) wake();
  }

  /** Notifies `queue` at `at` (epoch ms) unless an earlier notification is already planned. */
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

  close(): void {
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    for (const set of this.waiting.values()) for (const wake of [...set]) wake();
  }
}
