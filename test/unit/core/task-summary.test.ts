import { describe, expect, it } from 'vitest';
import { normalizeWorkflowDef } from '../../../src/core/normalize.js';
import { summarizeWorkflowChange } from '../../../src/core/task-summary.js';
import { forkTask, simpleTask, switchTask, task } from '../../helpers/builders.js';
import type { JsonObject } from '../../../src/core/model.js';

const flow = (tasks: JsonObject[], extra: JsonObject = {}) => normalizeWorkflowDef({ name: 'f', tasks, ...extra });

describe('summarizeWorkflowChange', () => {
  it('reports an insertion with its predecessor', () => {
    const summary = summarizeWorkflowChange(flow([simpleTask('token_ref'), simpleTask('email_ref')]), flow([simpleTask('token_ref'), simpleTask('rate_limit_ref'), simpleTask('email_ref')]));
    expect(summary.tasks).toEqual([{ kind: 'inserted', ref: 'rate_limit_ref', position: { after: 'token_ref' } }]);
    expect(summary.fields).toEqual([]);
  });

  it('reports a removal with where it was', () => {
    const summary = summarizeWorkflowChange(flow([simpleTask('a'), simpleTask('legacy_ref')]), flow([simpleTask('a')]));
    expect(summary.tasks).toEqual([{ kind: 'removed', ref: 'legacy_ref', position: { after: 'a' } }]);
  });

  it('lists the changed fields of a task', () => {
    const before = flow([simpleTask('email_ref', 'email', { inputParameters: { token: '${a}', to: 'x' } })]);
    const after = flow([simpleTask('email_ref', 'email', { inputParameters: { token: '${b}', to: 'x' }, optional: true })]);
    expect(summarizeWorkflowChange(before, after).tasks).toEqual([{ kind: 'changed', ref: 'email_ref', fields: ['inputParameters.token', 'optional'] }]);
  });

  it('finds tasks at any depth and reports their branch', () => {
    const before = flow([switchTask('sw', { gold: [simpleTask('a')] })]);
    const after = flow([switchTask('sw', { gold: [simpleTask('a'), simpleTask('b')] })]);
    expect(summarizeWorkflowChange(before, after).tasks).toEqual([{ kind: 'inserted', ref: 'b', position: { parent: 'sw', branch: 'case gold', after: 'a' } }]);
  });

  it('a change to a child is not a change to its parent', () => {
    const before = flow([forkTask('fork', [[simpleTask('a', 'a', { optional: false })]])]);
    const after = flow([forkTask('fork', [[simpleTask('a', 'a', { optional: true })]])]);
    expect(summarizeWorkflowChange(before, after).tasks).toEqual([{ kind: 'changed', ref: 'a', fields: ['optional'] }]);
  });

  it('a changed defaultExclusiveJoinTask (a list of refs, not tasks) is a field change of its task', () => {
    const join = (refs: string[]) => task('EXCLUSIVE_JOIN', 'xj', { joinOn: ['a', 'b'], defaultExclusiveJoinTask: refs });
    const summary = summarizeWorkflowChange(flow([simpleTask('a'), simpleTask('b'), join(['a'])]), flow([simpleTask('a'), simpleTask('b'), join(['b'])]));
    expect(summary.tasks).toEqual([{ kind: 'changed', ref: 'xj', fields: ['defaultExclusiveJoinTask[0]'] }]);
  });

  it('reports reordering as a move of the fewest tasks', () => {
    const summary = summarizeWorkflowChange(flow([simpleTask('a'), simpleTask('b'), simpleTask('c')]), flow([simpleTask('c'), simpleTask('a'), simpleTask('b')]));
    expect(summary.tasks).toEqual([{ kind: 'moved', ref: 'c', position: {} }]);
  });

  it('reports a move into another branch', () => {
    const before = flow([simpleTask('x'), switchTask('sw', { a: [simpleTask('y')] })]);
    const after = flow([switchTask('sw', { a: [simpleTask('y'), simpleTask('x')] })]);
    expect(summarizeWorkflowChange(before, after).tasks).toEqual([{ kind: 'moved', ref: 'x', position: { parent: 'sw', branch: 'case a', after: 'y' } }]);
  });

  it('lists top-level workflow fields, ignoring tasks and version', () => {
    const summary = summarizeWorkflowChange(flow([simpleTask('a')], { version: 1 }), flow([simpleTask('a')], { version: 2, timeoutSeconds: 60, outputParameters: { r: 1 } }));
    expect(summary).toEqual({ fields: ['outputParameters.r', 'timeoutSeconds'], tasks: [] });
  });
});
