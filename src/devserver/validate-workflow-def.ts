/**
 * The real server's bean validation of a WorkflowDef:
 * - WorkflowDef.java: @NotEmpty name, @NotEmpty tasks, schemaVersion @Min(2)/@Max(2), and
 *   @Valid cascading into `tasks` (ValidNameConstraint and OwnerEmailMandatoryConstraint are
 *   off in the shipped server/src/main/resources/application.properties);
 * - WorkflowTask.java: @NotEmpty name and taskReferenceName, @PositiveOrZero startDelay,
 *   @Valid into decisionCases, defaultCase and forkTasks (NOT loopOver: that field has no
 *   @Valid, so DO_WHILE children are not bean-validated), plus validate-task-type.ts;
 * - constraints/TaskReferenceNameUniqueConstraint.java: unique refs over collectTasks() and
 *   the `${...}` references of top-level tasks (common/.../utils/ConstraintParamUtil.java).
 */
import type { Bean } from './model/java-types.js';
import { asBean, isEmptyString, validatorCrash, violation, type Violation } from './validate-common.js';
import { validateTaskType, type TaskDefLookup } from './validate-task-type.js';

export function validateWorkflowDef(def: Bean, path: string, lookup: TaskDefLookup): Violation[] {
  const out: Violation[] = [];
  if (isEmptyString(def['name'])) out.push(violation(`${path}.name`, 'WorkflowDef name cannot be null or empty', def['name']));
  const tasks = def['tasks'];
  if (!Array.isArray(tasks)) throw validatorCrash(); // collectTasks() on a null list
  if (tasks.length === 0) out.push(violation(`${path}.tasks`, 'WorkflowTask list cannot be empty'));
  const schemaVersion = def['schemaVersion'];
  if (schemaVersion !== 2) out.push(violation(`${path}.schemaVersion`, 'workflowDef schemaVersion: 2 is only supported', schemaVersion));
  tasks.forEach((task, i) => out.push(...validateWorkflowTask(task, `${path}.tasks[${i}]`, lookup)));
  out.push(...validateReferences(def, tasks as unknown[], path));
  return out;
}

function validateWorkflowTask(value: unknown, path: string, lookup: TaskDefLookup): Violation[] {
  const task = asBean(value);
  if (!task) return []; // @Valid skips null elements (collectTasks() fails on them later)
  const out: Violation[] = [];
  if (isEmptyString(task['name'])) out.push(violation(`${path}.name`, 'WorkflowTask name cannot be empty or null', task['name']));
  if (isEmptyString(task['taskReferenceName'])) {
    out.push(violation(`${path}.taskReferenceName`, 'WorkflowTask taskReferenceName name cannot be empty or null', task['taskReferenceName']));
  }
  const startDelay = task['startDelay'] as number;
  if (startDelay < 0) out.push(violation(`${path}.startDelay`, 'must be greater than or equal to 0', startDelay));
  out.push(...validateTaskType(task, path, lookup));
  const cases = asBean(task['decisionCases']);
  for (const [key, list] of Object.entries(cases ?? {})) {
    if (Array.isArray(list)) list.forEach((child, i) => out.push(...validateWorkflowTask(child, `${path}.decisionCases[${key}][${i}]`, lookup)));
  }
  const defaultCase = task['defaultCase'];
  if (Array.isArray(defaultCase)) defaultCase.forEach((child, i) => out.push(...validateWorkflowTask(child, `${path}.defaultCase[${i}]`, lookup)));
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) {
    forkTasks.forEach((branch, i) => {
      if (Array.isArray(branch)) branch.forEach((child, j) => out.push(...validateWorkflowTask(child, `${path}.forkTasks[${i}][${j}]`, lookup)));
    });
  }
  return out;
}

