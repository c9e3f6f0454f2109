import { describe, expect, it } from 'vitest';
import { MANAGED_MARKER, buildPlan, type BuildPlanOptions, type Plan } from '../../../src/core/plan.js';
import type { Resource } from '../../../src/core/model.js';
import { simpleTask, state, taskDef, workflowDef } from '../../helpers/builders.js';

const managed = (resource: Resource): Resource => ({ ...resource, body: { ...resource.body, metadata: { [MANAGED_MARKER]: true } } });
const options = (extra: Partial<BuildPlanOptions> = {}): BuildPlanOptions => ({ environment: 'test', prune: true, ...extra });
const deletes = (plan: Plan) => plan.changes.filter((c) => c.action === 'delete').map((c) => `${c.key.kind}/${c.key.name}${c.key.version ? `@${c.key.version}` : ''}`);
const codes = (plan: Plan) => plan.diagnostics.map((d) => `${d.severity}:${d.code}`);
const keep = workflowDef({ name: 'keep' });

describe('buildPlan: prune', () => {
  it('deletes nothing without prune', () => {
    expect(deletes(buildPlan(state(keep), state(managed(workflowDef({ name: 'old' }))), options({ prune: false })))).toEqual([]);
  });

  it('deletes owned resources missing from the repo, with reason pruned and the old body', () => {
    const plan = buildPlan(state(keep), state(managed(workflowDef({ name: 'old' })), taskDef({ name: 'gone' })), options({ ownedTaskDefs: new Set(['gone']) }));
    expect(deletes(plan)).toEqual(['taskDef/gone', 'workflowDef/old@1']);
    expect(plan.changes.find((c) => c.key.name === 'old')).toMatchObject({ reason: 'pruned', before: { name: 'old' } });
    expect(plan.changes.find((c) => c.key.name === 'old')!.after).toBeUndefined();
  });

  it('leaves resources it does not own, with one warning listing them', () => {
    const plan = buildPlan(state(keep), state(workflowDef({ name: 'theirs' }), taskDef({ name: 'their_task' })), options());
    expect(deletes(plan)).toEqual([]);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'PRUNE_NOT_OWNED', message: expect.stringContaining('taskDef/their_task, workflowDef/theirs@1') })]);
  });

  it('leaves resources outside the scope silently (globs on name, kind/name)', () => {
    const server = state(managed(workflowDef({ name: 'billing_a' })), managed(workflowDef({ name: 'shipping_a' })), taskDef({ name: 'billing_t' }));
    const plan = buildPlan(state(keep), server, options({ scope: ['billing_*'], ownedTaskDefs: new Set(['billing_t']) }));
    expect(deletes(plan)).toEqual(['taskDef/billing_t', 'workflowDef/billing_a@1']);
    expect(deletes(buildPlan(state(keep), server, options({ scope: ['workflowDef/*'], ownedTaskDefs: new Set(['billing_t']) })))).toEqual([
      'workflowDef/billing_a@1',
      'workflowDef/shipping_a@1',
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('takes the environment form { include, exclude } and a predicate', () => {
    const server = state(managed(workflowDef({ name: 'a1' })), managed(workflowDef({ name: 'a2' })));
    expect(deletes(buildPlan(state(keep), server, options({ scope: { include: ['a*'], exclude: ['a2'] } })))).toEqual(['workflowDef/a1@1']);
    expect(deletes(buildPlan(state(keep), server, options({ scope: { include: [], exclude: [] } })))).toEqual([]);
    expect(deletes(buildPlan(state(keep), server, options({ scope: (key) => key.name === 'a2' })))).toEqual(['workflowDef/a2@1']);
  });

  it('a malformed scope glob matches nothing and is an error', () => {
    const plan = buildPlan(state(keep), state(managed(workflowDef({ name: 'a' }))), options({ scope: ['[a'] }));
    expect(deletes(plan)).toEqual([]);
    expect(codes(plan)).toEqual(['error:PRUNE_SCOPE_INVALID']);
  });

  it('never deletes a version with running or paused executions unless forced', () => {
    const server = state(managed(workflowDef({ name: 'busy' })), managed(workflowDef({ name: 'paused' })));
    const executionCounts = new Map([
      ['busy@1', { RUNNING: 3, PAUSED: 0 }],
      ['paused@1', { RUNNING: 0, PAUSED: 1 }],
    ]);
    const plan = buildPlan(state(keep), server, options({ executionCounts }));
    expect(deletes(plan)).toEqual([]);
    expect(codes(plan)).toEqual(['warning:DELETE_BLOCKED_EXECUTIONS', 'warning:DELETE_BLOCKED_EXECUTIONS']);
    const forced = buildPlan(state(keep), server, options({ executionCounts, force: true }));
    expect(deletes(forced)).toEqual(['workflowDef/busy@1', 'workflowDef/paused@1']);
    expect(forced.changes.find((c) => c.key.name === 'busy')!.executions).toEqual({ RUNNING: 3, PAUSED: 0 });
  });

  it('refuses to prune when the repo is empty', () => {
    const plan = buildPlan(state(), state(managed(workflowDef({ name: 'a' }))), options());
    expect(plan.changes).toEqual([]);
    expect(codes(plan)).toEqual(['error:PRUNE_EMPTY_DESIRED']);
  });

  it('bump keeps old server versions of a name the repo holds; in-place prunes versions the repo lacks', () => {
    const server = state(managed(workflowDef({ name: 'keep', version: 1 })), managed(workflowDef({ name: 'keep', version: 2 })));
    const repo = state(workflowDef({ name: 'keep', version: 2 }));
    expect(deletes(buildPlan(repo, server, options()))).toEqual([]);
    expect(deletes(buildPlan(repo, server, options({ versionPolicy: 'in-place' })))).toEqual(['workflowDef/keep@1']);
  });

  it('warns when a deleted task def is still used by a workflow that stays', () => {
    const repo = state(workflowDef({ name: 'order', tasks: [simpleTask('c', 'charge')] }));
    const plan = buildPlan(repo, state(taskDef({ name: 'charge' })), options({ ownedTaskDefs: new Set(['charge']) }));
    expect(deletes(plan)).toEqual(['taskDef/charge']);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'TASKDEF_STILL_USED', message: expect.stringContaining('workflowDef/order@1') })]);
  });
});
