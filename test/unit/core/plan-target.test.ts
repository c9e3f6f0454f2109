import { describe, expect, it } from 'vitest';
import { keyId } from '../../../src/core/model.js';
import { buildPlan, type Plan } from '../../../src/core/plan.js';
import { parseTarget } from '../../../src/core/plan-scope.js';
import { simpleTask, state, subWorkflowTask, taskDef, workflowDef } from '../../helpers/builders.js';

const ids = (plan: Plan) => plan.changes.map((c) => keyId(c.key));
const desired = state(
  taskDef({ name: 'charge' }),
  taskDef({ name: 'unrelated' }),
  workflowDef({ name: 'child', tasks: [simpleTask('c', 'charge')] }),
  workflowDef({ name: 'parent', tasks: [subWorkflowTask('s', 'child')] }),
  workflowDef({ name: 'other' }),
);

describe('--target', () => {
  it('keeps the target and what it depends on, transitively, with a warning', () => {
    const plan = buildPlan(desired, state(), { environment: 'e', targets: ['workflowDef/parent'] });
    expect(ids(plan)).toEqual(['taskDef/charge', 'workflowDef/child@1', 'workflowDef/parent@1']);
    expect(plan.summary.create).toBe(3);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['TARGETED_PLAN']);
  });

  it('warns about a target that matches nothing and rejects a malformed one', () => {
    const plan = buildPlan(desired, state(), { environment: 'e', targets: ['taskDef/nope', 'parent'] });
    expect(ids(plan)).toEqual([]);
    expect(plan.diagnostics.map((d) => `${d.severity}:${d.code}`).sort()).toEqual(['error:TARGET_INVALID', 'warning:TARGETED_PLAN', 'warning:TARGET_UNMATCHED']);
  });

  it('parses kind/name[@version]', () => {
    expect(parseTarget('workflowDef/a@2')).toEqual({ kind: 'workflowDef', name: 'a', version: 2 });
    expect(parseTarget('taskDef/a')).toEqual({ kind: 'taskDef', name: 'a' });
    expect(parseTarget('taskDef/a@2')).toBeUndefined();
    expect(parseTarget('workflow/a')).toBeUndefined();
  });
});
