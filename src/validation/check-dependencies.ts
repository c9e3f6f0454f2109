/**
 * Cross-definition checks: SIMPLE tasks need a task def, SUB_WORKFLOW / START_WORKFLOW /
 * failureWorkflow name a workflow that exists, system tasks get their required input from
 * somewhere. Offline, a definition missing from the repo is a warning (it may already be on
 * the server); with server knowledge it is an error when the server lacks it too. Pure.
 */
import type { JsonObject } from '../core/model.js';
import { errorAt, warningAt, type Finding } from './finding.js';
import { joinPointer } from './pointer.js';
import { isObject, type TaskNode, type TaskTree } from './task-tree.js';
import type { ServerKnowledge } from './types.js';

/** What the repo (and, when known, the server) holds. */
export interface DefinitionIndex {
  taskDefs: ReadonlyMap<string, JsonObject>;
  /** Workflow name → versions in the repo. */
  workflows: ReadonlyMap<string, readonly number[]>;
  known?: ServerKnowledge;
}

/** System tasks whose input must come from inputParameters or the task def's inputTemplate. */
const REQUIRED_INPUT: Record<string, string[]> = {
  HTTP: ['http_request', 'uri', 'method'],
  JSON_JQ_TRANSFORM: ['queryExpression'],
  KAFKA_PUBLISH: ['kafka_request'],
};

export function checkDependencies(workflow: JsonObject, tree: TaskTree, base: string, index: DefinitionIndex): Finding[] {
  const findings: Finding[] = [];
  for (const node of tree.nodes) {
    if (node.type === 'SIMPLE') findings.push(...checkTaskDef(node, index));
    if (node.type in REQUIRED_INPUT) findings.push(...checkRequiredInput(node, index));
    if (node.type === 'SUB_WORKFLOW') findings.push(...checkSubWorkflow(node, index));
    if (node.type === 'START_WORKFLOW') findings.push(...checkStartWorkflow(node, index));
  }
  const failure = workflow['failureWorkflow'];
  if (typeof failure === 'string' && failure !== '' && !failure.includes('${')) {
    const version = workflow['failureWorkflowVersion'];
    findings.push(...checkWorkflowExists(failure, typeof version === 'number' ? version : undefined, joinPointer(base, 'failureWorkflow'), 'failureWorkflow', index));
  }
  return findings;
}

function checkTaskDef(node: TaskNode, index: DefinitionIndex): Finding[] {
  const name = node.name;
  if (name === undefined || isObject(node.task['taskDefinition']) || index.taskDefs.has(name)) return [];
  const at = joinPointer(node.pointer, 'name');
  if (!index.known) {
    return [warningAt(at, 'TASK_DEF_MISSING', `no task def '${name}' in the repo: unless the server has one, it runs with default settings (3 retries, 1 h response timeout)`)];
  }
  if (index.known.taskDefNames.has(name)) return [];
  return [errorAt(at, 'TASK_DEF_MISSING', `task def '${name}' is neither in the repo nor on the server`)];
}

function checkRequiredInput(node: TaskNode, index: DefinitionIndex): Finding[] {
  const keys = REQUIRED_INPUT[node.type] ?? [];
  const has = (source: unknown) => isObject(source) && keys.some((k) => k in source);
  if (has(node.task['inputParameters'])) return [];
  const inline = node.task['taskDefinition'];
  if (isObject(inline) && has(inline['inputTemplate'])) return [];
  const name = node.name ?? '';
  const repoDef = index.taskDefs.get(name);
  if (repoDef && has(repoDef['inputTemplate'])) return [];
  const message = `${node.type} task needs inputParameters.${keys[0]}`;
  const at = joinPointer(node.pointer, 'inputParameters');
  if (repoDef || (index.known && !index.known.taskDefNames.has(name))) return [errorAt(at, 'TASK_INPUT_MISSING', `${message} (or in its task def's inputTemplate)`)];
  return [warningAt(at, 'TASK_INPUT_MISSING', `${message}, unless the server's task def '${name}' has it in its inputTemplate`)];
}

function checkSubWorkflow(node: TaskNode, index: DefinitionIndex): Finding[] {
  const param = node.task['subWorkflowParam'];
  if (!isObject(param) || (param['workflowDefinition'] !== undefined && param['workflowDefinition'] !== null)) return [];
  const name = param['name'];
  if (typeof name !== 'string' || name === '' || name.includes('${')) return [];
  const version = param['version'];
  const at = joinPointer(node.pointer, 'subWorkflowParam');
  const findings = checkWorkflowExists(name, typeof version === 'number' ? version : undefined, joinPointer(at, 'name'), 'SUB_WORKFLOW', index);
  if (version === undefined || version === null) {
    findings.push(warningAt(at, 'SUB_WORKFLOW_UNPINNED', `sub-workflow '${name}' has no version: each execution uses whatever version is latest when it starts; pin one`));
  }
  return findings;
}

function checkStartWorkflow(node: TaskNode, index: DefinitionIndex): Finding[] {
  const input = node.task['inputParameters'];
  const request = isObject(input) ? input['startWorkflow'] : undefined;
  if (!isObject(request)) return [];
  const name = request['name'];
  if (typeof name !== 'string' || name === '' || name.includes('${')) return [];
  const version = request['version'];
  const at = joinPointer(node.pointer, 'inputParameters', 'startWorkflow', 'name');
  return checkWorkflowExists(name, typeof version === 'number' ? version : undefined, at, 'START_WORKFLOW', index);
}

function checkWorkflowExists(name: string, version: number | undefined, at: string, by: string, index: DefinitionIndex): Finding[] {
  const what = version === undefined ? `workflow '${name}'` : `workflow '${name}' version ${version}`;
  if (hasWorkflow(index.workflows.get(name), version)) return [];
  if (!index.known) return [warningAt(at, 'WORKFLOW_REF_MISSING', `${by} names ${what}, which is not in the repo (fine if the server has it)`)];
  if (hasWorkflow(index.known.workflows.get(name), version)) return [];
  return [errorAt(at, 'WORKFLOW_REF_MISSING', `${by} names ${what}, which is neither in the repo nor on the server`)];
}

function hasWorkflow(versions: readonly number[] | undefined, version: number | undefined): boolean {
  if (!versions || versions.length === 0) return false;
  return version === undefined || versions.includes(version);
}