/** WorkflowTask.collectTasks(): the task, then its children by type (TaskType.of; unknown types have none). */
export function collectTasks(value: unknown): Bean[] {
  const task = asBean(value);
  if (!task) throw validatorCrash();
  const out: Bean[] = [task];
  const lists: unknown[] = [];
  switch (task['type']) {
    case 'DECISION':
    case 'SWITCH': {
      const cases = asBean(task['decisionCases']);
      if (!cases) throw validatorCrash();
      lists.push(...Object.values(cases), task['defaultCase']);
      break;
    }
    case 'FORK_JOIN':
      if (!Array.isArray(task['forkTasks'])) throw validatorCrash();
      lists.push(...(task['forkTasks'] as unknown[]));
      break;
    case 'DO_WHILE':
      lists.push(task['loopOver']);
      break;
    case null:
      throw validatorCrash(); // TaskType.valueOf(null)
  }
  for (const list of lists) {
    if (!Array.isArray(list)) throw validatorCrash();
    for (const child of list) out.push(...collectTasks(child));
  }
  return out;
}

function validateReferences(def: Bean, tasks: unknown[], path: string): Violation[] {
  const out: Violation[] = [];
  const all = tasks.flatMap((t) => collectTasks(t));
  const seen = new Set<unknown>();
  for (const task of all) {
    const ref = task['taskReferenceName'];
    if (seen.has(ref)) {
      out.push(violation(path, `taskReferenceName: ${String(ref)} should be unique across tasks for a given workflowDefinition: ${String(def['name'])}`));
    } else {
      seen.add(ref);
    }
  }
  const hasRef = (ref: string): boolean => {
    for (const task of all) {
      const taskRef = task['taskReferenceName'];
      if (typeof taskRef !== 'string') throw validatorCrash(); // getTaskReferenceName().equals(...) on null
      if (taskRef === ref) return true;
    }
    return false;
  };
  for (const value of tasks) {
    const task = asBean(value)!;
    const input = asBean(task['inputParameters']);
    if (!input) continue;
    for (const message of checkInputParams(input, String(task['name']), hasRef)) out.push(violation(path, message));
  }
  return out;
}

/** EnvUtils.SystemParameters; the real server also accepts its own environment variables. */
const SYSTEM_PARAMETERS = new Set(['CPEWF_TASK_ID', 'NETFLIX_ENV', 'NETFLIX_STACK']);

function checkInputParams(input: Record<string, unknown>, taskName: string, hasRef: (ref: string) => boolean): string[] {
  const out: string[] = [];
  const checkValue = (key: string, value: unknown): void => {
    if (typeof value === 'string') out.push(...checkString(key, value, taskName, hasRef));
    else if (Array.isArray(value)) value.forEach((item) => checkValue(key, item));
    else if (asBean(value)) out.push(...checkInputParams(value as Record<string, unknown>, taskName, hasRef));
  };
  for (const [key, value] of Object.entries(input)) checkValue(key, value);
  return out;
}

function checkString(key: string, value: string, taskName: string, hasRef: (ref: string) => boolean): string[] {
  const out: string[] = [];
  if (!value.includes('${')) return out; // no piece can start with `${`: nothing to check
  for (const piece of value.split(/(?=(?<!\$)\$\{)|(?<=\})/)) {
    if (!piece.startsWith('${') || !piece.endsWith('}')) continue;
    const paramPath = piece.slice(2, -1);
    if (!isValidJsonPath(paramPath)) {
      out.push(`key: ${key} input parameter value: ${paramPath} is not valid`);
    } else if (!SYSTEM_PARAMETERS.has(paramPath)) {
      const first = paramPath.split('.')[0]!;
      if (first !== 'workflow' && !hasRef(first)) {
        out.push(`taskReferenceName: ${first} for given task: ${taskName} input value: ${key} of input parameter: ${value} is not defined in workflow definition.`);
      }
    }
  }
  return out;
}

/** An approximation of Jayway `JsonPath.compile`: empty, trailing-dot and unbalanced paths fail. */
export function isValidJsonPath(path: string): boolean {
  if (path.trim() === '' || path.endsWith('.')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (const ch of path) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '[') {
      depth++;
    } else if (ch === ']') {
      if (--depth < 0) return false;
    }
  }
  return depth === 0 && quote === undefined;
}
