import { afterEach, describe, expect, it, vi } from 'vitest';
import { decide } from '../../../../src/devserver/engine/decider.js';
import type { Execution, JsonMap, TaskModel } from '../../../../src/devserver/engine/model.js';
import { startExecution } from '../../../../src/devserver/engine/start.js';
import { applyTaskResult, markPolled, type TaskResult } from '../../../../src/devserver/engine/task-updates.js';
import { computeRetryDelaySeconds } from '../../../../src/devserver/engine/retry.js';
import { buildTaskDef } from '../../../../src/devserver/engine/definitions.js';
import { computeNextCheckAt } from '../../../../src/devserver/engine/timeouts.js';
import { contextAt, simpleTask, workflowDef } from './builders.js';

const ids = { n: 0 };
afterEach(() => {
  vi.restoreAllMocks();
});
const T0 = 1_000_000;

function start(tasks: JsonMap[], extra: JsonMap = {}, taskDefs: Record<string, JsonMap> = {}, input: JsonMap = {}): Execution {
  return startExecution({ workflowId: 'wf-1', definition: workflowDef(tasks, extra, taskDefs), input }, contextAt(T0, ids));
}

function last(execution: Execution): TaskModel {
  return execution.tasks[execution.tasks.length - 1] as TaskModel;
}

function report(execution: Execution, status: TaskResult['status'], at: number, extra: Partial<TaskResult> = {}): void {
  const task = last(execution);
  markPolled(task, 'worker', contextAt(at, ids));
  applyTaskResult(execution, task, { workflowInstanceId: execution.workflowId, taskId: task.taskId, status, ...extra }, contextAt(at, ids));
}

