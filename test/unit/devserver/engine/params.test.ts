import { describe, expect, it } from 'vitest';
import { readJsonPath } from '../../../../src/devserver/engine/json-path.js';
import { computeTaskInput, resolveParams, resolveValue } from '../../../../src/devserver/engine/params.js';
import { startExecution } from '../../../../src/devserver/engine/start.js';
import { buildTaskDef } from '../../../../src/devserver/engine/definitions.js';
import { contextAt, simpleTask, workflowDef } from './builders.js';

const doc = {
  workflow: { input: { requestId: 123, name: 'conductor', list: [1, { a: 'x' }], k: 'requestId', idx: 1 }, variables: { v: true } },
  t1: { output: { op: 'task1.done', nested: { deep: [10, 20, 30] } }, input: { z: 'zz' } },
  recordIds: [1, 2, 3],
  index: 1,
  map: { a: [1, 2], b: [4, 5, 6] },
  mapValue: 'a',
};

describe('JSONPath-lite', () => {
  it('reads dotted, bracketed, indexed and rooted paths', () => {
    expect(readJsonPath(doc, 'workflow.input.requestId')).toBe(123);
    expect(readJsonPath(doc, "workflow['input']['name']")).toBe('conductor');
    expect(readJsonPath(doc, '$.t1.output.nested.deep[2]')).toBe(30);
    expect(readJsonPath(doc, 't1.output.nested.deep[-1]')).toBe(30);
    expect(readJsonPath(doc, 'workflow.input.list[1].a')).toBe('x');
    expect(readJsonPath(doc, 't1.output.nested.deep.length()')).toBe(3);
  });
  it('gives lists for wildcards, slices and deep scans', () => {
    expect(readJsonPath(doc, 't1.output.nested.deep[*]')).toEqual([10, 20, 30]);
    expect(readJsonPath(doc, 't1.output.nested.deep[0:2]')).toEqual([10, 20]);
    expect(readJsonPath(doc, '$..op')).toEqual(['task1.done']);
  });
  it('gives undefined for missing paths and bad syntax', () => {
    expect(readJsonPath(doc, 'workflow.input.nope')).toBeUndefined();
    expect(readJsonPath(doc, 't9.output')).toBeUndefined();
    expect(readJsonPath(doc, 'workflow.input[')).toBeUndefined();
    expect(readJsonPath(doc, 'workflow.input.list[9]')).toBeUndefined();
  });
});

describe('parameter resolution', () => {
  it('F1 a whole-value expression keeps its JSON type', () => {
    expect(resolveValue('${workflow.input.requestId}', doc)).toBe(123);
    expect(resolveValue('${t1.output}', doc)).toEqual(doc.t1.output);
    expect(resolveValue('${workflow.variables.v}', doc)).toBe(true);
  });
  it('F3 a path that does not resolve gives the key with null', () => {
    expect(resolveParams({ o2: '${t2.output.uuid}', x: '${workflow.input.someNowhereToBeFoundKey}' }, doc)).toEqual({ o2: null, x: null });
  });
  it('F4 embedded expressions are interpolated as text, null as "null"', () => {
    expect(resolveValue('Name: ${workflow.input.name}; Id: ${workflow.input.requestId}\nmissing=${workflow.input.no}', doc)).toBe('Name: conductor; Id: 123\nmissing=null');
    expect(resolveValue('obj ${t1.input}', doc)).toBe('obj {z=zz}');
  });
  it('F5 resolves inside nested maps and lists and leaves literals alone', () => {
    const input = { a: [{ b: '${t1.output.op}' }, 5, ['${index}']], c: { d: false } };
    expect(resolveParams(input, doc)).toEqual({ a: [{ b: 'task1.done' }, 5, [1]], c: { d: false } });
    expect(input.a[0]).toEqual({ b: '${t1.output.op}' });
  });
  it('F6 an empty expression is the empty string', () => {
    expect(resolveValue('${}', doc)).toBe('');
    expect(resolveValue('${   }', doc)).toBe('');
  });
  it('F7 $${ escapes to a literal ${', () => {
    expect(resolveValue('$${workflow.input.name}', doc)).toBe('${workflow.input.name}');
    expect(resolveValue('a $${x} b ${workflow.input.name}', doc)).toBe('a ${x} b conductor');
  });
  it('F8 expressions nest, the inner one first', () => {
    expect(resolveValue('${recordIds[${index}]}', doc)).toBe(2);
    expect(resolveValue('${map.${mapValue}[${index}]}', doc)).toBe(2);
    expect(resolveValue('${map.b[${map.${mapValue}[${index}]}]}', doc)).toBe(6);
    expect(resolveValue('${workflow.input.${workflow.input.k}}', doc)).toBe(123);
  });
  it('F10 CPEWF_TASK_ID is the task id, also nested; without a task it stays literal', () => {
    expect(resolveParams({ p: '${CPEWF_TASK_ID}', q: { r: ['${CPEWF_TASK_ID}'] } }, doc, 'task-9')).toEqual({ p: 'task-9', q: { r: ['task-9'] } });
    expect(resolveValue('${CPEWF_TASK_ID}', doc)).toBe('${CPEWF_TASK_ID}');
  });
  it('F14 the task def inputTemplate fills missing keys and keys that resolved to null', () => {
    const def = workflowDef([simpleTask('t1')]);
    const execution = startExecution({ workflowId: 'w', definition: def, input: { given: 'g' } }, contextAt(1));
    const taskDef = buildTaskDef({ name: 'x', inputTemplate: { fromTemplate: '${workflow.input.given}', nulled: 'default', kept: 'no' } });
    const input = computeTaskInput({ nulled: '${workflow.input.missing}', kept: 'yes' }, execution, 'tid', taskDef);
    expect(input).toEqual({ nulled: 'default', kept: 'yes', fromTemplate: 'g' });
  });
  it('F11 workflow fields are available (workflowId, workflowType, correlationId, version)', () => {
    const def = workflowDef([simpleTask('t1', { inputParameters: { id: '${workflow.workflowId}', type: '${workflow.workflowType}', c: '${workflow.correlationId}', v: '${workflow.version}', s: '${workflow.status}' } })]);
    const execution = startExecution({ workflowId: 'w-1', definition: def, input: {}, correlationId: 'corr' }, contextAt(1));
    expect(execution.tasks[0]?.inputData).toEqual({ id: 'w-1', type: 'wf', c: 'corr', v: 1, s: 'RUNNING' });
  });
});
