/**
 * The per-type registration checks of a WorkflowTask, as
 * core/.../validations/WorkflowTaskTypeConstraint.java (wired onto WorkflowTask by
 * core/src/main/resources/META-INF/validation/constraints.xml). Script syntax is checked with
 * V8 instead of GraalJS, so the text after "Expression is not well formatted:" differs.
 */
import { Script } from 'node:vm';
import type { Bean } from './model/java-types.js';
import { asBean, javaToString, validatorCrash, violation, type Violation } from './validate-common.js';

/** Reads a registered task def by name (HTTP, KAFKA_PUBLISH and JSON_JQ_TRANSFORM consult it). */
export type TaskDefLookup = (name: string) => Bean | undefined;

/**
 * `lookup` remembered for the length of one request: a bulk write's tasks often name the same
 * task def, and each lookup reads and parses it from the store. Validation only reads it.
 */
export function memoizeLookup(lookup: TaskDefLookup): TaskDefLookup {
  const found = new Map<string, Bean | undefined>();
  return (name) => {
    if (!found.has(name)) found.set(name, lookup(name));
    return found.get(name);
  };
}

const required = (field: string, type: string, name: unknown): string =>
  `${field} field is required for taskType: ${type} taskName: ${String(name)}`;

/** Pushes the violations of `task`'s type-specific checks into `out`. */
export function validateTaskType(task: Bean, path: string, lookup: TaskDefLookup, out: Violation[]): void {
  const type = task['type'];
  // `switch (workflowTask.getType())` on a null String throws NullPointerException.
  if (typeof type !== 'string') throw validatorCrash();
  const messages = checkTaskType(task, type, lookup);
  for (let i = 0; i < messages.length; i++) out.push(violation(path, messages[i]!));
}

function checkTaskType(task: Bean, type: string, lookup: TaskDefLookup): string[] {
  const name = task['name'];
  const messages: string[] = [];
  switch (type) {
    case 'EVENT':
      if (task['sink'] === null) messages.push(required('sink', type, name));
      break;
    case 'DECISION':
      checkDecision(task, messages);
      break;
    case 'SWITCH':
      checkSwitch(task, messages);
      break;
    case 'DYNAMIC':
      if (task['dynamicTaskNameParam'] === null) messages.push(required('dynamicTaskNameParam', type, name));
      break;
    case 'FORK_JOIN_DYNAMIC':
      checkDynamicFork(task, messages);
      break;
    case 'HTTP': {
      const input = inputOf(task);
      const set = input !== undefined && (Object.hasOwn(input, 'http_request') || Object.hasOwn(input, 'uri') || Object.hasOwn(input, 'method'));
      if (!set && !templateHas(task, 'http_request', lookup)) messages.push(required('inputParameters.http_request or inputParameters.uri', type, name));
      break;
    }
    case 'FORK_JOIN': {
      const fork = task['forkTasks'];
      if (Array.isArray(fork) && fork.length === 0) messages.push(`forkTasks should have atleast one task for taskType: FORK_JOIN taskName: ${String(name)}`);
      break;
    }
    case 'TERMINATE':
      checkTerminate(task, messages);
      break;
    case 'KAFKA_PUBLISH':
      if (!inputHas(task, 'kafka_request') && !templateHas(task, 'kafka_request', lookup)) messages.push(required('inputParameters.kafka_request', type, name));
      break;
    case 'DO_WHILE': {
      if (task['loopCondition'] === null) messages.push(required('loopCondition', type, name));
      const loopOver = task['loopOver'];
      if (!Array.isArray(loopOver) || loopOver.length === 0) messages.push(required('loopOver', type, name));
      break;
    }
    case 'SUB_WORKFLOW':
      if (task['subWorkflowParam'] === null) messages.push(required('subWorkflowParam', type, name));
      break;
    case 'JSON_JQ_TRANSFORM':
      if (!inputHas(task, 'queryExpression') && !templateHas(task, 'queryExpression', lookup)) {
        messages.push(required('inputParameters.queryExpression', type, name));
      }
      break;
    case 'WAIT':
      checkWait(task, messages);
      break;
  }
  return messages;
}

function inputOf(task: Bean): Record<string, unknown> | undefined {
  return asBean(task['inputParameters']);
}

function inputHas(task: Bean, key: string): boolean {
  const input = inputOf(task);
  return input !== undefined && Object.hasOwn(input, key);
}

/** `Optional.ofNullable(taskDefinition).orElse(metadataDAO.getTaskDef(name))`, then its inputTemplate. */
function templateHas(task: Bean, key: string, lookup: TaskDefLookup): boolean {
  if (typeof task['name'] !== 'string') throw validatorCrash(); // getTaskDef(null) fails its precondition
  const def = asBean(task['taskDefinition']) ?? lookup(task['name']);
  const template = def ? asBean(def['inputTemplate']) : undefined;
  return template !== undefined && Object.hasOwn(template, key);
}

