/**
 * Property: a state planned against itself is all no-op, for every example state built here
 * (docs/style.md "No-op guarantee"). The corpus variant lives in normalize-corpus.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/normalize.js';
import { buildPlan, type VersionPolicy } from '../../../src/core/plan.js';
import type { Resource, State } from '../../../src/core/model.js';
import { doWhileTask, forkTask, simpleTask, state, subWorkflowTask, switchTask, task, taskDef, workflowDef } from '../../helpers/builders.js';

const examples: Record<string, State> = {
  empty: state(),
  'one task def': state(taskDef({ name: 'a' })),
  'task def with nulls': state(taskDef({ name: 'a', description: null, rateLimitPerFrequency: null, retryCount: null })),
  'nested workflow': state(
    workflowDef({
      name: 'w',
      tasks: [forkTask('f', [[switchTask('s', { x: [doWhileTask('l', [simpleTask('i')])] }, [simpleTask('d')])], [simpleTask('b')]]), task('JOIN', 'j', { joinOn: ['s', 'b'] })],
    }),
  ),
  'several versions and sub-workflows': state(
    workflowDef({ name: 'child', version: 1 }),
    workflowDef({ name: 'child', version: 2, description: 'two' }),
    workflowDef({ name: 'parent', tasks: [subWorkflowTask('s', 'child', 2)] }),
    taskDef({ name: 'child_task' }),
  ),
  'a cycle (no-ops are not ordered, so not an error)': state(
    workflowDef({ name: 'a', tasks: [subWorkflowTask('s', 'b')] }),
    workflowDef({ name: 'b', tasks: [subWorkflowTask('s', 'a')] }),
  ),
};

const normalizedCopy = (s: State): State =>
  new Map([...s].map(([id, r]): [string, Resource] => [id, { key: r.key, body: normalize(r.key.kind, r.body) }]));

describe('buildPlan(s, s) is all no-op', () => {
  for (const [name, example] of Object.entries(examples)) {
    for (const versionPolicy of ['bump', 'in-place', 'strict'] as VersionPolicy[]) {
      it(`${name} (${versionPolicy})`, () => {
        for (const actual of [example, normalizedCopy(example)]) {
          const plan = buildPlan(example, actual, { environment: 'e', versionPolicy, prune: example.size > 0 });
          expect(plan.changes.every((change) => change.action === 'no-op' && change.patch.length === 0)).toBe(true);
          expect(plan.summary.noop).toBe(example.size);
          expect(plan.diagnostics).toEqual([]);
        }
      });
    }
  }
});
