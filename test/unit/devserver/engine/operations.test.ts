import { describe, expect, it } from 'vitest';
import { EngineRefusal } from '../../../../src/devserver/engine/context.js';
import type { Execution, JsonMap, TaskModel } from '../../../../src/devserver/engine/model.js';
import { jumpToTask, pauseExecution, resetCallbacks, resumeExecution, skipTask, terminateByApi } from '../../../../src/devserver/engine/operations.js';
import { rerunExecution, restartExecution, retryExecution } from '../../../../src/devserver/engine/recovery.js';
import { startExecution } from '../../../../src/devserver/engine/start.js';
import { applyTaskResult, markPolled, type TaskResult } from '../../../../src/devserver/engine/task-updates.js';
import { contextAt, simpleTask, workflowDef } from './builders.js';

const ids = { n: 0 };
const T0 = 5_000_000;
const noRetry = { task_t1: { name: 'task_t1', retryCount: 0 }, task_t2: { name: 'task_t2', retryCount: 0 }, task_t3: { name: 'task_t3', retryCount: 0 } };

function start(tasks: JsonMap[] = [simpleTask('t1'), simpleTask('t2'), simpleTask('t3')], extra: JsonMap = {}): Execution {
  return startExecution({ workflowId: 'wf-1', definition: workflowDef(tasks, extra, noRetry), input: { x: 1 } }, contextAt(T0, ids));
}
function pending(execution: Execution): TaskModel {
  const task = execution.tasks.find((t) => t.status === 'SCHEDULED' || t.status === 'IN_PROGRESS');
  if (!task) throw new Error('no pending task');
  return task;
}
function report(execution: Execution, status: TaskResult['status'], at = T0 + 1): void {
  const task = pending(execution);
  markPolled(task, 'w', contextAt(at, ids));
  applyTaskResult(execution, task, { workflowInstanceId: execution.workflowId, taskId: task.taskId, status, outputData: { by: task.referenceTaskName } }, contextAt(at, ids));
}
function refusal(fn: () => void): { status: number; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngineRefusal) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('operations', () => {
  it('D25/D26 pause stops scheduling, resume schedules and resets the timeout clock', () => {
    const execution = start();
    pauseExecution(execution, contextAt(T0 + 1, ids));
    pauseExecution(execution, contextAt(T0 + 1, ids));
    report(execution, 'COMPLETED');
    expect(execution.tasks.map((t) => t.status)).toEqual(['COMPLETED']);
    resumeExecution(execution, contextAt(T0 + 2, ids));
    expect(execution).toMatchObject({ status: 'RUNNING', lastRetriedTime: T0 + 2 });
    expect(execution.tasks.map((t) => t.status)).toEqual(['COMPLETED', 'SCHEDULED']);
    expect(refusal(() => resumeExecution(execution, contextAt(T0 + 3, ids)))).toEqual({ status: 500, message: 'The workflow wf-1 is not PAUSED so cannot resume. Current status is RUNNING' });
  });

  it('D27/D28 terminate cancels pending tasks; COMPLETED refuses with 409', () => {
    const execution = start();
    terminateByApi(execution, 'enough', contextAt(T0 + 1, ids));
    expect(execution).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'enough' });
    expect(execution.tasks[0]?.status).toBe('CANCELED');
    const done = start([simpleTask('t1')]);
    report(done, 'COMPLETED');
    expect(refusal(() => terminateByApi(done, 'x', contextAt(T0 + 2, ids)))).toEqual({ status: 409, message: 'Cannot terminate a COMPLETED workflow.' });
    expect(refusal(() => pauseExecution(done, contextAt(T0 + 2, ids))).status).toBe(409);
  });

  it('D31/D32 skip records a SKIPPED task and the flow passes over it', () => {
    const execution = start();
    skipTask(execution, 't2', { taskInput: { i: 1 }, taskOutput: { o: 2 } }, contextAt(T0 + 1, ids));
    report(execution, 'COMPLETED');
    report(execution, 'COMPLETED');
    expect(execution.tasks.map((t) => [t.referenceTaskName, t.status])).toEqual([['t2', 'SKIPPED'], ['t1', 'COMPLETED'], ['t3', 'COMPLETED']]);
    expect(execution.tasks[0]).toMatchObject({ taskType: 'task_t2', inputData: { i: 1 }, outputData: { o: 2 } });
    expect(execution.status).toBe('COMPLETED');
    expect(refusal(() => skipTask(execution, 't1', {}, contextAt(T0, ids))).status).toBe(500);
  });

  it('A9 resetcallbacks makes a postponed task pollable now', () => {
    const execution = start();
    const task = pending(execution);
    markPolled(task, 'w', contextAt(T0 + 1, ids));
    applyTaskResult(execution, task, { workflowInstanceId: 'wf-1', taskId: task.taskId, status: 'IN_PROGRESS', callbackAfterSeconds: 100 }, contextAt(T0 + 1, ids));
    resetCallbacks(execution, contextAt(T0 + 2, ids));
    expect(task).toMatchObject({ callbackAfterSeconds: 0, visibleAt: T0 + 2 });
  });

  it('jump cancels pending work, skips what never ran, schedules the target', () => {
    const execution = start();
    jumpToTask(execution, 't3', { extra: 'y' }, contextAt(T0 + 1, ids));
    expect(execution.tasks.map((t) => [t.referenceTaskName, t.status])).toEqual([['t2', 'SKIPPED'], ['t1', 'CANCELED'], ['t3', 'SCHEDULED']]);
    expect(pending(execution).inputData).toMatchObject({ extra: 'y' });
    report(execution, 'COMPLETED');
    expect(execution.status).toBe('COMPLETED');
  });
});