function checkDecision(task: Bean, messages: string[]): void {
  const name = String(task['name']);
  if (task['caseValueParam'] === null && task['caseExpression'] === null) messages.push(required('caseValueParam or caseExpression', 'DECISION', name));
  const cases = task['decisionCases'];
  if (cases === null) messages.push(required('decisionCases', 'DECISION', name));
  else if (Object.keys(cases as object).length === 0) messages.push(`decisionCases should have atleast one task for taskType: DECISION taskName: ${name}`);
  const expression = task['caseExpression'];
  if (typeof expression === 'string') {
    const error = checkScriptSyntax(expression);
    if (error) messages.push(`${error}, taskType: DECISION taskName ${name}`);
  }
}

function checkSwitch(task: Bean, messages: string[]): void {
  const name = String(task['name']);
  if (task['evaluatorType'] === null) messages.push(required('evaluatorType', 'SWITCH', name));
  else if (task['expression'] === null) messages.push(required('expression', 'SWITCH', name));
  const cases = task['decisionCases'];
  if (cases === null) messages.push(required('decisionCases', 'SWITCH', name));
  else if (Object.keys(cases as object).length === 0) messages.push(`decisionCases should have atleast one task for taskType: SWITCH taskName: ${name}`);
  const expression = task['expression'];
  if (task['evaluatorType'] === 'javascript' && typeof expression === 'string') {
    const error = checkScriptSyntax(expression);
    if (error) messages.push(`${error}, taskType: SWITCH taskName ${name}`);
  }
}

/** Parses without running (ScriptEvaluator.validateScriptSyntax); the error text, or undefined. */
export function checkScriptSyntax(expression: string): string | undefined {
  try {
    new Script(expression);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return undefined;
    return `Expression is not well formatted: SyntaxError: ${error.message}`;
  }
}

function checkDynamicFork(task: Bean, messages: string[]): void {
  const name = String(task['name']);
  if (inputHas(task, 'forkTaskInputs')) return;
  const legacy = task['dynamicForkJoinTasksParam'];
  const param = task['dynamicForkTasksParam'];
  const inputName = task['dynamicForkTasksInputParamName'];
  if (legacy !== null && (param !== null || inputName !== null)) {
    messages.push(
      `dynamicForkJoinTasksParam or combination of dynamicForkTasksInputParamName and dynamicForkTasksParam cam be used for taskType: FORK_JOIN_DYNAMIC taskName: ${name}`,
    );
    return;
  }
  if (legacy !== null) return;
  if (param === null) messages.push(required('dynamicForkTasksParam', 'FORK_JOIN_DYNAMIC', name));
  if (inputName === null) messages.push(required('dynamicForkTasksInputParamName', 'FORK_JOIN_DYNAMIC', name));
}

function checkTerminate(task: Bean, messages: string[]): void {
  const input = inputOf(task);
  if (!input) throw validatorCrash(); // getInputParameters().get(...) on null
  const name = String(task['name']);
  if (task['optional'] === true) messages.push(`terminate task cannot be optional, taskName: ${name}`);
  const status = input['terminationStatus'];
  if (status === null || status === undefined || !['COMPLETED', 'FAILED', 'TERMINATED'].includes(javaToString(status))) {
    messages.push(`terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: ${name}`);
  }
}

const DURATION = /^\s*(?:(\d+)\s*(?:days?|d))?\s*(?:(\d+)\s*(?:hours?|hrs?|h))?\s*(?:(\d+)\s*(?:minutes?|mins?|m))?\s*(?:(\d+)\s*(?:seconds?|secs?|s))?\s*$/i;
/** DateTimeUtils.DATE_PATTERNS: "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm z", "yyyy-MM-dd" (lenient). */
const DATE = /^\d+-\d+-\d+(?: \d+:\d+(?: (?:[A-Za-z]+(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{4}))?)?$/;

function checkWait(task: Bean, messages: string[]): void {
  const input = inputOf(task);
  if (!input) throw validatorCrash();
  const duration = javaToString(input['duration']);
  const until = javaToString(input['until']);
  const blank = (s: string): boolean => s.trim() === '';
  if (!blank(duration) && !blank(until)) messages.push("Both 'duration' and 'until' specified. Please provide only one input");
  if (!blank(duration) && !duration.startsWith('${')) {
    const m = DURATION.exec(duration);
    if (!m || m.slice(1).some((g) => g !== undefined && Number(g) > 2147483647)) messages.push('Either date or duration is passed as null ');
  } else if (!blank(until) && !until.startsWith('${')) {
    if (!DATE.test(until)) messages.push('Unable to parse date ');
  }
}
