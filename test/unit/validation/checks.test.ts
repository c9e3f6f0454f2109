import { describe, expect, it } from 'vitest';
import { doWhileTask, forkTask, simpleTask, subWorkflowTask, switchTask, task, taskDef, workflowDef } from '../../helpers/builders.js';
import { check, errors, warnings } from './helpers.js';

const wf = (tasks: Record<string, unknown>[], extra: Record<string, unknown> = {}) => workflowDef({ name: 'wf', tasks, ...extra });
const noop = (ref: string) => task('NOOP', ref);

describe('task references and types', () => {
  it('rejects a taskReferenceName used twice, at any depth', () => {
    const diagnostics = check([wf([noop('a'), switchTask('s', { x: [noop('a')] })])]);
    expect(errors(diagnostics)).toEqual(['REF_DUPLICATE@/tasks/1/decisionCases/x/0/taskReferenceName']);
  });

  it('warns about task types Conductor OSS does not have', () => {
    const diagnostics = check([wf([task('LLM_CHAT_COMPLETE', 'chat'), noop('n')])]);
    expect(warnings(diagnostics)).toEqual(['TASK_TYPE_UNKNOWN@/tasks/0/type']);
    expect(errors(diagnostics)).toEqual([]);
  });

  it('rejects a value-param switch whose expression names no input key', () => {
    const s = switchTask('s', { a: [noop('n')] });
    s['expression'] = 'knd';
    expect(errors(check([wf([s])]))).toEqual(['SWITCH_PARAM_MISSING@/tasks/0/expression']);
  });

  it('warns when a script switch reads a $ key that is not an input', () => {
    const s = task('SWITCH', 's', { evaluatorType: 'graaljs', expression: "$.amount > 100 ? 'big' : $['tier']", inputParameters: { amount: 1 }, decisionCases: { big: [noop('n')] } });
    const d = task('DECISION', 'd', { caseExpression: '$.x', inputParameters: { x: 1 }, decisionCases: { a: [noop('m')] } });
    const diagnostics = check([wf([s, d])]);
    expect(warnings(diagnostics)).toEqual(['SWITCH_PARAM_MISSING@/tasks/0/expression']);
    expect(diagnostics[0]?.message).toContain('$.tier');
  });

  it.each([
    [{ duration: '10 minutes' }, []],
    [{ duration: '1 day 2 hours' }, []],
    [{ duration: '${workflow.input.wait}' }, []],
    [{ until: '2030-01-31 10:00 UTC' }, []],
    [{ duration: 'PT10M' }, ['WAIT_INPUT@/tasks/0/inputParameters/duration']],
    [{ duration: '10s', until: '2030-01-31' }, ['WAIT_INPUT@/tasks/0/inputParameters']],
  ])('WAIT %j', (inputParameters, expected) => {
    expect(errors(check([wf([task('WAIT', 'w', { inputParameters })])]))).toEqual(expected);
  });
});

describe('forks, joins and loops', () => {
  it('rejects a fork that is not followed by a JOIN', () => {
    const diagnostics = check([wf([forkTask('f', [[noop('a')], [noop('b')]]), noop('after')])]);
    expect(errors(diagnostics)).toEqual(['FORK_WITHOUT_JOIN@/tasks/0']);
  });

  it('accepts a JOIN on the last task of each branch', () => {
    const diagnostics = check([wf([forkTask('f', [[noop('a1'), noop('a2')], [noop('b')]]), task('JOIN', 'j', { joinOn: ['a2', 'b'] })])]);
    expect(diagnostics).toEqual([]);
  });

  it('warns when the JOIN misses a branch or waits for a task that is not the last of its branch', () => {
    const diagnostics = check([wf([forkTask('f', [[noop('a1'), noop('a2')], [noop('b')]]), task('JOIN', 'j', { joinOn: ['a1'] })])]);
    expect(warnings(diagnostics)).toEqual(['JOIN_INCOMPLETE@/tasks/1/joinOn', 'JOIN_INCOMPLETE@/tasks/1/joinOn']);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/waits for 'a1' but not for 'a2'[\s\S]*branch 1/);
  });

  it('rejects a joinOn reference that does not exist', () => {
    const diagnostics = check([wf([forkTask('f', [[noop('a')]]), task('JOIN', 'j', { joinOn: ['a', 'ghost'] })])]);
    expect(errors(diagnostics)).toEqual(['JOIN_UNKNOWN_REF@/tasks/1/joinOn/1']);
  });

  it('checks what a loopCondition reads from $', () => {
    const loop = doWhileTask('loop', [noop('inner')]);
    loop['inputParameters'] = { max: 3 };
    loop['loopCondition'] = "$.loop['iteration'] < $.max && $.inner.done != true && $.outside.x && $.nowhere";
    const diagnostics = check([wf([noop('outside'), loop])]);
    expect(errors(diagnostics)).toEqual(['LOOP_CONDITION_REF@/tasks/1/loopCondition']);
    expect(warnings(diagnostics)).toEqual(['LOOP_CONDITION_REF@/tasks/1/loopCondition']);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/\$\.outside[\s\S]*\$\.nowhere/);
  });
});

