/**
 * The server's registration checks (400 with validationErrors). Sources (conductor-oss/conductor
 * b54f0d4): TT = core/.../validations/WorkflowTaskTypeConstraint.java, TU =
 * common/.../constraints/TaskReferenceNameUniqueConstraint.java + utils/ConstraintParamUtil.java,
 * TO = common/.../constraints/TaskTimeoutConstraint.java, TD = common/.../tasks/TaskDef.java,
 * W = common/.../workflow/WorkflowDef.java, WT = WorkflowTask.java, VEM =
 * rest/.../ValidationExceptionMapper.java. Tests compare messages, not paths.
 */
import { describe, expect, it } from 'vitest';
import { uniqueName, useTestServerApi } from './api-client.js';

const { api } = useTestServerApi();

async function messagesOf(path: string, body: unknown, method = 'POST'): Promise<string[]> {
  const res = await api(method, path, { body });
  expect(res.status, res.text).toBe(400);
  const json = res.json();
  expect(json).toMatchObject({ status: 400, message: 'Validation failed, check below errors for detail.', retryable: false }); // VEM
  expect(json).not.toHaveProperty('instance');
  return (json.validationErrors as { message: string }[]).map((e) => e.message).sort();
}

const workflow = (tasks: unknown[], extra: Record<string, unknown> = {}) => ({ name: uniqueName('chk'), tasks, ...extra });
const task = (type: string, extra: Record<string, unknown> = {}) => ({ name: `t_${type}`, taskReferenceName: `r_${type}`, type, ...extra });

describe('task def checks', () => {
  it('name @NotEmpty, retryCount @Min(0), responseTimeoutSeconds @Min(1) (TD), with invalidValue for primitives (VEM)', async () => {
    const res = await api('POST', '/metadata/taskdefs', { body: [{ name: '', retryCount: -1, responseTimeoutSeconds: 0 }] });
    expect(res.status).toBe(400);
    const errors = res.json().validationErrors as { message: string; invalidValue?: string }[];
    expect(errors.map((e) => e.message).sort()).toEqual([
      'TaskDef name cannot be null or empty',
      'TaskDef responseTimeoutSeconds: 0 should be minimum 1 second',
      'TaskDef retryCount: 0 must be >= 0',
    ]);
    expect(errors.find((e) => e.message.startsWith('TaskDef retryCount'))?.invalidValue).toBe('-1');
  });

  it('responseTimeoutSeconds ≤ timeoutSeconds and timeoutSeconds ≤ totalTimeoutSeconds (TO)', async () => {
    const name = uniqueName('td');
    expect(await messagesOf('/metadata/taskdefs', [{ name, timeoutSeconds: 10, responseTimeoutSeconds: 20, totalTimeoutSeconds: 5 }])).toEqual([
      `TaskDef: ${name} responseTimeoutSeconds: 20 must be less than timeoutSeconds: 10`,
      `TaskDef: ${name} timeoutSeconds: 10 must be less than or equal to totalTimeoutSeconds: 5`,
    ]);
  });

  it('the other @Min bounds of TaskDef (pollTimeoutSeconds, backoffScaleFactor, maxRetryDelaySeconds, backoffJitterMs, totalTimeoutSeconds)', async () => {
    expect(
      await messagesOf('/metadata/taskdefs', [
        { name: uniqueName('td'), pollTimeoutSeconds: -1, backoffScaleFactor: 0, maxRetryDelaySeconds: -1, backoffJitterMs: -1, totalTimeoutSeconds: -1 },
      ]),
    ).toEqual([
      'Backoff scale factor. Applicable for LINEAR_BACKOFF',
      'TaskDef backoffJitterMs: 0 must be >= 0',
      'TaskDef maxRetryDelaySeconds: 0 must be >= 0',
      'TaskDef pollTimeoutSeconds: 0 must be >= 0',
      'TaskDef totalTimeoutSeconds: 0 must be >= 0',
    ]);
  });

  it('an empty array is 400 "TaskDefList is empty" (MetadataService.registerTaskDef @Size(min=1))', async () => {
    expect(await messagesOf('/metadata/taskdefs', [])).toEqual(['TaskDefList is empty']);
  });

  it('PUT validates too (MetadataService.updateTaskDef @Valid)', async () => {
    expect(await messagesOf('/metadata/taskdefs', { name: uniqueName('td'), responseTimeoutSeconds: 0 }, 'PUT')).toEqual([
      'TaskDef responseTimeoutSeconds: 0 should be minimum 1 second',
    ]);
  });
});

