import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/normalize.js';
import { MANAGED_MARKER, buildPlan, fingerprintContent, type BuildPlanOptions, type Plan } from '../../../src/core/plan.js';
import type { Resource } from '../../../src/core/model.js';
import { deepFreeze, simpleTask, state, taskDef, withBody, workflowDef } from '../../helpers/builders.js';

const options = (extra: Partial<BuildPlanOptions> = {}): BuildPlanOptions => ({ environment: 'test', ...extra });
const brief = (plan: Plan) => plan.changes.map((c) => `${c.action} ${c.key.kind}/${c.key.name}${c.key.version ? `@${c.key.version}` : ''} ${c.reason}`);
const codes = (plan: Plan) => plan.diagnostics.map((d) => `${d.severity}:${d.code}`);

/** What a server holds after applying a repo resource: normalized, with the marker. */
function onServer(resource: Resource, version = resource.key.version): Resource {
  const body = { ...resource.body, metadata: { [MANAGED_MARKER]: true } };
  if (resource.key.kind === 'taskDef') return { key: resource.key, body: normalize('taskDef', resource.body) };
  return { key: { ...resource.key, version }, body: normalize('workflowDef', { ...body, version }) };
}

describe('buildPlan: task defs', () => {
  it('creates a task def the server lacks', () => {
    expect(brief(buildPlan(state(taskDef({ name: 'a' })), state(), options()))).toEqual(['create taskDef/a new']);
  });

  it('updates a changed task def in place and lists the server workflows using it', () => {
    const repo = taskDef({ name: 'charge', retryCount: 5 });
    const server = state(taskDef({ name: 'charge' }), workflowDef({ name: 'order', tasks: [simpleTask('c', 'charge')] }), workflowDef({ name: 'other' }));
    const plan = buildPlan(state(repo), server, options({ executionCounts: new Map([['order@1', { RUNNING: 2, PAUSED: 0 }]]) }));
    const change = plan.changes.find((c) => c.key.kind === 'taskDef')!;
    expect(change).toMatchObject({ action: 'update', reason: 'content-changed', patch: [{ op: 'replace', path: '/retryCount', value: 5 }] });
    expect(change.usedBy).toEqual([{ name: 'order', version: 1, executions: { RUNNING: 2, PAUSED: 0 } }]);
  });

  it('is a no-op against the server read-back, with an empty patch', () => {
    const repo = taskDef({ name: 'a', description: null });
    const plan = buildPlan(state(repo), state(withBody(repo, { createTime: 5, createdBy: '', retryCount: 3 })), options());
    expect(plan.changes).toMatchObject([{ action: 'no-op', reason: 'unchanged', patch: [] }]);
    // The app records the matching body of a no-op (apply-record.ts), so it must be there.
    expect(plan.changes[0]!.after).toEqual(normalize('taskDef', repo.body));
    expect(plan.changes[0]!.before).toEqual(plan.changes[0]!.after);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, noop: 1 });
  });
});