describe('decider: SIMPLE task lifecycle', () => {
  it('A1 schedules the first task with seq 1 and the task name as taskType', () => {
    const execution = start([simpleTask('t1'), simpleTask('t2')]);
    expect(execution.status).toBe('RUNNING');
    expect(execution.tasks).toHaveLength(1);
    expect(execution.tasks[0]).toMatchObject({ seq: 1, status: 'SCHEDULED', taskType: 'task_t1', referenceTaskName: 't1', visibleAt: T0 });
  });

  it('A4/A5/G1 a completion schedules the next task with resolved input, the last one completes the workflow', () => {
    const execution = start(
      [simpleTask('t1'), simpleTask('t2', { inputParameters: { tp2: '${t1.output.op}' } })],
      { outputParameters: { o1: '${t1.output.op}', o2: '${t2.output.uuid}' } },
    );
    report(execution, 'COMPLETED', T0 + 10, { outputData: { op: 'task1.done' } });
    expect(execution.tasks.map((t) => t.status)).toEqual(['COMPLETED', 'SCHEDULED']);
    expect(last(execution).inputData).toEqual({ tp2: 'task1.done' });
    report(execution, 'COMPLETED', T0 + 20, { outputData: { x: 1 } });
    expect(execution).toMatchObject({ status: 'COMPLETED', endTime: T0 + 20, output: { o1: 'task1.done', o2: null } });
  });

  it('G1 without outputParameters the output is the last task output', () => {
    const execution = start([simpleTask('t1')]);
    report(execution, 'COMPLETED', T0 + 5, { outputData: { a: 1 } });
    expect(execution.output).toEqual({ a: 1 });
  });

  it('A7 IN_PROGRESS with callbackAfterSeconds puts the task back as SCHEDULED, visible later', () => {
    const execution = start([simpleTask('t1')]);
    report(execution, 'IN_PROGRESS', T0 + 5, { callbackAfterSeconds: 7, outputData: { partial: true } });
    expect(last(execution)).toMatchObject({ status: 'SCHEDULED', callbackAfterSeconds: 7, visibleAt: T0 + 5 + 7000, outputData: { partial: true } });
  });

  it('A10 a failure without retries fails the workflow with the exact reason and failed names', () => {
    const execution = start([simpleTask('t1'), simpleTask('t2')], {}, { task_t1: { name: 'task_t1', retryCount: 0 } });
    report(execution, 'FAILED', T0 + 5, { reasonForIncompletion: 'boom' });
    const failed = execution.tasks[0] as TaskModel;
    expect(execution.status).toBe('FAILED');
    expect(execution.reasonForIncompletion).toBe(`Task ${failed.taskId} failed with status: FAILED and reason: 'boom'`);
    expect(execution.failedReferenceTaskNames).toEqual(['t1']);
    expect(execution.failedTaskNames).toEqual(['task_t1']);
    expect(execution.tasks).toHaveLength(1);
  });

  it('A11 FAILED_WITH_TERMINAL_ERROR is never retried and output parameters still resolve', () => {
    const execution = start([simpleTask('t1')], { outputParameters: { err: '${t1.output.ErrorMessage}' } });
    report(execution, 'FAILED_WITH_TERMINAL_ERROR', T0 + 5, { outputData: { ErrorMessage: 'bad' }, reasonForIncompletion: 'r' });
    expect(execution.tasks).toHaveLength(1);
    expect(execution).toMatchObject({ status: 'FAILED', output: { err: 'bad' } });
    expect(execution.reasonForIncompletion).toContain('failed with status: FAILED');
  });

  it('B2/B5/B6 a retry is a new record with retriedTaskId, retryCount+1, fresh CPEWF_TASK_ID and the backoff delay', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 2, retryLogic: 'EXPONENTIAL_BACKOFF', retryDelaySeconds: 3 } };
    const execution = start([simpleTask('t1', { inputParameters: { me: '${CPEWF_TASK_ID}' } })], {}, defs);
    report(execution, 'FAILED', T0 + 5);
    const [first, second] = execution.tasks as [TaskModel, TaskModel];
    expect(first).toMatchObject({ status: 'FAILED', retried: true });
    expect(second).toMatchObject({ status: 'SCHEDULED', retryCount: 1, retriedTaskId: first.taskId, seq: 2, callbackAfterSeconds: 3, startDelayInSeconds: 3, visibleAt: T0 + 5 + 3000 });
    expect(second.inputData['me']).toBe(second.taskId);
    expect(first.inputData['me']).toBe(first.taskId);
    report(execution, 'FAILED', T0 + 10);
    expect(last(execution)).toMatchObject({ retryCount: 2, callbackAfterSeconds: 6 });
    report(execution, 'FAILED', T0 + 20);
    expect(execution.status).toBe('FAILED');
  });

  it('B6/B8/B9 retry delay arithmetic', () => {
    const def = (x: JsonMap) => buildTaskDef({ name: 'x', retryDelaySeconds: 60, ...x });
    expect([0, 1, 2].map((n) => computeRetryDelaySeconds(def({ retryLogic: 'EXPONENTIAL_BACKOFF' }), n))).toEqual([60, 120, 240]);
    expect([0, 1, 2].map((n) => computeRetryDelaySeconds(def({ retryLogic: 'LINEAR_BACKOFF', backoffScaleFactor: 2 }), n))).toEqual([120, 240, 360]);
    expect(computeRetryDelaySeconds(def({}), 5)).toBe(60);
    expect(computeRetryDelaySeconds(def({ retryLogic: 'EXPONENTIAL_BACKOFF' }), 40)).toBe(2147483647);
    expect([0, 1, 2, 3].map((n) => computeRetryDelaySeconds(def({ retryLogic: 'EXPONENTIAL_BACKOFF', maxRetryDelaySeconds: 200 }), n))).toEqual([60, 120, 200, 200]);
  });

  it('B10 backoffJitterMs adds 0..jitter ms to the real delay after the cap; callbackAfterSeconds shows the base seconds', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 2, retryDelaySeconds: 2, maxRetryDelaySeconds: 1, backoffJitterMs: 500 } };
    const high = start([simpleTask('t1')], {}, defs);
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    report(high, 'FAILED', T0 + 5);
    expect(last(high)).toMatchObject({ status: 'SCHEDULED', callbackAfterSeconds: 1, startDelayInSeconds: 1, visibleAt: T0 + 5 + 1000 + 500 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    report(high, 'FAILED', T0 + 10);
    expect(last(high)).toMatchObject({ callbackAfterSeconds: 1, visibleAt: T0 + 10 + 1000 });
    const none = start([simpleTask('t1')], {}, { task_t1: { name: 'task_t1', retryCount: 1, retryDelaySeconds: 2 } });
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    report(none, 'FAILED', T0 + 5);
    expect(last(none)).toMatchObject({ callbackAfterSeconds: 2, visibleAt: T0 + 5 + 2000 });
  });

  it('B11 totalTimeoutSeconds: a failure after the budget (from the first attempt) is not retried; 0 disables it', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 5, retryDelaySeconds: 0, totalTimeoutSeconds: 10 } };
    const execution = start([simpleTask('t1')], {}, defs);
    report(execution, 'FAILED', T0 + 5_000);
    expect(execution.tasks).toHaveLength(2);
    report(execution, 'FAILED', T0 + 11_000);
    expect(execution.tasks).toHaveLength(2);
    const failed = execution.tasks[1] as TaskModel;
    expect(execution).toMatchObject({ status: 'FAILED', reasonForIncompletion: `Task ${failed.taskId}/task_t1 exceeded total timeout of 10 seconds (elapsed 11 seconds across all attempts). No further retries will be attempted.` });
    const unlimited = start([simpleTask('t1')], {}, { task_t1: { name: 'task_t1', retryCount: 1, retryDelaySeconds: 0, totalTimeoutSeconds: 0 } });
    report(unlimited, 'FAILED', T0 + 10_000_000);
    expect(unlimited).toMatchObject({ status: 'RUNNING' });
    expect(last(unlimited)).toMatchObject({ status: 'SCHEDULED', retryCount: 1 });
  });

  it('C11 B11 an IN_PROGRESS task past its total budget is TIMED_OUT under RETRY, and the retry guard ends the workflow TIMED_OUT', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 3, retryDelaySeconds: 0, totalTimeoutSeconds: 10, timeoutPolicy: 'RETRY', responseTimeoutSeconds: 3600 } };
    const execution = start([simpleTask('t1')], {}, defs);
    markPolled(last(execution), 'w', contextAt(T0 + 1000, ids));
    expect(computeNextCheckAt(execution)).toBe(T0 + 10_000);
    decide(execution, contextAt(T0 + 9_999, ids));
    expect(last(execution).status).toBe('IN_PROGRESS');
    decide(execution, contextAt(T0 + 10_000, ids));
    const task = execution.tasks[0] as TaskModel;
    expect(execution.tasks).toHaveLength(1);
    expect(task.status).toBe('TIMED_OUT');
    expect(task.reasonForIncompletion).toBe(`Task task_t1/${task.taskId} exceeded total timeout of 10 seconds (elapsed 10 seconds across all attempts including retry delays). Timeout policy: RETRY`);
    expect(execution.status).toBe('TIMED_OUT');
    expect(execution.reasonForIncompletion).toContain('No further retries will be attempted.');
  });

  it('B12 a new attempt starts clean (no output, poll count, worker or times) and carries the failed reason', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 1, retryDelaySeconds: 0 } };
    const execution = start([simpleTask('t1')], {}, defs);
    report(execution, 'FAILED', T0 + 5, { outputData: { partial: true }, reasonForIncompletion: 'boom' });
    const [failed, retry] = execution.tasks as [TaskModel, TaskModel];
    expect(failed).toMatchObject({ outputData: { partial: true }, pollCount: 1, workerId: 'worker' });
    expect(retry).toMatchObject({ outputData: {}, pollCount: 0, startTime: 0, endTime: 0, updateTime: 0, reasonForIncompletion: 'boom', scheduledTime: T0 + 5 });
    expect(retry.workerId).toBeUndefined();
    expect(retry.subWorkflowId).toBeUndefined();
  });

  it('E69/B15 an optional task is retried, then COMPLETED_WITH_ERRORS and the flow continues', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 1, retryDelaySeconds: 0 } };
    const execution = start([simpleTask('t1', { optional: true }), simpleTask('t2')], {}, defs);
    report(execution, 'FAILED', T0 + 1);
    report(execution, 'FAILED', T0 + 2);
    expect(execution.tasks.map((t) => t.status)).toEqual(['FAILED', 'COMPLETED_WITH_ERRORS', 'SCHEDULED']);
    report(execution, 'COMPLETED', T0 + 3);
    expect(execution.status).toBe('COMPLETED');
  });

  it('B16 a permissive failure lets the flow continue and fails the workflow at its end', () => {
    const defs = { task_t1: { name: 'task_t1', retryCount: 0 } };
    const execution = start([simpleTask('t1', { permissive: true }), simpleTask('t2')], {}, defs);
    report(execution, 'FAILED', T0 + 1, { reasonForIncompletion: 'p' });
    expect(last(execution).referenceTaskName).toBe('t2');
    report(execution, 'COMPLETED', T0 + 2);
    expect(execution.status).toBe('FAILED');
    expect(execution.reasonForIncompletion).toContain("failed with status: FAILED and reason: 'p'");
  });

  it('G2/E53 TERMINATE COMPLETED ends the workflow with workflowOutput, later tasks never run', () => {
    const execution = start([
      simpleTask('t1'),
      { name: 'end', taskReferenceName: 'end', type: 'TERMINATE', inputParameters: { terminationStatus: 'COMPLETED', workflowOutput: { r: '${t1.output.v}' } } },
      simpleTask('t3'),
    ]);
    report(execution, 'COMPLETED', T0 + 1, { outputData: { v: 9 } });
    expect(execution.status).toBe('COMPLETED');
    expect(execution.output).toEqual({ r: 9 });
    expect(execution.tasks.map((t) => t.referenceTaskName)).toEqual(['t1', 'end']);
    expect(execution.reasonForIncompletion).toContain('Workflow is COMPLETED by TERMINATE task');
  });

  it('E54/G3 TERMINATE FAILED fails the workflow and asks for the failure workflow', () => {
    const execution = startExecution(
      { workflowId: 'wf-f', definition: workflowDef([{ name: 'end', taskReferenceName: 'end', type: 'TERMINATE', inputParameters: { terminationStatus: 'FAILED', terminationReason: 'nope' } }], { failureWorkflow: 'cleanup' }), input: { a: 1 } },
      contextAt(T0, ids),
    );
    expect(execution).toMatchObject({ status: 'FAILED', reasonForIncompletion: 'nope' });
  });

  it('H7 an empty definition completes at once', () => {
    const execution = start([]);
    expect(execution.status).toBe('COMPLETED');
    expect(execution.tasks).toHaveLength(0);
  });
});

