/**
 * The dev server's clock and timers. Route modules (e.g. part 2's sweeper) start periodic
 * work through `Timers`; everything is cancelled when the server closes, and a task that
 * throws is logged, never fatal. Tests inject a `Clock` to control `now()`.
 *
 * STABLE API: `deps.timers.every(ms, fn, name)` / `deps.timers.after(ms, fn, name)` return a
 * cancel function. A periodic task never overlaps itself: the next run is scheduled when
 * the previous one (sync or async) has finished.
 */
import type { Logger } from './logger.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export type Cancel = () => void;

export interface Timers {
  /** Runs `fn` every `ms` milliseconds (first run after `ms`) until cancelled or closed. */
  every(ms: number, fn: () => void | Promise<void>, name: string): Cancel;
  /** Runs `fn` once after `ms` milliseconds unless cancelled or closed first. */
  after(ms: number, fn: () => void | Promise<void>, name: string): Cancel;
}

/** Timers plus the shutdown side that only the server calls. */
export class TimerRegistry implements Timers {
  private readonly handles = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  every(ms: number, fn: () => void | Promise<void>, name: string): Cancel {
    let cancelled = false;
    let handle: NodeJS.Timeout | undefined;
    const schedule = (): void => {
      if (cancelled || this.closed) return;
      handle = this.track(setTimeout(() => {
        this.untrack(handle);
        void this.run(fn, name).then(schedule);
      }, ms));
    };
    schedule();
    return () => {
      cancelled = true;
      this.untrack(handle);
    };
  }

  after(ms: number, fn: () => void | Promise<void>, name: string): Cancel {
    if (this.closed) return () => undefined;
    const handle = this.track(setTimeout(() => {
      this.untrack(handle);
      void this.run(fn, name);
    }, ms));
    return () => this.untrack(handle);
  }

  /** Cancels every timer and waits for runs already in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const handle of this.handles) clearTimeout(handle);
    this.handles.clear();
    await Promise.all([...this.running]);
  }

  private async run(fn: () => void | Promise<void>, name: string): Promise<void> {
    if (this.closed) return;
    const done = (async () => {
      try {
        await fn();
      } catch (error) {
        this.logger.error(`timer ${name} failed`, { error: error instanceof Error ? error.stack ?? error.message : String(error) });
      }
    })();
    this.running.add(done);
    await done;
    this.running.delete(done);
  }

  private track(handle: NodeJS.Timeout): NodeJS.Timeout {
    handle.unref();
    this.handles.add(handle);
    return handle;
  }

  private untrack(handle: NodeJS.Timeout | undefined): void {
    if (!handle) return;
    clearTimeout(handle);
    this.handles.delete(handle);
  }
}