describe('buildPlan: workflow versions, bump policy (default)', () => {
  const v1 = workflowDef({ name: 'reset', tasks: [simpleTask('token_ref')] });
  const changed = workflowDef({ name: 'reset', tasks: [simpleTask('token_ref'), simpleTask('email_ref')] });

  it('creates the repo version when the name is new, with the ownership marker', () => {
    const plan = buildPlan(state(v1), state(), options());
    expect(brief(plan)).toEqual(['create workflowDef/reset@1 new']);
    expect(plan.changes[0]!.after!['metadata']).toEqual({ [MANAGED_MARKER]: true });
  });

  it('creates latest+1 when the content differs from the server latest', () => {
    const server = state(onServer(v1, 1), onServer(v1, 3));
    const plan = buildPlan(state(changed), server, options({ executionCounts: new Map([['reset@3', { RUNNING: 1, PAUSED: 1 }]]) }));
    expect(brief(plan)).toEqual(['create workflowDef/reset@4 content-changed-bumped']);
    expect(plan.changes[0]).toMatchObject({ comparedVersion: 3, executions: { RUNNING: 1, PAUSED: 1 }, after: { version: 4 } });
    expect(plan.changes[0]!.taskSummary!.tasks).toEqual([{ kind: 'inserted', ref: 'email_ref', position: { after: 'token_ref' } }]);
    expect(plan.changes[0]!.patch).toContainEqual({ op: 'replace', path: '/version', value: 4 });
  });

  it('is a no-op when equal to the latest, whatever the repo version number', () => {
    const plan = buildPlan(state(changed), state(onServer(v1, 1), onServer(changed, 2)), options());
    expect(brief(plan)).toEqual(['no-op workflowDef/reset@2 unchanged']);
  });

  it('creates at the repo number when it is above the latest and the content differs', () => {
    const repo = { ...changed, key: { ...changed.key, version: 7 }, body: { ...changed.body, version: 7 } };
    expect(brief(buildPlan(state(repo), state(onServer(v1, 2)), options()))).toEqual(['create workflowDef/reset@7 version-raised']);
  });

  it('ignores the ownership marker when comparing (an unmarked server def equal in content is a no-op)', () => {
    expect(brief(buildPlan(state(v1), state(v1), options()))).toEqual(['no-op workflowDef/reset@1 unchanged']);
  });

  it('plans older repo versions of a name in place', () => {
    const old = workflowDef({ name: 'reset', version: 1, description: 'old' });
    const plan = buildPlan(state(old, { ...changed, key: { ...changed.key, version: 2 }, body: { ...changed.body, version: 2 } }), state(onServer(v1, 1)), options());
    expect(brief(plan)).toEqual(['update workflowDef/reset@1 content-changed', 'create workflowDef/reset@2 version-raised']);
  });
});

describe('buildPlan: in-place and strict policies', () => {
  const v2 = workflowDef({ name: 'w', version: 2, description: 'new' });
  const server = state(onServer(workflowDef({ name: 'w', version: 2 })), onServer(workflowDef({ name: 'w', version: 3 })));

  it('in-place updates the repo version number', () => {
    const plan = buildPlan(state(v2), server, options({ versionPolicy: 'in-place' }));
    expect(brief(plan)).toEqual(['update workflowDef/w@2 content-changed']);
    expect(plan.versionPolicy).toBe('in-place');
  });

  it('in-place above the server latest: create, shown against the latest (version-raised)', () => {
    const v4 = workflowDef({ name: 'w', version: 4, description: 'new' });
    const plan = buildPlan(state(v4), server, options({ versionPolicy: 'in-place' }));
    expect(brief(plan)).toEqual(['create workflowDef/w@4 version-raised']);
    expect(plan.changes[0]).toMatchObject({ comparedVersion: 3, before: { version: 3 }, after: { version: 4, description: 'new' } });
  });

  it('in-place creates the version when absent', () => {
    expect(brief(buildPlan(state(v2), state(), options({ versionPolicy: 'in-place' })))).toEqual(['create workflowDef/w@2 new']);
  });

  it('strict: changed content under an existing number is VERSION_NOT_RAISED, naming the next free version', () => {
    const repo = { ...v2, source: { file: 'definitions/workflows/w.yaml', line: 1, pointer: '' } };
    const plan = buildPlan(state(repo), server, options({ versionPolicy: 'strict' }));
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'VERSION_NOT_RAISED', file: 'definitions/workflows/w.yaml', pointer: '/version', line: 1 }),
    ]);
    expect(plan.diagnostics[0]!.message).toContain('next free: 4');
  });

  it('strict: a new number is a create, an equal one a no-op', () => {
    const same = workflowDef({ name: 'w', version: 3 });
    const fresh = workflowDef({ name: 'n', version: 5 });
    expect(brief(buildPlan(state(same, fresh), server, options({ versionPolicy: 'strict' })))).toEqual([
      'create workflowDef/n@5 new',
      'no-op workflowDef/w@3 unchanged',
    ]);
  });
});

