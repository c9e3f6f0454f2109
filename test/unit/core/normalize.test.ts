/**
 * Every "spurious diff" the normalizer prevents has a test here (docs/style.md example 4):
 * a definition as the user writes it and the server's read-back must normalize equal.
 */
import { describe, expect, it } from 'vitest';
import { normalize, normalizeTaskDef, normalizeWorkflowDef } from '../../../src/core/normalize.js';
import { deepFreeze, doWhileTask, forkTask, simpleTask, subWorkflowTask, switchTask, task } from '../../helpers/builders.js';

/** What GET /api/metadata/taskdefs/{name} returns on a 2026 server for `{ name }`. */
const SERVER_TASK_DEF_DEFAULTS = {
  retryCount: 3,
  timeoutSeconds: 0,
  totalTimeoutSeconds: 0,
  inputKeys: [],
  outputKeys: [],
  runtimeMetadata: [],
  timeoutPolicy: 'TIME_OUT_WF',
  retryLogic: 'FIXED',
  retryDelaySeconds: 60,
  responseTimeoutSeconds: 3600,
  inputTemplate: {},
  rateLimitPerFrequency: 0,
  rateLimitFrequencyInSeconds: 1,
  backoffScaleFactor: 1,
  maxRetryDelaySeconds: 0,
  backoffJitterMs: 0,
  taskStatusListenerEnabled: true,
  enforceSchema: false,
  createTime: 1767225600000,
  updateTime: 0,
  createdBy: '',
};

/** What a WorkflowTask reads back as on a 2026 server. */
function serverTask(fields: Record<string, unknown>) {
  return {
    inputParameters: {},
    type: 'SIMPLE',
    decisionCases: {},
    defaultCase: [],
    forkTasks: [],
    startDelay: 0,
    joinOn: [],
    optional: false,
    defaultExclusiveJoinTask: [],
    asyncComplete: false,
    loopOver: [],
    onStateChange: {},
    permissive: false,
    metadata: {},
    ...fields,
  };
}

const SERVER_WORKFLOW_DEFAULTS = {
  version: 1,
  inputParameters: [],
  outputParameters: {},
  schemaVersion: 2,
  restartable: true,
  workflowStatusListenerEnabled: false,
  timeoutPolicy: 'ALERT_ONLY',
  timeoutSeconds: 0,
  variables: {},
  inputTemplate: {},
  enforceSchema: true,
  metadata: {},
  maskedFields: [],
  createTime: 1767225600000,
  updateTime: 1767225600001,
};

describe('normalizeTaskDef', () => {
  it('a minimal task def equals its server read-back (defaults and server-managed fields)', () => {
    expect(normalizeTaskDef({ name: 'charge' })).toEqual(normalizeTaskDef({ name: 'charge', ...SERVER_TASK_DEF_DEFAULTS }));
  });

  it('drops createTime, updateTime, createdBy, updatedBy and ownerApp (also "" owners)', () => {
    const normalized = normalizeTaskDef({ name: 'a', createTime: 1, updateTime: 2, createdBy: '', updatedBy: 'x', ownerApp: '' });
    for (const field of ['createTime', 'updateTime', 'createdBy', 'updatedBy', 'ownerApp']) expect(normalized).not.toHaveProperty(field);
  });

  it('an older server without the newer fields equals a newer one', () => {
    const { totalTimeoutSeconds, runtimeMetadata, maxRetryDelaySeconds, backoffJitterMs, taskStatusListenerEnabled, enforceSchema, ...old } =
      SERVER_TASK_DEF_DEFAULTS;
    expect([totalTimeoutSeconds, runtimeMetadata, maxRetryDelaySeconds, backoffJitterMs, taskStatusListenerEnabled, enforceSchema]).toHaveLength(6);
    expect(normalizeTaskDef({ name: 'a', ...old })).toEqual(normalizeTaskDef({ name: 'a', ...SERVER_TASK_DEF_DEFAULTS }));
  });

  it('description: null equals an absent description; "" does not', () => {
    expect(normalizeTaskDef({ name: 'a', description: null })).toEqual(normalizeTaskDef({ name: 'a' }));
    expect(normalizeTaskDef({ name: 'a', description: '' })).not.toEqual(normalizeTaskDef({ name: 'a' }));
  });

  it('rateLimitPerFrequency null reads back as 0, rateLimitFrequencyInSeconds null as 1', () => {
    expect(normalizeTaskDef({ name: 'a', rateLimitPerFrequency: null, rateLimitFrequencyInSeconds: null })).toEqual(
      normalizeTaskDef({ name: 'a', rateLimitPerFrequency: 0, rateLimitFrequencyInSeconds: 1 }),
    );
  });

  it('null for a Java primitive becomes 0, not the default (retryCount: null is 0 retries)', () => {
    expect(normalizeTaskDef({ name: 'a', retryCount: null })['retryCount']).toBe(0);
    expect(normalizeTaskDef({ name: 'a', retryDelaySeconds: null })['retryDelaySeconds']).toBe(0);
    expect(normalizeTaskDef({ name: 'a' })['retryCount']).toBe(3);
  });

  it('concurrentExecLimit: null (boxed) equals absent', () => {
    expect(normalizeTaskDef({ name: 'a', concurrentExecLimit: null })).toEqual(normalizeTaskDef({ name: 'a' }));
  });

  it('enforceSchema defaults to false for task defs', () => {
    expect(normalizeTaskDef({ name: 'a' })['enforceSchema']).toBe(false);
  });

  it('fills SchemaDef version 1', () => {
    expect(normalizeTaskDef({ name: 'a', inputSchema: { name: 's', type: 'JSON' } })['inputSchema']).toEqual({ name: 's', type: 'JSON', version: 1 });
  });

  it('keeps user data inside maps untouched (null values in inputTemplate stay)', () => {
    expect(normalizeTaskDef({ name: 'a', inputTemplate: { keep: null } })['inputTemplate']).toEqual({ keep: null });
  });
});

