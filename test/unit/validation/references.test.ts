import { describe, expect, it } from 'vitest';
import { doWhileTask, forkTask, simpleTask, switchTask, task, taskDef, workflowDef } from '../../helpers/builders.js';
import { check, errors, warnings } from './helpers.js';

/** A workflow plus task defs for every SIMPLE task name used, so only reference findings remain. */
function run(tasks: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const names = new Set<string>();
  const collect = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const t of list as Record<string, unknown>[]) {
      if (t['type'] === 'SIMPLE') names.add(String(t['name']));
      for (const key of ['loopOver', 'defaultCase']) collect(t[key]);
      for (const branch of (t['forkTasks'] as unknown[]) ?? []) collect(branch);
      for (const branch of Object.values((t['decisionCases'] as Record<string, unknown>) ?? {})) collect(branch);
    }
  };
  collect(tasks);
  return check([workflowDef({ name: 'wf', tasks, ...extra }), ...[...names].map((name) => taskDef({ name }))]);
}

const uses = (ref: string, expression: string) => simpleTask(ref, ref, { inputParameters: { value: expression } });

describe('expression references: what exists', () => {
  it('accepts workflow fields, system parameters and earlier tasks', () => {
    const diagnostics = run([
      simpleTask('a'),
      uses('b', '${workflow.input.x} ${workflow.variables.y} ${workflow.workflowId} ${workflow.secrets.k} ${workflow.env.e} ${CPEWF_TASK_ID} ${a.output.z}'),
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('rejects an unknown reference in a top-level task (the server does)', () => {
    const diagnostics = run([uses('b', '${missing.output.x}')]);
    expect(errors(diagnostics)).toEqual(['REF_UNKNOWN@/tasks/0/inputParameters/value']);
  });

  it('names the taskReferenceName when the expression used a task name', () => {
    const diagnostics = run([simpleTask('fetch_ref', 'fetch_user'), uses('b', '${fetch_user.output}')]);
    expect(diagnostics[0]?.message).toContain("taskReferenceName 'fetch_ref'");
  });

  it('rejects an unknown reference in a nested task and in the workflow output', () => {
    const diagnostics = run([switchTask('s', { a: [uses('b', '${nope.output}')] })], { outputParameters: { r: '${gone.output}' } });
    expect(errors(diagnostics)).toEqual(['REF_UNKNOWN@/tasks/0/decisionCases/a/0/inputParameters/value', 'REF_UNKNOWN@/outputParameters/r']);
  });

  it('only warns about nested unknown references when a dynamic fork may create them', () => {
    const dynamicFork = task('FORK_JOIN_DYNAMIC', 'dyn', { dynamicForkTasksParam: 't', dynamicForkTasksInputParamName: 'i', inputParameters: { t: [], i: {} } });
    const diagnostics = run([dynamicFork, task('JOIN', 'dyn_join'), switchTask('s', { a: [uses('b', '${spawned.output}')] })]);
    expect(errors(diagnostics)).toEqual([]);
    expect(warnings(diagnostics)).toEqual(['REF_UNKNOWN@/tasks/2/decisionCases/a/0/inputParameters/value']);
  });

  it('warns about an unknown workflow field and a bare upper-case name (a server env variable)', () => {
    const diagnostics = run([uses('b', '${workflow.inputs.x} ${SOME_ENV}')]);
    expect(warnings(diagnostics)).toEqual(['REF_WORKFLOW_FIELD@/tasks/0/inputParameters/value', 'REF_ENV_VARIABLE@/tasks/0/inputParameters/value']);
  });

  it('ignores escaped and dynamic expressions', () => {
    expect(run([uses('b', '$${not_a_ref} ${${workflow.input.ref}.output}')])).toEqual([]);
  });

  it('soft-checks scripts and task templates: warnings only', () => {
    const inline = task('INLINE', 'js', { inputParameters: { evaluatorType: 'graaljs', expression: 'function f() { return `${name}`; } f();' } });
    const template = task('SET_VARIABLE', 'tpl', { inputParameters: { tasks: [{ taskReferenceName: 'x', inputParameters: { v: '${later.output}' } }] } });
    const diagnostics = run([inline, template, simpleTask('later')]);
    expect(errors(diagnostics)).toEqual([]);
    expect(warnings(diagnostics)).toEqual(['REF_UNKNOWN@/tasks/0/inputParameters/expression', 'REF_NOT_YET_RUN@/tasks/1/inputParameters/tasks/0/inputParameters/v']);
  });
});

describe('expression references: order on the path', () => {
  it('rejects a task that runs later', () => {
    const diagnostics = run([uses('a', '${b.output}'), simpleTask('b')]);
    expect(errors(diagnostics)).toEqual(['REF_NOT_YET_RUN@/tasks/0/inputParameters/value']);
  });

  it('accepts an enclosing switch, loop or fork, and earlier tasks of the same branch', () => {
    const diagnostics = run([
      forkTask('f', [[simpleTask('x'), uses('y', '${f.input} ${x.output}')], [simpleTask('z')]]),
      task('JOIN', 'j', { joinOn: ['y', 'z'] }),
      switchTask('s', { a: [uses('c', '${s.output.selectedCase} ${y.output} ${z.output}')] }),
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('warns about another switch case and a parallel fork branch', () => {
    const diagnostics = run([
      switchTask('s', { a: [simpleTask('in_a')], b: [uses('in_b', '${in_a.output}')] }),
      forkTask('f', [[simpleTask('left')], [uses('right', '${left.output}')]]),
      task('JOIN', 'j', { joinOn: ['left', 'right'] }),
    ]);
    expect(errors(diagnostics)).toEqual([]);
    expect(warnings(diagnostics)).toEqual(['REF_OTHER_BRANCH@/tasks/0/decisionCases/b/0/inputParameters/value', 'REF_PARALLEL_BRANCH@/tasks/1/forkTasks/1/0/inputParameters/value']);
  });

  it('accepts later tasks of the same loop (an earlier iteration ran them) and a loop reading itself', () => {
    const loop = doWhileTask('loop', [uses('first', '${second.output} ${loop.output.iteration}'), simpleTask('second')]);
    loop['inputParameters'] = { loop: '${loop.output}' };
    loop['loopCondition'] = "$.loop['iteration'] < 3";
    expect(run([loop])).toEqual([]);
  });

  it('rejects a container reading a task nested inside it, except a DO_WHILE', () => {
    const s = switchTask('s', { a: [simpleTask('inner')] });
    s['inputParameters'] = { kind: '${inner.output}' };
    expect(errors(run([s]))).toEqual(['REF_NOT_YET_RUN@/tasks/0/inputParameters/kind']);
  });

  it('warns when a task reads its own result', () => {
    expect(warnings(run([uses('self', '${self.output}')]))).toEqual(['REF_SELF@/tasks/0/inputParameters/value']);
  });

  it('checks sub-workflow expressions in the parent but an inline definition on its own', () => {
    const inline = { name: 'child', tasks: [simpleTask('c1')], outputParameters: { r: '${c1.output}', bad: '${parent_only.output}' } };
    const sub = task('SUB_WORKFLOW', 'sub', { subWorkflowParam: { name: '${workflow.input.which}', workflowDefinition: inline } });
    const diagnostics = run([simpleTask('parent_only'), sub]);
    expect(errors(diagnostics)).toEqual(['REF_UNKNOWN@/tasks/1/subWorkflowParam/workflowDefinition/outputParameters/bad']);
  });

  it('only allows workflow fields in failureWorkflow and rateLimitConfig', () => {
    const diagnostics = run([simpleTask('a')], { failureWorkflow: '${a.output.name}', rateLimitConfig: { rateLimitKey: '${workflow.correlationId}' } });
    expect(warnings(diagnostics)).toContain('REF_UNKNOWN@/failureWorkflow');
  });
});
