import { describe, expect, it } from 'vitest';
import { keyId } from '../../../src/core/model.js';
import { orderChanges, orderChangesForApply } from '../../../src/core/order.js';
import { MANAGED_MARKER, buildPlan, type Plan } from '../../../src/core/plan.js';
import { doWhileTask, simpleTask, state, subWorkflowTask, switchTask, task, taskDef, withBody, workflowDef } from '../../helpers/builders.js';

const levels = (plan: Plan) => orderChanges(plan.changes).levels.map((level) => level.map((c) => keyId(c.key)));
const plan = (...args: Parameters<typeof buildPlan>) => buildPlan(...args);

describe('orderChanges', () => {
  it('puts task defs before the workflows that use them, at any depth', () => {
    const wf = workflowDef({ name: 'order', tasks: [switchTask('sw', { a: [doWhileTask('loop', [simpleTask('c', 'charge')])] })] });
    expect(levels(plan(state(wf, taskDef({ name: 'charge' }), taskDef({ name: 'unused' })), state(), { environment: 'e' }))).toEqual([
      ['taskDef/charge', 'taskDef/unused'],
      ['workflowDef/order@1'],
    ]);
  });

  it('puts sub-workflows (SUB_WORKFLOW, START_WORKFLOW, failureWorkflow) before their parents', () => {
    const child = workflowDef({ name: 'child' });
    const started = workflowDef({ name: 'started' });
    const onFailure = workflowDef({ name: 'on_failure' });
    const parent = workflowDef({
      name: 'parent',
      failureWorkflow: 'on_failure',
      tasks: [subWorkflowTask('s', 'child'), task('START_WORKFLOW', 'st', { inputParameters: { startWorkflow: { name: 'started' } } })],
    });
    expect(levels(plan(state(parent, child, started, onFailure), state(), { environment: 'e' }))).toEqual([
      ['workflowDef/child@1', 'workflowDef/on_failure@1', 'workflowDef/started@1'],
      ['workflowDef/parent@1'],
    ]);
  });

  it('ignores expressions and recursion on its own name', () => {
    const wf = workflowDef({ name: 'self', failureWorkflow: '${workflow.input.onFail}', tasks: [subWorkflowTask('s', 'self')] });
    expect(levels(plan(state(wf), state(), { environment: 'e' }))).toEqual([['workflowDef/self@1']]);
  });

  it('with bump, a parent pinned to the sub-workflow version the plan creates comes after it', () => {
    const childV1 = workflowDef({ name: 'child' });
    const server = state({ ...childV1, body: { ...childV1.body, metadata: { [MANAGED_MARKER]: true } } }, workflowDef({ name: 'other' }));
    const childChanged = withBody(childV1, { description: 'v2' });
    const parent = workflowDef({ name: 'parent', tasks: [subWorkflowTask('s', 'child', 2)] });
    const unrelated = workflowDef({ name: 'pinned_old', tasks: [subWorkflowTask('s', 'child', 1)] });
    expect(levels(plan(state(childChanged, parent, unrelated), server, { environment: 'e' }))).toEqual([
      ['workflowDef/child@2', 'workflowDef/pinned_old@1'],
      ['workflowDef/parent@1'],
    ]);
  });

  it('runs deletes last, parents before what they use, and leaves no-ops out', () => {
    const managed = { [MANAGED_MARKER]: true };
    const server = state(
      withBody(workflowDef({ name: 'parent', tasks: [subWorkflowTask('s', 'child'), simpleTask('t', 'tool')] }), { metadata: managed }),
      withBody(workflowDef({ name: 'child' }), { metadata: managed }),
      taskDef({ name: 'tool' }),
      taskDef({ name: 'same' }),
    );
    const result = plan(state(taskDef({ name: 'same' }), taskDef({ name: 'new' })), server, { environment: 'e', prune: true, ownedTaskDefs: new Set(['tool']) });
    expect(levels(result)).toEqual([['taskDef/new'], ['workflowDef/parent@1'], ['taskDef/tool', 'workflowDef/child@1']]);
  });

  it('reports a cycle as a plan error that names it', () => {
    const a = workflowDef({ name: 'a', tasks: [subWorkflowTask('s', 'b')] });
    const b = workflowDef({ name: 'b', tasks: [subWorkflowTask('s', 'a')] });
    const result = plan(state(a, b, taskDef({ name: 't' })), state(), { environment: 'e' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'PLAN_CYCLE', message: expect.stringContaining('workflowDef/a@1 → workflowDef/b@1 → workflowDef/a@1') }),
    ]);
    const order = orderChanges(result.changes);
    expect(order.cycles).toEqual([['workflowDef/a@1', 'workflowDef/b@1', 'workflowDef/a@1']]);
    expect(order.levels.flat().map((c) => keyId(c.key))).toEqual(['taskDef/t']);
  });

  it('gives apply the prerequisites, reusing the order the plan computed for the same changes', () => {
    const wf = workflowDef({ name: 'order', tasks: [simpleTask('a', 'charge'), simpleTask('b', 'ship')] });
    const result = plan(state(wf, taskDef({ name: 'charge' }), taskDef({ name: 'ship' })), state(), { environment: 'e' });
    const first = orderChangesForApply(result.changes);
    const again = orderChangesForApply(result.changes.filter((change) => change.action !== 'no-op'));
    expect(again.prerequisites).toBe(first.prerequisites);
    expect(again.levels).toEqual(first.levels);
    expect(again.levels[0]).not.toBe(first.levels[0]); // callers get their own arrays
    const workflow = result.changes.find((change) => change.key.kind === 'workflowDef')!;
    expect(first.prerequisites.get(workflow)!.map((c) => keyId(c.key))).toEqual(['taskDef/charge', 'taskDef/ship']);
    // Other Change objects (equal content) are ordered afresh.
    const copies = result.changes.map((change) => ({ ...change }));
    expect(orderChangesForApply(copies).prerequisites).not.toBe(first.prerequisites);
  });
});