describe('decider: timeouts', () => {
  it('C1 a silent worker times out after responseTimeoutSeconds and the task is retried', () => {
    const defs = { task_t1: { name: 'task_t1', responseTimeoutSeconds: 10, retryCount: 1, retryDelaySeconds: 0 } };
    const execution = start([simpleTask('t1')], {}, defs);
    markPolled(last(execution), 'w', contextAt(T0 + 1000, ids));
    expect(computeNextCheckAt(execution)).toBe(T0 + 11_000);
    decide(execution, contextAt(T0 + 10_999, ids));
    expect(execution.tasks).toHaveLength(1);
    decide(execution, contextAt(T0 + 11_000, ids));
    expect(execution.tasks[0]).toMatchObject({ status: 'TIMED_OUT', reasonForIncompletion: `responseTimeout: 10 exceeded for the taskId: ${execution.tasks[0]?.taskId} with Task Definition: task_t1` });
    expect(execution.tasks[1]).toMatchObject({ status: 'SCHEDULED', retryCount: 1 });
    markPolled(last(execution), 'w', contextAt(T0 + 12_000, ids));
    decide(execution, contextAt(T0 + 30_000, ids));
    expect(execution.status).toBe('TIMED_OUT');
  });

  it('C2 A21 the response-timeout clock runs from the last update (extendLease moves it); SCHEDULED tasks and 0 are never checked', () => {
    const defs = { task_t1: { name: 'task_t1', responseTimeoutSeconds: 10, retryCount: 0 } };
    const execution = start([simpleTask('t1')], {}, defs);
    decide(execution, contextAt(T0 + 60_000, ids));
    expect(last(execution).status).toBe('SCHEDULED');
    const task = last(execution);
    markPolled(task, 'w', contextAt(T0 + 60_000, ids));
    applyTaskResult(execution, task, { workflowInstanceId: execution.workflowId, taskId: task.taskId, status: 'IN_PROGRESS', extendLease: true }, contextAt(T0 + 65_000, ids));
    expect(computeNextCheckAt(execution)).toBe(T0 + 75_000);
    decide(execution, contextAt(T0 + 74_999, ids));
    expect(execution).toMatchObject({ status: 'RUNNING' });
    decide(execution, contextAt(T0 + 75_000, ids));
    expect(execution.status).toBe('TIMED_OUT');
    const disabled = start([simpleTask('t1')], {}, { task_t1: { name: 'task_t1', responseTimeoutSeconds: 0, retryCount: 0 } });
    markPolled(last(disabled), 'w', contextAt(T0 + 1, ids));
    expect(computeNextCheckAt(disabled)).toBeUndefined();
    decide(disabled, contextAt(T0 + 10_000_000, ids));
    expect(last(disabled).status).toBe('IN_PROGRESS');
  });

  it('C3 timeoutSeconds with TIME_OUT_WF times the workflow out at once; RETRY retries; ALERT_ONLY does nothing', () => {
    const run = (policy: string) => {
      const defs = { task_t1: { name: 'task_t1', timeoutSeconds: 5, responseTimeoutSeconds: 5, timeoutPolicy: policy, retryCount: 1, retryDelaySeconds: 0 } };
      const execution = start([simpleTask('t1')], {}, defs);
      markPolled(last(execution), 'w', contextAt(T0, ids));
      last(execution).updateTime = T0 + 4000; // a heartbeat keeps the response timeout away
      decide(execution, contextAt(T0 + 5000, ids));
      return execution;
    };
    const wf = run('TIME_OUT_WF');
    expect(wf.status).toBe('TIMED_OUT');
    expect(wf.tasks[0]?.reasonForIncompletion).toMatch(/^Task timed out after 5 seconds. Timeout configured as 5 seconds. Timeout policy configured to TIME_OUT_WF/);
    const retry = run('RETRY');
    expect(retry.tasks.map((t) => t.status)).toEqual(['TIMED_OUT', 'SCHEDULED']);
    const alert = run('ALERT_ONLY');
    expect(alert.tasks.map((t) => t.status)).toEqual(['IN_PROGRESS']);
  });

  it('C5 pollTimeoutSeconds times out a task nobody polled', () => {
    const defs = { task_t1: { name: 'task_t1', pollTimeoutSeconds: 2, timeoutPolicy: 'TIME_OUT_WF' } };
    const execution = start([simpleTask('t1')], {}, defs);
    decide(execution, contextAt(T0 + 2000, ids));
    expect(execution.status).toBe('TIMED_OUT');
    expect(execution.tasks[0]?.reasonForIncompletion).toMatch(/^Task poll timed out after 2 seconds/);
  });

  it('C7/C8 workflow timeoutSeconds: TIME_OUT_WF cancels pending tasks, ALERT_ONLY does nothing', () => {
    const execution = start([simpleTask('t1')], { timeoutSeconds: 3, timeoutPolicy: 'TIME_OUT_WF' });
    expect(computeNextCheckAt(execution)).toBe(T0 + 3000);
    decide(execution, contextAt(T0 + 3000, ids));
    expect(execution.status).toBe('TIMED_OUT');
    expect(execution.tasks[0]?.status).toBe('CANCELED');
    expect(execution.reasonForIncompletion).toMatch(/^Workflow timed out after 3 seconds. Timeout configured as 3 seconds. Timeout policy configured to TIME_OUT_WF/);
    const alert = start([simpleTask('t1')], { timeoutSeconds: 3 });
    decide(alert, contextAt(T0 + 9000, ids));
    expect(alert.status).toBe('RUNNING');
  });
});

describe('next sweep time', () => {
  it('ALERT_ONLY task timeouts do not keep an execution due; the response timeout still does', () => {
    const defs = { task_t1: { name: 'task_t1', timeoutSeconds: 5, responseTimeoutSeconds: 5, timeoutPolicy: 'ALERT_ONLY' } };
    const execution = start([simpleTask('t1')], {}, defs);
    markPolled(last(execution), 'w', contextAt(T0, ids));
    expect(computeNextCheckAt(execution)).toBe(T0 + 5000);
    last(execution).status = 'SCHEDULED';
    expect(computeNextCheckAt(execution)).toBeUndefined();
  });
});
