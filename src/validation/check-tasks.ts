/**
 * Per-task checks that need only the workflow itself: unique task references, known task
 * types, SWITCH/DECISION value parameters, WAIT inputs. Pure.
 */
import { dollarNames } from './expressions.js';
import { errorAt, warningAt, type Finding } from './finding.js';
import { joinPointer } from './pointer.js';
import { isObject, type TaskNode, type TaskTree } from './task-tree.js';

/** Task types of Conductor OSS (conductor-api.md 4.3). Others are accepted as worker tasks. */
export const KNOWN_TASK_TYPES = new Set([
  'SIMPLE', 'SWITCH', 'DECISION', 'FORK_JOIN', 'JOIN', 'FORK_JOIN_DYNAMIC', 'DO_WHILE', 'SUB_WORKFLOW', 'DYNAMIC', 'WAIT',
  'HUMAN', 'HTTP', 'INLINE', 'JSON_JQ_TRANSFORM', 'SET_VARIABLE', 'TERMINATE', 'EVENT', 'START_WORKFLOW', 'EXCLUSIVE_JOIN',
  'NOOP', 'KAFKA_PUBLISH', 'LAMBDA',
]);

/** Same parse as the server's DateTimeUtils.parseDuration ("10s", "1 day 2 hours", …). */
const DURATION = /^\s*(?:\d+\s*(?:days?|d))?\s*(?:\d+\s*(?:hours?|hrs?|h))?\s*(?:\d+\s*(?:minutes?|mins?|m))?\s*(?:\d+\s*(?:seconds?|secs?|s))?\s*$/i;
/** DateTimeUtils.parseDate patterns: yyyy-MM-dd[ HH:mm[ z]]. */
const UNTIL = /^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?:\s+\S+)?)?$/;

export function checkTasks(tree: TaskTree): Finding[] {
  const findings: Finding[] = [...checkUniqueRefs(tree)];
  for (const node of tree.nodes) {
    if (!KNOWN_TASK_TYPES.has(node.type)) {
      findings.push(
        warningAt(joinPointer(node.pointer, 'type'), 'TASK_TYPE_UNKNOWN', `task type '${node.type}' is not a Conductor OSS type: the server runs it as a worker task unless a module or Orkes provides it`),
      );
    }
    if (node.type === 'WAIT') findings.push(...checkWait(node));
    if (node.type === 'SWITCH' || node.type === 'DECISION') findings.push(...checkSwitchInput(node));
  }
  return findings;
}

/** The server: "taskReferenceName: X should be unique across tasks for a given workflowDefinition". */
function checkUniqueRefs(tree: TaskTree): Finding[] {
  const findings: Finding[] = [];
  for (const [ref, nodes] of tree.byRef) {
    const [first, ...others] = nodes;
    for (const node of others) {
      findings.push(errorAt(joinPointer(node.pointer, 'taskReferenceName'), 'REF_DUPLICATE', `taskReferenceName '${ref}' is already used at ${first?.pointer ?? '?'}; it must be unique in the whole workflow`));
    }
  }
  return findings;
}

function checkWait(node: TaskNode): Finding[] {
  const input = node.task['inputParameters'];
  if (!isObject(input)) return [];
  const duration = textOf(input['duration']);
  const until = textOf(input['until']);
  const at = joinPointer(node.pointer, 'inputParameters');
  if (duration && until) return [errorAt(at, 'WAIT_INPUT', "WAIT task: give either 'duration' or 'until', not both")];
  if (duration && !duration.startsWith('${') && !DURATION.test(duration)) {
    return [errorAt(joinPointer(at, 'duration'), 'WAIT_INPUT', `WAIT task: cannot parse duration '${duration}' (examples: "30s", "10 minutes", "1 day 2 hours")`)];
  }
  if (until && !until.startsWith('${') && !UNTIL.test(until)) {
    return [errorAt(joinPointer(at, 'until'), 'WAIT_INPUT', `WAIT task: cannot parse until '${until}' (formats: "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm z")`)];
  }
  return [];
}

/** What a switch reads: value-param names an input key; a script reads `$` = the task input. */
function checkSwitchInput(node: TaskNode): Finding[] {
  if (node.type === 'SWITCH') {
    return node.task['evaluatorType'] === 'value-param' ? checkInputKey(node, 'expression') : checkScriptInput(node, 'expression');
  }
  return node.task['caseValueParam'] !== undefined ? checkInputKey(node, 'caseValueParam') : checkScriptInput(node, 'caseExpression');
}

function checkInputKey(node: TaskNode, field: string): Finding[] {
  const key = node.task[field];
  const input = node.task['inputParameters'];
  if (typeof key !== 'string' || key === '' || (isObject(input) && key in input)) return [];
  return [errorAt(joinPointer(node.pointer, field), 'SWITCH_PARAM_MISSING', `${node.type} task: ${field} '${key}' names no key of inputParameters, so the default case always runs`)];
}

/** A script switch sees only its own input as `$`: `$.x` must be an inputParameters key. */
function checkScriptInput(node: TaskNode, field: string): Finding[] {
  const script = node.task[field];
  const input = node.task['inputParameters'];
  if (typeof script !== 'string') return [];
  const keys = new Set(isObject(input) ? Object.keys(input) : []);
  const missing = [...new Set(dollarNames(script))].filter((name) => !keys.has(name));
  return missing.map((name) =>
    warningAt(joinPointer(node.pointer, field), 'SWITCH_PARAM_MISSING', `${node.type} task: ${field} reads $.${name}, which is not a key of inputParameters (undefined at run time)`),
  );
}

function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}