describe('workflow def checks', () => {
  it('name @NotEmpty, tasks @NotEmpty, schemaVersion must be 2 (W)', async () => {
    expect(await messagesOf('/metadata/workflow', { tasks: [], schemaVersion: 1 })).toEqual([
      'WorkflowDef name cannot be null or empty',
      'WorkflowTask list cannot be empty',
      'workflowDef schemaVersion: 2 is only supported',
    ]);
  });

  it('task name and taskReferenceName @NotEmpty, startDelay @PositiveOrZero, also inside forks and switch cases (WT @Valid)', async () => {
    const nested = { name: '', taskReferenceName: 'n1' };
    const body = workflow([
      { name: 'x', taskReferenceName: '', startDelay: -1 },
      { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [[nested]] },
    ]);
    expect(await messagesOf('/metadata/workflow', body)).toEqual([
      'WorkflowTask name cannot be empty or null',
      'WorkflowTask taskReferenceName name cannot be empty or null',
      'must be greater than or equal to 0',
    ]);
  });

  it('DO_WHILE children are not bean-validated: WorkflowTask.loopOver has no @Valid (WT)', async () => {
    const body = workflow([task('DO_WHILE', { loopCondition: 'false', loopOver: [{ name: '', taskReferenceName: 'inner' }] })]);
    expect((await api('POST', '/metadata/workflow', { body })).status).toBe(200);
  });

  it('taskReferenceName unique across the whole tree (TU)', async () => {
    const body = workflow([
      { name: 'a', taskReferenceName: 'dup' },
      { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [[{ name: 'b', taskReferenceName: 'dup' }]] },
    ]);
    expect(await messagesOf('/metadata/workflow', body)).toEqual([
      `taskReferenceName: dup should be unique across tasks for a given workflowDefinition: ${body.name}`,
    ]);
  });

  it('${ref...} inputs of top-level tasks must name a task of the def; workflow.* and CPEWF_TASK_ID are fine (TU, ConstraintParamUtil)', async () => {
    const body = workflow([
      {
        name: 'a',
        taskReferenceName: 'a',
        inputParameters: { ok: '${workflow.input.x}', env: '${CPEWF_TASK_ID}', later: '${b.output.y}', bad: 'x ${nope.output} y', deep: { list: ['${ghost.output}'] } },
      },
      { name: 'b', taskReferenceName: 'b' },
      { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [[{ name: 'n', taskReferenceName: 'n', inputParameters: { nestedIsNotChecked: '${also_nope.output}' } }]] },
    ]);
    expect(await messagesOf('/metadata/workflow', body)).toEqual([
      'taskReferenceName: ghost for given task: a input value: list of input parameter: ${ghost.output} is not defined in workflow definition.',
      'taskReferenceName: nope for given task: a input value: bad of input parameter: x ${nope.output} y is not defined in workflow definition.',
    ]);
  });

  it('an empty ${} is not a valid path (ConstraintParamUtil.isValidPath)', async () => {
    expect(await messagesOf('/metadata/workflow', workflow([{ name: 'a', taskReferenceName: 'a', inputParameters: { k: '${}' } }]))).toEqual([
      'key: k input parameter value:  is not valid',
    ]);
  });
});

