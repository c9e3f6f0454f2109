/**
 * The clock that runs by itself (issue 5 item 6): about every second, re-decide every
 * execution whose next timeout is due (`next_check_at` in the store: response, poll, task and
 * workflow timeouts), each in its own transaction, and wake long-polling workers whose queue
 * got a task that just became visible (callbackAfterSeconds, retry delays). Everything it
 * needs is in the store, so after kill -9 and a restart the timers simply resume.
 */
import { decide } from '../engine/decider.js';
import type { ExecutionService } from './executions-service.js';

const BATCH = 500;

export class Sweeper {
  constructor(private readonly svc: ExecutionService) {}

  /** One pass; returns how many executions were decided. */
  async sweep(): Promise<number> {
    if (!this.svc.deps.db.open) return 0;
    const now = this.svc.now();
    let decided = 0;
    for (const workflowId of this.svc.search.dueWorkflowIds(now, BATCH)) {
      try {
        await this.svc.mutate(workflowId, (execution, ctx) => decide(execution, ctx));
        decided++;
      } catch (error) {
        this.svc.deps.logger.error('sweeper could not decide an execution', { workflowId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    // Backstop for postponed tasks (callbacks, retry delays) whose in-memory wake-up was lost
    // to a restart: wake pollers waiting on a queue that has a visible task.
    for (const queue of this.svc.waiters.waitingQueues()) if (this.svc.search.hasVisible(queue, now)) this.svc.waiters.notify(queue);
    return decided;
  }
}
