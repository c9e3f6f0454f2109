import { describe, expect, it } from 'vitest';
import { MANAGED_MARKER, buildPlan } from '../../../src/core/plan.js';
import { PlanDocumentError, parsePlanDocument, parsePlanText, serializePlan } from '../../../src/core/plan-document.js';
import { simpleTask, state, taskDef, withBody, workflowDef } from '../../helpers/builders.js';

const server = state(
  taskDef({ name: 'charge' }),
  withBody(workflowDef({ name: 'order', tasks: [simpleTask('c', 'charge')] }), { metadata: { [MANAGED_MARKER]: true } }),
  withBody(workflowDef({ name: 'old' }), { metadata: { [MANAGED_MARKER]: true } }),
);
const repo = state(
  taskDef({ name: 'charge', retryCount: 1 }),
  workflowDef({ name: 'order', tasks: [simpleTask('c', 'charge'), simpleTask('d', 'charge')] }),
  { ...taskDef({ name: 'fresh' }), source: { file: 'definitions/tasks/fresh.yaml', line: 1, pointer: '' } },
);
const plan = buildPlan(repo, server, {
  environment: 'staging',
  prune: true,
  executionCounts: new Map([['order@1', { RUNNING: 1, PAUSED: 0 }]]),
});

function errorOf(run: () => unknown): PlanDocumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanDocumentError) return error;
    throw error;
  }
  throw new Error('expected a PlanDocumentError');
}

describe('plan document', () => {
  it('round-trips: parse(serialize(plan)) equals plan', () => {
    expect(plan.summary).toEqual({ create: 2, update: 1, delete: 1, noop: 0 });
    expect(parsePlanText(serializePlan(plan))).toEqual(plan);
  });

  it('serializes identically twice (stable text)', () => {
    expect(serializePlan(parsePlanText(serializePlan(plan)))).toBe(serializePlan(plan));
  });

  it('refuses another format version with PLAN_FORMAT_UNSUPPORTED', () => {
    const error = errorOf(() => parsePlanDocument({ ...JSON.parse(serializePlan(plan)), formatVersion: 2 }));
    expect(error).toMatchObject({ code: 'PLAN_FORMAT_UNSUPPORTED', pointer: '/formatVersion' });
  });

  it('names the pointer of an invalid member', () => {
    const document = JSON.parse(serializePlan(plan));
    document.changes[1].action = 'replace';
    expect(errorOf(() => parsePlanDocument(document))).toMatchObject({ code: 'PLAN_DOCUMENT_INVALID', pointer: '/changes/1/action' });
  });

  it('rejects a summary that disagrees with the changes (a hand-edited plan)', () => {
    const document = JSON.parse(serializePlan(plan));
    document.summary.delete = 0;
    expect(errorOf(() => parsePlanDocument(document))).toMatchObject({ code: 'PLAN_DOCUMENT_INVALID', pointer: '/summary/delete' });
  });

  it('rejects a bad patch operation and non-JSON text', () => {
    const document = JSON.parse(serializePlan(plan));
    document.changes[0].patch = [{ op: 'add', path: '/x' }];
    expect(errorOf(() => parsePlanDocument(document))).toMatchObject({ pointer: '/changes/0/patch/0/value' });
    expect(errorOf(() => parsePlanText('{'))).toMatchObject({ code: 'PLAN_DOCUMENT_INVALID', pointer: '' });
    expect(errorOf(() => parsePlanDocument([]))).toMatchObject({ code: 'PLAN_DOCUMENT_INVALID', pointer: '' });
  });
});
