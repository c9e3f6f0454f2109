/**
 * The decider's extension point for system tasks (a later issue adds SWITCH, FORK, WAIT…):
 * a registered sync task runs inside the decide loop, chains without a worker, and can ask
 * the sweeper to come back at a given time.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../../../src/devserver/engine/decider.js';
import { startExecution } from '../../../../src/devserver/engine/start.js';
import { createTaskModel, isQueuedTask, registerTaskType } from '../../../../src/devserver/engine/task-types.js';
import { computeNextCheckAt } from '../../../../src/devserver/engine/timeouts.js';
import { contextAt, simpleTask, workflowDef } from './builders.js';

registerTaskType('DEV_ECHO', {
  isSystem: true,
  map: (mc) => [createTaskModel(mc, mc.ctx.newId(), 'DEV_ECHO', { ...mc.workflowTask.inputParameters })],
  execute(task, _execution, ctx) {
    task.outputData = { echoed: task.inputData['say'] };
    task.status = 'COMPLETED';
    task.endTime = ctx.now;
    return true;
  },
});

registerTaskType('DEV_TIMER', {
  isSystem: true,
  map: (mc) => [{ ...createTaskModel(mc, mc.ctx.newId(), 'DEV_TIMER', {}), status: 'IN_PROGRESS' }],
  execute(task, _execution, ctx) {
    if (ctx.now < task.scheduledTime + 5000) return false;
    task.status = 'COMPLETED';
    task.endTime = ctx.now;
    return true;
  },
  checkAt: (task) => task.scheduledTime + 5000,
});

describe('system task extension point', () => {
  it('a sync system task runs inside the start call and the next worker task is scheduled at once', () => {
    const def = workflowDef([{ name: 'echo', taskReferenceName: 'e', type: 'DEV_ECHO', inputParameters: { say: 'hi' } }, simpleTask('t1', { inputParameters: { got: '${e.output.echoed}' } })]);
    const execution = startExecution({ workflowId: 'w', definition: def, input: {} }, contextAt(1000));
    expect(execution.tasks.map((t) => [t.taskType, t.status])).toEqual([['DEV_ECHO', 'COMPLETED'], ['task_t1', 'SCHEDULED']]);
    expect(execution.tasks[1]?.inputData).toEqual({ got: 'hi' });
    expect(isQueuedTask(execution.tasks[0]!)).toBe(false);
    expect(isQueuedTask(execution.tasks[1]!)).toBe(true);
  });

  it('a waiting system task sets the next sweep time and completes when decided then', () => {
    const def = workflowDef([{ name: 'timer', taskReferenceName: 'tm', type: 'DEV_TIMER' }]);
    const execution = startExecution({ workflowId: 'w', definition: def, input: {} }, contextAt(1000));
    expect(computeNextCheckAt(execution)).toBe(6000);
    decide(execution, contextAt(5999));
    expect(execution.status).toBe('RUNNING');
    decide(execution, contextAt(6000));
    expect(execution.status).toBe('COMPLETED');
  });

  it('a system type nobody implemented yet fails the workflow with a clear reason', () => {
    const def = workflowDef([{ name: 'sw', taskReferenceName: 'sw', type: 'SWITCH' }]);
    const execution = startExecution({ workflowId: 'w', definition: def, input: {} }, contextAt(1000));
    expect(execution.status).toBe('FAILED');
    expect(execution.reasonForIncompletion).toBe('Task type SWITCH is not supported by this dev server yet');
  });
});
