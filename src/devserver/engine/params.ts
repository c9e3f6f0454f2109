/**
 * Parameter resolution, as core/.../utils/ParametersUtils.java (schemaVersion 2):
 * - every string at any depth is scanned for `${path}` (not preceded by `$`, braces balanced);
 * - a string that is exactly one expression becomes the typed value (object, number, null);
 *   embedded expressions are interpolated as text, null as `null`, maps/lists in Java's
 *   toString form;
 * - paths are read with JSONPath-lite against `{workflow: {...}, <ref>: {...}}`; what does not
 *   resolve is null; expressions nest (the inner one first); `$${` is a literal `${`;
 * - `${CPEWF_TASK_ID}` is the id of the task being scheduled; `${workflow.secrets.X}` stays
 *   literal (there is no secrets store in the dev server).
 * Deliberate difference: server environment variables and system properties are NOT exposed
 * as `${NAME}` (the real server does that); only CPEWF_TASK_ID is a system parameter here.
 */
import { readJsonPath } from './json-path.js';
import { isPlainObject, type Execution, type JsonMap, type TaskDef } from './model.js';

const LOOP_SUFFIX = /__\d+$/;
const SYSTEM_PARAMS = new Set(['CPEWF_TASK_ID', 'NETFLIX_ENV', 'NETFLIX_STACK']);

/** The document `${…}` paths are read against (ParametersUtils#getTaskInputV2). */
export function buildParamDocument(execution: Execution): JsonMap {
  const doc: JsonMap = {
    workflow: {
      input: execution.input,
      output: execution.output,
      status: execution.status,
      workflowId: execution.workflowId,
      parentWorkflowId: execution.parentWorkflowId ?? null,
      parentWorkflowTaskId: execution.parentWorkflowTaskId ?? null,
      workflowType: execution.workflowName,
      version: execution.workflowVersion,
      correlationId: execution.correlationId ?? null,
      reasonForIncompletion: execution.reasonForIncompletion ?? null,
      schemaVersion: execution.workflowDefinition.schemaVersion,
      variables: execution.variables,
    },
  };
  // Tasks are in seq order, so a later attempt of a reference overwrites an earlier one (F2).
  for (const task of execution.tasks) {
    const key = task.loopOverTask ? task.referenceTaskName.replace(LOOP_SUFFIX, '') : task.referenceTaskName;
    doc[key] = {
      input: task.inputData,
      output: task.outputData,
      taskType: task.taskType,
      status: task.status,
      referenceTaskName: task.referenceTaskName,
      retryCount: task.retryCount,
      correlationId: task.correlationId ?? null,
      pollCount: task.pollCount,
      taskDefName: task.taskDefName,
      scheduledTime: task.scheduledTime,
      startTime: task.startTime,
      endTime: task.endTime,
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      reasonForIncompletion: task.reasonForIncompletion ?? null,
      callbackAfterSeconds: task.callbackAfterSeconds,
      workerId: task.workerId ?? null,
      iteration: task.iteration,
    };
  }
  return doc;
}

/** Resolves every expression in `input` (a new object; `input` is not mutated). */
export function resolveParams(input: JsonMap, doc: unknown, taskId?: string): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(input)) out[key] = resolveValue(value, doc, taskId);
  return out;
}

export function resolveValue(value: unknown, doc: unknown, taskId?: string): unknown {
  if (typeof value === 'string') return resolveString(value, doc, taskId, 0);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, doc, taskId));
  if (isPlainObject(value)) return resolveParams(value, doc, taskId);
  return value;
}

interface Replacement {
  start: number;
  end: number;
  value: unknown;
}

function resolveString(text: string, doc: unknown, taskId: string | undefined, depth: number): unknown {
  if (!text.includes('${')) return text;
  const replacements: Replacement[] = [];
  for (const { start, end } of findExpressions(text)) {
    const match = text.slice(start, end);
    const path = String(resolveString(match.slice(2, -1), doc, taskId, depth + 1));
    const value = lookup(path, match, doc, taskId);
    if (value !== NO_REPLACEMENT) replacements.push({ start, end, value });
  }
  const only = replacements[0];
  if (replacements.length === 1 && only && only.start === 0 && only.end === text.length && depth === 0) return only.value;
  let result = text;
  for (let i = replacements.length - 1; i >= 0; i--) {
    const r = replacements[i] as Replacement;
    result = result.slice(0, r.start) + toJavaString(r.value) + result.slice(r.end);
  }
  return result.replaceAll('$${', '${');
}

const NO_REPLACEMENT = Symbol('none');

function lookup(path: string, match: string, doc: unknown, taskId: string | undefined): unknown {
  if (path.trim() === '') return '';
  if (path.startsWith('workflow.secrets.')) return match;
  if (SYSTEM_PARAMS.has(path)) return path === 'CPEWF_TASK_ID' && taskId !== undefined ? taskId : NO_REPLACEMENT;
  const value = readJsonPath(doc, path);
  return value === undefined ? null : value;
}

/** Start/end offsets of each top-level `${…}` in `text` with balanced braces. */
function findExpressions(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < text.length - 1) {
    if (text[i] === '$' && text[i + 1] === '{' && (i === 0 || text[i - 1] !== '$')) {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      if (j >= text.length) break;
      found.push({ start: i, end: j + 1 });
      i = j + 1;
    } else {
      i++;
    }
  }
  return found;
}

/** Objects.toString as the Java server renders values embedded in text. */
export function toJavaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(toJavaString).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${k}=${toJavaString(v)}`).join(', ')}}`;
  return String(value);
}

/**
 * A task's input: the workflow task's inputParameters, missing keys filled from the task
 * def's inputTemplate, resolved; keys that resolved to null take the template's value (F14).
 */
export function computeTaskInput(inputParameters: JsonMap, execution: Execution, taskId: string | undefined, taskDef: TaskDef | undefined): JsonMap {
  const template = taskDef?.inputTemplate ?? {};
  const params: JsonMap = { ...inputParameters };
  for (const [key, value] of Object.entries(template)) if (!(key in params)) params[key] = value;
  const resolved = resolveParams(params, buildParamDocument(execution), taskId);
  for (const key of Object.keys(resolved)) {
    if (resolved[key] === null && key in template) resolved[key] = structuredClone(template[key]);
  }
  return resolved;
}

/** Workflow input with the def's inputTemplate filling missing keys (F15). */
export function computeWorkflowInput(input: JsonMap, inputTemplate: JsonMap | undefined): JsonMap {
  const out: JsonMap = { ...input };
  for (const [key, value] of Object.entries(inputTemplate ?? {})) if (!(key in out)) out[key] = structuredClone(value);
  return out;
}
