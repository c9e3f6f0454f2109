/**
 * Appending task records to an execution: numbering (`seq` goes up by one per record, H1),
 * scheduling time, the domain from `taskToDomain` and, for worker tasks, the moment they
 * become pollable (`visibleAt`, after startDelay / retry delay).
 */
import { touchWorkflow, type EngineContext } from './context.js';
import type { Execution, TaskModel } from './model.js';
import { isQueuedTask } from './task-types.js';

export function appendTasks(execution: Execution, tasks: TaskModel[], ctx: EngineContext): void {
  if (tasks.length === 0) return;
  let seq = execution.tasks.reduce((max, t) => Math.max(max, t.seq), 0);
  for (const task of tasks) {
    task.seq = ++seq;
    task.scheduledTime = ctx.now;
    if (isQueuedTask(task)) {
      const domain = execution.taskToDomain[task.taskType] ?? execution.taskToDomain['*'];
      if (domain) task.domain = domain.split(',')[0]?.trim() ?? domain;
      task.visibleAt ??= ctx.now + task.callbackAfterSeconds * 1000;
    }
    execution.tasks.push(task);
    ctx.changes.touchTask(task);
  }
  touchWorkflow(execution, ctx);
}