describe('task type checks (TT)', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['SWITCH', {}, ['decisionCases should have atleast one task for taskType: SWITCH taskName: t_SWITCH', 'evaluatorType field is required for taskType: SWITCH taskName: t_SWITCH']],
    ['SWITCH', { evaluatorType: 'value-param', decisionCases: { a: [{ name: 'c', taskReferenceName: 'c' }] } }, ['expression field is required for taskType: SWITCH taskName: t_SWITCH']],
    ['DECISION', { decisionCases: { a: [{ name: 'c', taskReferenceName: 'c' }] } }, ['caseValueParam or caseExpression field is required for taskType: DECISION taskName: t_DECISION']],
    ['FORK_JOIN', {}, ['forkTasks should have atleast one task for taskType: FORK_JOIN taskName: t_FORK_JOIN']],
    ['FORK_JOIN_DYNAMIC', {}, [
      'dynamicForkTasksInputParamName field is required for taskType: FORK_JOIN_DYNAMIC taskName: t_FORK_JOIN_DYNAMIC',
      'dynamicForkTasksParam field is required for taskType: FORK_JOIN_DYNAMIC taskName: t_FORK_JOIN_DYNAMIC',
    ]],
    ['DO_WHILE', {}, ['loopCondition field is required for taskType: DO_WHILE taskName: t_DO_WHILE', 'loopOver field is required for taskType: DO_WHILE taskName: t_DO_WHILE']],
    ['SUB_WORKFLOW', {}, ['subWorkflowParam field is required for taskType: SUB_WORKFLOW taskName: t_SUB_WORKFLOW']],
    ['DYNAMIC', {}, ['dynamicTaskNameParam field is required for taskType: DYNAMIC taskName: t_DYNAMIC']],
    ['HTTP', {}, ['inputParameters.http_request or inputParameters.uri field is required for taskType: HTTP taskName: t_HTTP']],
    ['TERMINATE', { optional: true, inputParameters: { terminationStatus: 'RUNNING' } }, [
      'terminate task cannot be optional, taskName: t_TERMINATE',
      'terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: t_TERMINATE',
    ]],
    ['EVENT', {}, ['sink field is required for taskType: EVENT taskName: t_EVENT']],
    ['KAFKA_PUBLISH', {}, ['inputParameters.kafka_request field is required for taskType: KAFKA_PUBLISH taskName: t_KAFKA_PUBLISH']],
    ['JSON_JQ_TRANSFORM', {}, ['inputParameters.queryExpression field is required for taskType: JSON_JQ_TRANSFORM taskName: t_JSON_JQ_TRANSFORM']],
    ['WAIT', { inputParameters: { duration: '10s', until: '2030-01-01' } }, ["Both 'duration' and 'until' specified. Please provide only one input"]],
    ['WAIT', { inputParameters: { duration: 'ten seconds' } }, ['Either date or duration is passed as null ']],
    ['WAIT', { inputParameters: { until: 'tomorrow' } }, ['Unable to parse date ']],
  ];
  for (const [type, extra, expected] of cases) {
    it(`${type} ${JSON.stringify(extra)}`, async () => {
      expect(await messagesOf('/metadata/workflow', workflow([task(type, extra)]))).toEqual(expected);
    });
  }

  it('valid forms pass: TERMINATE TERMINATED, WAIT "1 days 2 hours", HTTP uri, FORK_JOIN_DYNAMIC forkTaskInputs, unknown types', async () => {
    const body = workflow([
      task('WAIT', { inputParameters: { duration: '1 days 2 hours' } }),
      task('HTTP', { inputParameters: { uri: 'http://x' } }),
      task('FORK_JOIN_DYNAMIC', { inputParameters: { forkTaskInputs: [] } }),
      task('MY_CUSTOM_TYPE'),
      task('TERMINATE', { inputParameters: { terminationStatus: 'TERMINATED' } }),
    ]);
    const res = await api('POST', '/metadata/workflow', { body });
    expect(res.status, res.text).toBe(200);
  });

  it('HTTP, KAFKA_PUBLISH and JSON_JQ_TRANSFORM accept the key in the registered task def inputTemplate (TT reads the MetadataDAO)', async () => {
    const name = uniqueName('http');
    await api('POST', '/metadata/taskdefs', { body: [{ name, inputTemplate: { http_request: { uri: 'http://x' } } }] });
    const res = await api('POST', '/metadata/workflow', { body: workflow([{ name, taskReferenceName: 'h', type: 'HTTP' }]) });
    expect(res.status, res.text).toBe(200);
  });

  it('a javascript SWITCH expression must parse (TT.validateScriptExpression); graaljs is not checked', async () => {
    const cases = { a: [{ name: 'c', taskReferenceName: 'c' }] };
    const messages = await messagesOf('/metadata/workflow', workflow([task('SWITCH', { evaluatorType: 'javascript', expression: '$.a ==', decisionCases: cases })]));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Expression is not well formatted: .*, taskType: SWITCH taskName t_SWITCH$/);
    const graal = await api('POST', '/metadata/workflow', { body: workflow([task('SWITCH', { evaluatorType: 'graaljs', expression: '$.a ==', decisionCases: cases })]) });
    expect(graal.status).toBe(200);
  });

  it('POST /metadata/workflow/validate runs the same checks and stores nothing (R.validate)', async () => {
    const name = uniqueName('val');
    const ok = await api('POST', '/metadata/workflow/validate', { body: { name, tasks: [{ name: 'a', taskReferenceName: 'a' }] } });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    expect((await api('GET', `/metadata/workflow/${name}`)).status).toBe(404);
    expect(await messagesOf('/metadata/workflow/validate', { name, tasks: [] })).toEqual(['WorkflowTask list cannot be empty']);
  });
});
