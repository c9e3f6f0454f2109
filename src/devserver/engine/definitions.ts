/**
 * Definition defaults and the execution's definition snapshot (conductor-api.md §4.1-4.3,
 * §6.7, K/core/metadata/MetadataMapperService.java): every WorkflowTask in the snapshot gets
 * its defaults and a `taskDefinition` — inline def, else the registered one, else an ad-hoc
 * def (TaskDef defaults for worker tasks; retryCount 0 and responseTimeoutSeconds 0 for
 * system tasks). Pure: registered task defs come in through a lookup function.
 */
import { isPlainObject, type JsonMap, type TaskDef, type WorkflowDef, type WorkflowTask } from './model.js';

/** Task types the engine (or a later issue) runs itself; anything else is a worker task. */
export const SYSTEM_TASK_TYPES: ReadonlySet<string> = new Set([
  'SWITCH', 'DECISION', 'FORK_JOIN', 'FORK', 'JOIN', 'EXCLUSIVE_JOIN', 'FORK_JOIN_DYNAMIC', 'DO_WHILE',
  'SUB_WORKFLOW', 'START_WORKFLOW', 'DYNAMIC', 'WAIT', 'HUMAN', 'HTTP', 'INLINE', 'JSON_JQ_TRANSFORM',
  'SET_VARIABLE', 'TERMINATE', 'EVENT', 'KAFKA_PUBLISH', 'LAMBDA', 'NOOP',
]);

export function isWorkerTaskType(type: string): boolean {
  return !SYSTEM_TASK_TYPES.has(type);
}

/** A TaskDef with every server default filled in (TaskDef.java field initialisers). */
export function buildTaskDef(raw: JsonMap): TaskDef {
  const num = (key: string, fallback: number): number => (typeof raw[key] === 'number' ? (raw[key] as number) : fallback);
  const def: TaskDef = {
    ...raw,
    name: String(raw['name'] ?? ''),
    retryCount: num('retryCount', 3),
    timeoutSeconds: num('timeoutSeconds', 0),
    totalTimeoutSeconds: num('totalTimeoutSeconds', 0),
    timeoutPolicy: (raw['timeoutPolicy'] as TaskDef['timeoutPolicy'] | undefined) ?? 'TIME_OUT_WF',
    retryLogic: (raw['retryLogic'] as TaskDef['retryLogic'] | undefined) ?? 'FIXED',
    retryDelaySeconds: num('retryDelaySeconds', 60),
    backoffScaleFactor: num('backoffScaleFactor', 1),
    maxRetryDelaySeconds: num('maxRetryDelaySeconds', 0),
    backoffJitterMs: num('backoffJitterMs', 0),
    responseTimeoutSeconds: num('responseTimeoutSeconds', 3600),
    rateLimitPerFrequency: num('rateLimitPerFrequency', 0),
    rateLimitFrequencyInSeconds: num('rateLimitFrequencyInSeconds', 1),
    inputTemplate: isPlainObject(raw['inputTemplate']) ? raw['inputTemplate'] : {},
  };
  return def;
}

function buildAdHocTaskDef(name: string, type: string): TaskDef {
  const def = buildTaskDef({ name });
  if (!isWorkerTaskType(type)) {
    def.retryCount = 0;
    def.responseTimeoutSeconds = 0;
  }
  return def;
}

export type TaskDefLookup = (name: string) => JsonMap | undefined;

const NESTED_LIST_KEYS = ['defaultCase', 'loopOver', 'defaultExclusiveJoinTask'] as const;

/** A WorkflowTask with its defaults and embedded `taskDefinition`, recursively. */
export function buildWorkflowTask(raw: JsonMap, lookup: TaskDefLookup): WorkflowTask {
  const type = typeof raw['type'] === 'string' && raw['type'] !== '' ? raw['type'] : 'SIMPLE';
  const name = String(raw['name'] ?? '');
  const inline = isPlainObject(raw['taskDefinition']) ? raw['taskDefinition'] : undefined;
  const registered = inline ?? lookup(name);
  const task: WorkflowTask = {
    ...raw,
    name,
    taskReferenceName: String(raw['taskReferenceName'] ?? ''),
    type,
    inputParameters: isPlainObject(raw['inputParameters']) ? raw['inputParameters'] : {},
    optional: raw['optional'] === true,
    permissive: raw['permissive'] === true,
    startDelay: typeof raw['startDelay'] === 'number' ? raw['startDelay'] : 0,
    asyncComplete: raw['asyncComplete'] === true,
    taskDefinition: registered ? buildTaskDef(registered) : buildAdHocTaskDef(name, type),
  };
  for (const key of NESTED_LIST_KEYS) {
    if (Array.isArray(raw[key])) task[key] = (raw[key] as JsonMap[]).map((t) => buildWorkflowTask(t, lookup));
  }
  if (Array.isArray(raw['forkTasks'])) {
    task['forkTasks'] = (raw['forkTasks'] as JsonMap[][]).map((branch) => branch.map((t) => buildWorkflowTask(t, lookup)));
  }
  if (isPlainObject(raw['decisionCases'])) {
    const cases: Record<string, WorkflowTask[]> = {};
    for (const [key, list] of Object.entries(raw['decisionCases'])) {
      cases[key] = Array.isArray(list) ? (list as JsonMap[]).map((t) => buildWorkflowTask(t, lookup)) : [];
    }
    task['decisionCases'] = cases;
  }
  return task;
}

/** The snapshot stored on an execution: defaults filled, task defs embedded. */
export function buildDefinitionSnapshot(raw: JsonMap, lookup: TaskDefLookup): WorkflowDef {
  const tasks = Array.isArray(raw['tasks']) ? (raw['tasks'] as JsonMap[]) : [];
  return {
    ...raw,
    name: String(raw['name'] ?? ''),
    version: typeof raw['version'] === 'number' ? raw['version'] : 1,
    tasks: tasks.map((t) => buildWorkflowTask(t, lookup)),
    outputParameters: isPlainObject(raw['outputParameters']) ? raw['outputParameters'] : {},
    inputTemplate: isPlainObject(raw['inputTemplate']) ? raw['inputTemplate'] : {},
    schemaVersion: typeof raw['schemaVersion'] === 'number' ? raw['schemaVersion'] : 2,
    restartable: raw['restartable'] !== false,
    timeoutPolicy: raw['timeoutPolicy'] === 'TIME_OUT_WF' ? 'TIME_OUT_WF' : 'ALERT_ONLY',
    timeoutSeconds: typeof raw['timeoutSeconds'] === 'number' ? raw['timeoutSeconds'] : 0,
    variables: isPlainObject(raw['variables']) ? raw['variables'] : {},
  };
}

/** Depth-first search of the definition tree for a reference name. */
export function findWorkflowTask(tasks: readonly WorkflowTask[], ref: string): WorkflowTask | undefined {
  for (const task of tasks) {
    if (task.taskReferenceName === ref) return task;
    for (const child of childLists(task)) {
      const found = findWorkflowTask(child, ref);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every nested task list of a WorkflowTask (fork branches, cases, loop body…). */
export function childLists(task: WorkflowTask): WorkflowTask[][] {
  const lists: WorkflowTask[][] = [];
  for (const key of NESTED_LIST_KEYS) if (Array.isArray(task[key])) lists.push(task[key] as WorkflowTask[]);
  if (Array.isArray(task['forkTasks'])) lists.push(...(task['forkTasks'] as WorkflowTask[][]));
  if (isPlainObject(task['decisionCases'])) lists.push(...(Object.values(task['decisionCases']) as WorkflowTask[][]));
  return lists;
}