describe('normalizeWorkflowDef', () => {
  const minimal = { name: 'flow', tasks: [simpleTask('a_ref', 'a')] };

  it('a minimal workflow equals its server read-back', () => {
    const serverBody = { name: 'flow', ...SERVER_WORKFLOW_DEFAULTS, tasks: [serverTask({ name: 'a', taskReferenceName: 'a_ref' })] };
    expect(normalizeWorkflowDef(minimal)).toEqual(normalizeWorkflowDef(serverBody));
  });

  it('fills version 1, schemaVersion 2, enforceSchema true, restartable true', () => {
    const normalized = normalizeWorkflowDef(minimal);
    expect(normalized).toMatchObject({ version: 1, schemaVersion: 2, enforceSchema: true, restartable: true, timeoutPolicy: 'ALERT_ONLY' });
  });

  it('an older server (no metadata, maskedFields, enforceSchema, task permissive/onStateChange/metadata) equals a newer one', () => {
    const { metadata, maskedFields, enforceSchema, ...old } = SERVER_WORKFLOW_DEFAULTS;
    expect([metadata, maskedFields, enforceSchema]).toHaveLength(3);
    const { onStateChange, permissive, metadata: taskMetadata, ...oldTask } = serverTask({ name: 'a', taskReferenceName: 'a_ref' });
    expect([onStateChange, permissive, taskMetadata]).toHaveLength(3);
    const newer = { name: 'flow', ...SERVER_WORKFLOW_DEFAULTS, tasks: [serverTask({ name: 'a', taskReferenceName: 'a_ref' })] };
    expect(normalizeWorkflowDef({ name: 'flow', ...old, tasks: [oldTask] })).toEqual(normalizeWorkflowDef(newer));
  });

  it('type absent equals SIMPLE; asyncComplete absent equals false; task inputParameters {} equals absent', () => {
    const written = { name: 'flow', tasks: [{ name: 'a', taskReferenceName: 'a_ref' }] };
    const readBack = { name: 'flow', tasks: [{ name: 'a', taskReferenceName: 'a_ref', type: 'SIMPLE', asyncComplete: false, inputParameters: {} }] };
    expect(normalizeWorkflowDef(written)).toEqual(normalizeWorkflowDef(readBack));
  });

  it('task metadata: null reads back as {}', () => {
    expect(normalizeWorkflowDef({ name: 'f', tasks: [simpleTask('a', 'a', { metadata: null })] })).toEqual(normalizeWorkflowDef({ name: 'f', tasks: [simpleTask('a')] }));
  });

  it('restartable: null is false (primitive), not the default true', () => {
    expect(normalizeWorkflowDef({ ...minimal, restartable: null })['restartable']).toBe(false);
  });

  it('fills task defaults at any depth: fork, switch cases and default, do-while', () => {
    const nested = simpleTask('deep_ref', 'deep');
    const body = { name: 'f', tasks: [forkTask('fork_ref', [[switchTask('sw_ref', { a: [doWhileTask('loop_ref', [nested])] }, [simpleTask('def_ref')])]])] };
    const normalized = normalizeWorkflowDef(body);
    const fork = (normalized['tasks'] as any[])[0];
    const sw = fork.forkTasks[0][0];
    expect(sw.decisionCases.a[0].loopOver[0]).toMatchObject({ taskReferenceName: 'deep_ref', optional: false, asyncComplete: false, startDelay: 0 });
    expect(sw.defaultCase[0]).toMatchObject({ taskReferenceName: 'def_ref', joinOn: [], loopOver: [], permissive: false, metadata: {} });
  });

  it('defaultExclusiveJoinTask is a list of refs (List<String> in WorkflowTask.java), kept as is', () => {
    const normalized = normalizeWorkflowDef({ name: 'f', tasks: [task('EXCLUSIVE_JOIN', 'xj_ref', { joinOn: ['a'], defaultExclusiveJoinTask: ['b_ref'] })] });
    expect((normalized['tasks'] as any[])[0].defaultExclusiveJoinTask).toEqual(['b_ref']);
  });

  it('keeps a user-written inline taskDefinition, normalized as a task def', () => {
    const written = { name: 'f', tasks: [simpleTask('a', 'a', { taskDefinition: { name: 'a', retryCount: 0 } })] };
    const readBack = { name: 'f', tasks: [simpleTask('a', 'a', { taskDefinition: { name: 'a', ...SERVER_TASK_DEF_DEFAULTS, retryCount: 0 } })] };
    expect(normalizeWorkflowDef(written)).toEqual(normalizeWorkflowDef(readBack));
    expect((normalizeWorkflowDef(written)['tasks'] as any[])[0].taskDefinition).toMatchObject({ name: 'a', retryCount: 0, responseTimeoutSeconds: 3600 });
  });

  it('normalizes an inline sub-workflow definition as a workflow def', () => {
    const inline = { name: 'child', tasks: [simpleTask('c')] };
    const withInline = { name: 'f', tasks: [task('SUB_WORKFLOW', 's', { subWorkflowParam: { name: 'child', workflowDefinition: inline } })] };
    const param = (normalizeWorkflowDef(withInline)['tasks'] as any[])[0].subWorkflowParam;
    expect(param.workflowDefinition).toMatchObject({ version: 1, schemaVersion: 2, tasks: [{ type: 'SIMPLE', optional: false }] });
  });

  it('subWorkflowParam version: null equals absent (the latest at start), and is not filled', () => {
    const withNull = { name: 'f', tasks: [task('SUB_WORKFLOW', 's', { subWorkflowParam: { name: 'child', version: null } })] };
    expect(normalizeWorkflowDef(withNull)).toEqual(normalizeWorkflowDef({ name: 'f', tasks: [subWorkflowTask('s', 'child')] }));
  });

  it('fills rateLimitConfig defaults when present', () => {
    expect(normalizeWorkflowDef({ ...minimal, rateLimitConfig: { rateLimitKey: 'k' } })['rateLimitConfig']).toEqual({
      rateLimitKey: 'k',
      concurrentExecLimit: 0,
      policy: 'QUEUE',
    });
  });
});