describe('buildPlan: drift', () => {
  const repo = taskDef({ name: 'a', retryCount: 5 });
  const edited = withBody(repo, { retryCount: 9 });

  it('reports drift when the repo matches the last apply but the server changed', () => {
    const plan = buildPlan(state(repo), state(edited), options({ lastApplied: new Map([['taskDef/a', repo.body]]) }));
    expect(brief(plan)).toEqual(['update taskDef/a drift']);
  });

  it('accepts a content fingerprint instead of a body', () => {
    const plan = buildPlan(state(repo), state(edited), options({ lastApplied: new Map([['taskDef/a', fingerprintContent('taskDef', repo.body)]]) }));
    expect(brief(plan)).toEqual(['update taskDef/a drift']);
  });

  it('a repo change is content-changed; if the server also changed, a warning says its edit is lost', () => {
    const applied = taskDef({ name: 'a', retryCount: 1 });
    const plan = buildPlan(state(repo), state(edited), options({ lastApplied: new Map([['taskDef/a', applied.body]]) }));
    expect(brief(plan)).toEqual(['update taskDef/a content-changed']);
    expect(codes(plan)).toEqual(['warning:DRIFT_OVERWRITTEN']);
  });

  it('bump: drift on the latest version creates latest+1 with reason drift', () => {
    const wf = workflowDef({ name: 'w' });
    const server = state(onServer(withBody(wf, { description: 'hand edit' })));
    const plan = buildPlan(state(wf), server, options({ lastApplied: new Map([['workflowDef/w@1', wf.body]]) }));
    expect(brief(plan)).toEqual(['create workflowDef/w@2 drift']);
  });

  it('strict: drift may be restored in place (no VERSION_NOT_RAISED)', () => {
    const wf = workflowDef({ name: 'w' });
    const server = state(onServer(withBody(wf, { description: 'hand edit' })));
    const plan = buildPlan(state(wf), server, options({ versionPolicy: 'strict', lastApplied: new Map([['workflowDef/w@1', wf.body]]) }));
    expect(brief(plan)).toEqual(['update workflowDef/w@1 drift']);
    expect(plan.diagnostics).toEqual([]);
  });
});

describe('buildPlan: plan shape', () => {
  it('sorts changes: task defs first, then by name and version', () => {
    const plan = buildPlan(state(workflowDef({ name: 'b' }), taskDef({ name: 'z' }), workflowDef({ name: 'a', version: 2 }), workflowDef({ name: 'a', version: 1 })), state(), options({ versionPolicy: 'in-place' }));
    expect(plan.changes.map((c) => `${c.key.name}@${c.key.version ?? '-'}`)).toEqual(['z@-', 'a@1', 'a@2', 'b@1']);
  });

  it('fingerprints every touched server key, absent ones included, and the compared version', () => {
    const wf = workflowDef({ name: 'w', description: 'changed' });
    const plan = buildPlan(state(wf, taskDef({ name: 't' })), state(onServer(workflowDef({ name: 'w' }))), options());
    expect(Object.keys(plan.actualFingerprint.resources)).toEqual(['taskDef/t', 'workflowDef/w@1', 'workflowDef/w@2']);
    expect(plan.actualFingerprint.resources['taskDef/t']).toBe('absent');
    expect(plan.actualFingerprint.resources['workflowDef/w@1']).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
  });

  it('fingerprints no no-op: applying the plan leaves those keys alone, so their later edits do not make it stale', () => {
    const t = taskDef({ name: 't' });
    const plan = buildPlan(state(t, workflowDef({ name: 'w', description: 'changed' })), state(onServer(t), onServer(workflowDef({ name: 'w' }))), options());
    expect(plan.changes.map((c) => c.action)).toEqual(['no-op', 'create']);
    expect(Object.keys(plan.actualFingerprint.resources)).toEqual(['workflowDef/w@1', 'workflowDef/w@2']);
  });

  it('never mutates its inputs', () => {
    const desired = state(deepFreeze(workflowDef({ name: 'w', description: 'x' })), deepFreeze(taskDef({ name: 't' })));
    const actual = state(deepFreeze(workflowDef({ name: 'w' })), deepFreeze(taskDef({ name: 't', retryCount: 1 })));
    expect(() => buildPlan(desired, actual, options({ prune: true }))).not.toThrow();
  });
});