describe('definitions the workflow depends on', () => {
  const known = { taskDefNames: new Set(['on_server']), workflows: new Map([['child_on_server', [1, 2]]]) };

  it('warns offline about a SIMPLE task without a task def, and errors when the server lacks it too', () => {
    const defs = [wf([simpleTask('a', 'in_repo'), simpleTask('b', 'on_server'), simpleTask('c', 'nowhere')]), taskDef({ name: 'in_repo' })];
    expect(warnings(check(defs))).toEqual(['TASK_DEF_MISSING@/tasks/1/name', 'TASK_DEF_MISSING@/tasks/2/name']);
    expect(errors(check(defs, known))).toEqual(['TASK_DEF_MISSING@/tasks/2/name']);
  });

  it('accepts an inline taskDefinition instead of a registered one', () => {
    expect(check([wf([simpleTask('a', 'x', { taskDefinition: { retryCount: 1 } })])])).toEqual([]);
  });

  it('checks sub-workflows, START_WORKFLOW and failureWorkflow against the repo and the server', () => {
    const start = task('START_WORKFLOW', 'start', { inputParameters: { startWorkflow: { name: 'fire_and_forget', version: 1 } } });
    const defs = [
      wf([subWorkflowTask('s1', 'child', 1), subWorkflowTask('s2', 'child_on_server', 2), subWorkflowTask('s3', 'child', 9), start], { failureWorkflow: 'cleanup' }),
      workflowDef({ name: 'child', tasks: [noop('n')] }),
    ];
    expect(warnings(check(defs))).toEqual([
      'WORKFLOW_REF_MISSING@/tasks/1/subWorkflowParam/name',
      'WORKFLOW_REF_MISSING@/tasks/2/subWorkflowParam/name',
      'WORKFLOW_REF_MISSING@/tasks/3/inputParameters/startWorkflow/name',
      'WORKFLOW_REF_MISSING@/failureWorkflow',
    ]);
    expect(errors(check(defs, known))).toEqual([
      'WORKFLOW_REF_MISSING@/tasks/2/subWorkflowParam/name',
      'WORKFLOW_REF_MISSING@/tasks/3/inputParameters/startWorkflow/name',
      'WORKFLOW_REF_MISSING@/failureWorkflow',
    ]);
  });

  it('warns about an unpinned sub-workflow version', () => {
    const defs = [wf([subWorkflowTask('s', 'child')]), workflowDef({ name: 'child', tasks: [noop('n')] })];
    expect(warnings(check(defs))).toEqual(['SUB_WORKFLOW_UNPINNED@/tasks/0/subWorkflowParam']);
  });

  it('requires HTTP input from the task or its task def', () => {
    const http = (ref: string, name: string) => ({ ...task('HTTP', ref, { inputParameters: {} }), name });
    const defs = [wf([http('a', 'templated'), http('b', 'plain'), http('c', 'unknown')]), taskDef({ name: 'templated', inputTemplate: { http_request: { uri: 'https://x', method: 'GET' } } }), taskDef({ name: 'plain' })];
    expect(errors(check(defs))).toEqual(['TASK_INPUT_MISSING@/tasks/1/inputParameters']);
    expect(warnings(check(defs))).toEqual(['TASK_INPUT_MISSING@/tasks/2/inputParameters']);
  });
});

describe('lints', () => {
  it('rejects a schemaVersion other than 2', () => {
    expect(errors(check([wf([noop('n')], { schemaVersion: 1 })]))).toEqual(['SCHEMA_VERSION@/schemaVersion']);
    expect(check([workflowDef({ name: 'no_version_given', tasks: [noop('n')] })])).toEqual([]);
  });

  it('rejects responseTimeoutSeconds above timeoutSeconds (3600 when omitted), but only warns for an inline def', () => {
    expect(errors(check([taskDef({ name: 't', timeoutSeconds: 60 })]))).toEqual(['TASK_TIMEOUTS@/timeoutSeconds']);
    expect(errors(check([taskDef({ name: 't', timeoutSeconds: 60, responseTimeoutSeconds: 61 })]))).toEqual(['TASK_TIMEOUTS@/responseTimeoutSeconds']);
    expect(errors(check([taskDef({ name: 't', timeoutSeconds: 60, responseTimeoutSeconds: 60, totalTimeoutSeconds: 30 })]))).toEqual(['TASK_TIMEOUTS@/timeoutSeconds']);
    expect(check([taskDef({ name: 't', timeoutSeconds: 0 })])).toEqual([]);
    const inline = wf([simpleTask('a', 'x', { taskDefinition: { timeoutSeconds: 10 } })]);
    expect(warnings(check([inline]))).toEqual(['TASK_TIMEOUTS@/tasks/0/taskDefinition/timeoutSeconds']);
  });

  it('warns about HTTP tasks without timeouts and with literal credentials', () => {
    const request = (fields: Record<string, unknown>) => task('HTTP', String(fields['ref']), { inputParameters: { http_request: { uri: 'https://api.example.com', method: 'GET', ...fields, ref: undefined } } });
    const diagnostics = check([
      wf([
        request({ ref: 'ok', connectionTimeOut: 1000, readTimeOut: 1000, headers: { Authorization: 'Bearer ${workflow.secrets.token}' } }),
        request({ ref: 'bare' }),
        request({ ref: 'leak', readTimeOut: 1000, headers: { Authorization: 'Bearer abc123', 'X-Api-Key': 'k-42', Accept: 'text/plain' } }),
        task('HTTP', 'userinfo', { inputParameters: { uri: 'https://bob:hunter2@example.com/x', method: 'GET', readTimeOut: 5 } }),
      ]),
    ]);
    expect(warnings(diagnostics)).toEqual([
      'HTTP_NO_TIMEOUT@/tasks/1/inputParameters/http_request',
      'HTTP_LITERAL_CREDENTIAL@/tasks/2/inputParameters/http_request/headers/Authorization',
      'HTTP_LITERAL_CREDENTIAL@/tasks/2/inputParameters/http_request/headers/X-Api-Key',
      'HTTP_LITERAL_CREDENTIAL@/tasks/3/inputParameters/uri',
    ]);
  });
});