describe('recovery', () => {
  it('D1/D2/D3 retry refusals', () => {
    const running = start();
    expect(refusal(() => retryExecution(running, contextAt(T0, ids)))).toEqual({ status: 404, message: 'Workflow is still running.  status=RUNNING' });
    const done = start([simpleTask('t1')]);
    report(done, 'COMPLETED');
    expect(refusal(() => retryExecution(done, contextAt(T0, ids))).status).toBe(409);
  });

  it('D4/D8 retry adds one attempt per failed reference and keeps completed tasks', () => {
    const execution = start();
    report(execution, 'COMPLETED');
    report(execution, 'FAILED');
    expect(execution.status).toBe('FAILED');
    retryExecution(execution, contextAt(T0 + 10, ids));
    expect(execution).toMatchObject({ status: 'RUNNING', lastRetriedTime: T0 + 10 });
    expect(execution.reasonForIncompletion).toBeUndefined();
    expect(execution.tasks.map((t) => [t.referenceTaskName, t.status, t.retryCount])).toEqual([['t1', 'COMPLETED', 0], ['t2', 'FAILED', 0], ['t2', 'SCHEDULED', 1]]);
    expect(execution.tasks[2]?.retriedTaskId).toBe(execution.tasks[1]?.taskId);
    report(execution, 'FAILED');
    retryExecution(execution, contextAt(T0 + 20, ids));
    expect(execution.tasks).toHaveLength(4);
    report(execution, 'COMPLETED');
    report(execution, 'COMPLETED');
    expect(execution.status).toBe('COMPLETED');
    expect(execution.failedReferenceTaskNames).toEqual(['t2']);
  });

  it('D14/D16 restart keeps the id, clears tasks and schedules the first task; non-restartable COMPLETED is 404', () => {
    const execution = start([simpleTask('t1')]);
    report(execution, 'COMPLETED');
    restartExecution(execution, undefined, contextAt(T0 + 50, ids));
    expect(execution).toMatchObject({ workflowId: 'wf-1', status: 'RUNNING', createTime: T0 + 50, endTime: 0, output: {} });
    expect(execution.tasks.map((t) => t.status)).toEqual(['SCHEDULED']);
    const pinned = start([simpleTask('t1')], { restartable: false });
    report(pinned, 'COMPLETED');
    expect(refusal(() => restartExecution(pinned, undefined, contextAt(T0, ids))).status).toBe(404);
  });

  it('D15 restart with the latest definition swaps the snapshot', () => {
    const execution = start([simpleTask('t1')]);
    report(execution, 'COMPLETED');
    restartExecution(execution, workflowDef([simpleTask('t1'), simpleTask('task_added')], { version: 2 }), contextAt(T0 + 5, ids));
    report(execution, 'COMPLETED');
    expect(execution.tasks.map((t) => t.referenceTaskName)).toEqual(['t1', 'task_added']);
    expect(execution.workflowVersion).toBe(2);
  });

  it('D19/D20/D22 rerun from a task resets it in place and drops later tasks', () => {
    const execution = start();
    report(execution, 'COMPLETED');
    report(execution, 'COMPLETED');
    report(execution, 'COMPLETED');
    const t2 = execution.tasks[1] as TaskModel;
    rerunExecution(execution, { reRunFromTaskId: t2.taskId, taskInput: { fresh: true } }, contextAt(T0 + 9, ids));
    expect(execution.tasks.map((t) => [t.referenceTaskName, t.status])).toEqual([['t1', 'COMPLETED'], ['t2', 'SCHEDULED']]);
    expect(execution.tasks[1]).toMatchObject({ taskId: t2.taskId, inputData: { fresh: true }, pollCount: 0, scheduledTime: T0 + 9 });
    report(execution, 'COMPLETED');
    report(execution, 'COMPLETED');
    expect(execution.status).toBe('COMPLETED');
    expect(refusal(() => rerunExecution(execution, { reRunFromTaskId: 'nope' }, contextAt(T0, ids)))).toEqual({ status: 400, message: 'Task nope not found' });
    rerunExecution(execution, { workflowInput: { x: 2 } }, contextAt(T0 + 10, ids));
    expect(execution.tasks.map((t) => t.referenceTaskName)).toEqual(['t1']);
    expect(execution.input).toEqual({ x: 2 });
  });
});