/**
 * Spurious diffs found by registering the corpus on the dev server and reading it back
 * (test/integration/devserver/normalize-roundtrip.test.ts); each follows the real model class.
 */
describe('normalize follows what the server stores (regressions)', () => {
  const minimal = { name: 'flow', tasks: [simpleTask('a_ref', 'a')] };

  it('drops properties the model classes do not have, at every depth (Jackson FAIL_ON_UNKNOWN_PROPERTIES=false)', () => {
    // Seen in the corpus: onStateChange on the workflow (e2e exec_limit_workflow.json),
    // callbackFromWorker on tasks (kitchensink wf2.json), outputParameters on a task (java-sdk).
    const written = {
      ...minimal,
      onStateChange: {},
      tags: [{ key: 'team', value: 'a' }],
      tasks: [simpleTask('a_ref', 'a', { callbackFromWorker: true, outputParameters: { x: 1 } })],
    };
    expect(normalizeWorkflowDef(written)).toEqual(normalizeWorkflowDef(minimal));
    expect(normalizeTaskDef({ name: 'a', tags: [], accessPolicy: {} })).toEqual(normalizeTaskDef({ name: 'a' }));
    const inline = { name: 'child', tasks: [simpleTask('c', 'c', { bogus: 1 })], bogus: 2 };
    const clean = { name: 'child', tasks: [simpleTask('c')] };
    const sub = (def: object) => ({ name: 'f', tasks: [task('SUB_WORKFLOW', 's', { subWorkflowParam: { name: 'child', bogus: 3, workflowDefinition: def } })] });
    expect(normalizeWorkflowDef(sub(inline))).toEqual(normalizeWorkflowDef(sub(clean)));
  });

  it('inputSchema/outputSchema are SchemaDefs, which extend Auditable: their server fields are dropped', () => {
    const written = { name: 'a', inputSchema: { name: 's', type: 'JSON' } };
    const readBack = { name: 'a', inputSchema: { name: 's', type: 'JSON', version: 1, createTime: 0, updateTime: 0 } };
    expect(normalizeTaskDef(written)).toEqual(normalizeTaskDef(readBack));
    expect(normalizeWorkflowDef({ ...minimal, outputSchema: written.inputSchema })).toEqual(normalizeWorkflowDef({ ...minimal, outputSchema: readBack.inputSchema }));
  });

  it('fills cacheConfig.ttlInSecond 0 (a primitive int in CacheConfig.java) on the workflow and on tasks', () => {
    const written = { ...minimal, cacheConfig: { key: 'k' }, tasks: [simpleTask('a_ref', 'a', { cacheConfig: { key: 't' } })] };
    const readBack = { ...minimal, cacheConfig: { key: 'k', ttlInSecond: 0 }, tasks: [simpleTask('a_ref', 'a', { cacheConfig: { key: 't', ttlInSecond: 0 } })] };
    expect(normalizeWorkflowDef(written)).toEqual(normalizeWorkflowDef(readBack));
  });

  it('null for primitives whose default is not zero: taskStatusListenerEnabled, version, enforceSchema, SchemaDef version', () => {
    expect(normalizeTaskDef({ name: 'a', taskStatusListenerEnabled: null })['taskStatusListenerEnabled']).toBe(false);
    expect(normalizeWorkflowDef({ ...minimal, version: null })['version']).toBe(0);
    expect(normalizeWorkflowDef({ ...minimal, enforceSchema: null })['enforceSchema']).toBe(false);
    expect((normalizeTaskDef({ name: 'a', inputSchema: { name: 's', type: 'JSON', version: null } })['inputSchema'] as any).version).toBe(0);
  });

  it('an inline sub-workflow definition gives subWorkflowParam its name and version (SubWorkflowParams.getName/getVersion)', () => {
    const inline = { name: 'child', tasks: [simpleTask('c')] };
    const written = { name: 'f', tasks: [task('SUB_WORKFLOW', 's', { subWorkflowParam: { name: 'child', workflowDefinition: inline } })] };
    const readBack = { name: 'f', tasks: [task('SUB_WORKFLOW', 's', { subWorkflowParam: { name: 'child', version: 1, workflowDefinition: { ...inline, version: 1 } } })] };
    expect(normalizeWorkflowDef(written)).toEqual(normalizeWorkflowDef(readBack));
    // Converted whatever it holds: an object without tasks is still a WorkflowDef.
    const noTasks = { name: 'f', tasks: [task('SUB_WORKFLOW', 's', { subWorkflowParam: { workflowDefinition: { name: 'x' } } })] };
    expect((normalizeWorkflowDef(noTasks)['tasks'] as any[])[0].subWorkflowParam).toMatchObject({ name: 'x', version: 1 });
  });
});

