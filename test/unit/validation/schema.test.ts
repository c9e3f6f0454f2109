import { describe, expect, it } from 'vitest';
import { task, taskDef, workflowDef } from '../../helpers/builders.js';
import { check } from './helpers.js';

const wf = (tasks: Record<string, unknown>[], extra: Record<string, unknown> = {}) => workflowDef({ name: 'wf', tasks, ...extra });
const schemaFindings = (diagnostics: ReturnType<typeof check>) =>
  diagnostics.filter((d) => d.code.startsWith('DEF_')).map((d) => `${d.severity} ${d.code} ${d.pointer}: ${d.message}`);

describe('task def schema', () => {
  it('accepts server-managed fields, nulls, Orkes tags and unknown properties', () => {
    const def = taskDef({ name: 't', createTime: 1, updateTime: null, createdBy: '', ownerApp: null, tags: [{ key: 'team', value: 'a' }], someFutureField: { x: 1 }, concurrentExecLimit: null });
    expect(check([def])).toEqual([]);
  });

  it.each([
    [{ retryCount: 'three' }, "error DEF_SCHEMA /retryCount: 'retryCount' must be an integer; found a string (\"three\")"],
    [{ retryCount: -1 }, "error DEF_SCHEMA /retryCount: 'retryCount' must be >= 0; found -1"],
    [{ responseTimeoutSeconds: 0 }, "error DEF_SCHEMA /responseTimeoutSeconds: 'responseTimeoutSeconds' must be >= 1; found 0"],
    [{ timeoutPolicy: 'NEVER' }, "error DEF_SCHEMA /timeoutPolicy: 'timeoutPolicy' must be one of RETRY, TIME_OUT_WF, ALERT_ONLY; found \"NEVER\""],
    [{ inputKeys: 'a' }, "error DEF_SCHEMA /inputKeys: 'inputKeys' must be an array; found a string (\"a\")"],
    [{ retryCount: '3' }, 'warning DEF_SCALAR_AS_STRING /retryCount: \'retryCount\' is the string "3": the server converts it, but write 3 without quotes so plans compare equal'],
  ])('%j', (fields, expected) => {
    expect(schemaFindings(check([taskDef({ name: 't', ...fields })]))).toEqual([expected]);
  });
});

describe('workflow def schema', () => {
  it('requires a non-empty task list and task names', () => {
    expect(schemaFindings(check([wf([])]))).toEqual(["error DEF_SCHEMA /tasks: 'tasks' must not be empty"]);
    expect(schemaFindings(check([wf([{ name: 'x', type: 'NOOP' }])]))).toEqual(["error DEF_SCHEMA /tasks/0: missing required property 'taskReferenceName'"]);
  });

  it('allows unknown task types and unknown properties', () => {
    expect(schemaFindings(check([wf([task('LLM_CHAT_COMPLETE', 'llm', { inputParameters: { prompt: 'x' }, futureField: true })])]))).toEqual([]);
  });

  it.each([
    ['SWITCH', { decisionCases: { a: [] } }, ["error DEF_SCHEMA /tasks/0: SWITCH task: missing required property 'evaluatorType'", "error DEF_SCHEMA /tasks/0: SWITCH task: missing required property 'expression'"]],
    ['SWITCH', { evaluatorType: 'js', expression: 'x', decisionCases: {} }, [
      "error DEF_SCHEMA /tasks/0/evaluatorType: SWITCH task: 'evaluatorType' must be one of value-param, javascript, graaljs, python; found \"js\"",
      "error DEF_SCHEMA /tasks/0/decisionCases: SWITCH task: 'decisionCases' must have at least 1 entry",
    ]],
    ['DECISION', { decisionCases: { a: [] } }, ['error DEF_SCHEMA /tasks/0: a DECISION task needs caseValueParam or caseExpression']],
    ['FORK_JOIN', { forkTasks: [[]] }, ["error DEF_SCHEMA /tasks/0/forkTasks/0: FORK_JOIN task: item 0 of 'forkTasks' must not be empty"]],
    ['FORK_JOIN_DYNAMIC', {}, ['error DEF_SCHEMA /tasks/0: a FORK_JOIN_DYNAMIC task needs dynamicForkTasksParam + dynamicForkTasksInputParamName, or inputParameters.forkTaskInputs']],
    ['DO_WHILE', { loopOver: [] }, ["error DEF_SCHEMA /tasks/0: DO_WHILE task: missing required property 'loopCondition'", "error DEF_SCHEMA /tasks/0/loopOver: DO_WHILE task: 'loopOver' must not be empty"]],
    ['SUB_WORKFLOW', {}, ["error DEF_SCHEMA /tasks/0: SUB_WORKFLOW task: missing required property 'subWorkflowParam'"]],
    ['SUB_WORKFLOW', { subWorkflowParam: { version: 1 } }, ['error DEF_SCHEMA /tasks/0/subWorkflowParam: subWorkflowParam needs a name (or an inline workflowDefinition)']],
    ['DYNAMIC', {}, ["error DEF_SCHEMA /tasks/0: DYNAMIC task: missing required property 'dynamicTaskNameParam'"]],
    ['HTTP', { inputParameters: { http_request: { method: 'GET' } } }, ["error DEF_SCHEMA /tasks/0/inputParameters/http_request: HTTP task: missing required property 'uri'"]],
    ['HTTP', { inputParameters: { http_request: 'https://x' } }, ["error DEF_SCHEMA /tasks/0/inputParameters/http_request: HTTP task: 'http_request' must be an object or a ${...} expression; found \"https://x\""]],
    ['TERMINATE', { optional: true, inputParameters: { terminationStatus: 'DONE' } }, [
      "error DEF_SCHEMA /tasks/0/optional: TERMINATE task: 'optional' must be one of false; found true",
      "error DEF_SCHEMA /tasks/0/inputParameters/terminationStatus: TERMINATE task: 'terminationStatus' must be one of COMPLETED, FAILED, TERMINATED; found \"DONE\"",
    ]],
    ['EVENT', {}, ["error DEF_SCHEMA /tasks/0: EVENT task: missing required property 'sink'"]],
    ['START_WORKFLOW', { inputParameters: { startWorkflow: { input: {} } } }, ["error DEF_SCHEMA /tasks/0/inputParameters/startWorkflow: START_WORKFLOW task: missing required property 'name'"]],
    ['INLINE', { inputParameters: { evaluatorType: 'lua', expression: '1' } }, ["error DEF_SCHEMA /tasks/0/inputParameters/evaluatorType: INLINE task: 'evaluatorType' must be one of javascript, graaljs, python; found \"lua\""]],
  ])('%s %j', (type, fields, expected) => {
    expect(schemaFindings(check([wf([task(type, 'x', fields)])]))).toEqual(expected);
  });

  it('validates an inline sub-workflow definition and an inline task definition without a name', () => {
    const sub = task('SUB_WORKFLOW', 's', { subWorkflowParam: { name: 'child', workflowDefinition: { name: 'child', tasks: 'none' } } });
    const inlineDef = task('SIMPLE', 't', { taskDefinition: { retryCount: 'x' } });
    expect(schemaFindings(check([wf([sub, inlineDef])]))).toEqual([
      "error DEF_SCHEMA /tasks/0/subWorkflowParam/workflowDefinition/tasks: 'tasks' must be an array; found a string (\"none\")",
      "error DEF_SCHEMA /tasks/1/taskDefinition/retryCount: 'retryCount' must be an integer; found a string (\"x\")",
    ]);
  });
});
