import { describe, expect, it } from 'vitest';
import { describeTaskChange, describeSummary, listFields } from '../../../src/render/plan-describe.js';
import { buildPlan } from '../../../src/core/plan.js';
import { state, taskDef } from '../../helpers/builders.js';

describe('plan wording', () => {
  it('describes task positions', () => {
    expect(describeTaskChange({ kind: 'inserted', ref: 'r', position: { after: 'a' } })).toBe('inserted `r` after `a`');
    expect(describeTaskChange({ kind: 'inserted', ref: 'r', position: {} })).toBe('inserted `r` at the start');
    expect(describeTaskChange({ kind: 'inserted', ref: 'r', position: { parent: 'sw', branch: 'case gold' } })).toBe('inserted `r` first in `sw` case gold');
    expect(describeTaskChange({ kind: 'moved', ref: 'r', position: { parent: 'f', branch: 'fork 2', after: 'x' } })).toBe('moved `r` after `x` in `f` fork 2');
    expect(describeTaskChange({ kind: 'removed', ref: 'legacy_ref', position: { after: 'a' } })).toBe('removed `legacy_ref`');
    expect(describeTaskChange({ kind: 'changed', ref: 'email_ref', fields: ['inputParameters.token'] })).toBe('`email_ref`: inputParameters.token changed');
  });

  it('lists at most six fields', () => {
    expect(listFields(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toBe('a, b, c, d, e, f and 2 more');
  });

  it('has the exact summary line', () => {
    const plan = buildPlan(state(taskDef({ name: 'a' }), taskDef({ name: 'b', retryCount: 1 })), state(taskDef({ name: 'b' })), { environment: 'e' });
    expect(describeSummary(plan)).toBe('Plan: 1 to create, 1 to update, 0 to delete.');
  });
});