describe('normalize', () => {
  it('never mutates its input', () => {
    const body = deepFreeze({ name: 'f', createTime: 1, tasks: [forkTask('f', [[simpleTask('a', 'a', { taskDefinition: { name: 'a', createTime: 1 } })]])] });
    expect(() => normalize('workflowDef', body)).not.toThrow();
    expect(body.createTime).toBe(1);
  });

  it('sorts keys at every level, so key order in the source does not matter', () => {
    const normalized = normalize('taskDef', { retryCount: 1, name: 'a', inputTemplate: { z: 1, a: { y: 2, b: 3 } } });
    expect(Object.keys(normalized)).toEqual([...Object.keys(normalized)].sort());
    expect(JSON.stringify(normalized['inputTemplate'])).toBe('{"a":{"b":3,"y":2},"z":1}');
  });

  it('is idempotent', () => {
    const body = { name: 'f', description: null, tasks: [switchTask('s', { x: [simpleTask('a')] })] };
    const once = normalize('workflowDef', body);
    expect(normalize('workflowDef', once)).toEqual(once);
  });

  it('keeps array order (task order is meaning)', () => {
    const normalized = normalize('workflowDef', { name: 'f', tasks: [simpleTask('b'), simpleTask('a')] });
    expect((normalized['tasks'] as any[]).map((t) => t.taskReferenceName)).toEqual(['b', 'a']);
  });
});
