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
  for (let i = 0; i < tasks.length; i++) validateWorkflowTask(tasks[i], `${path}.tasks[${i}]`, lookup, out);
  validateReferences(def, tasks as unknown[], path, out);
  return out;
}

// The helpers below push into the caller's `out` rather than returning arrays to spread, loop
// by index and walk own keys with for-in: a bulk write validates thousands of tasks, nearly
// all without a violation, in a server whose code is not optimized yet (where for-of
// allocates per step and Object.keys an array per object).

function validateWorkflowTask(value: unknown, path: string, lookup: TaskDefLookup, out: Violation[]): void {
  const task = asBean(value);
  if (!task) return; // @Valid skips null elements (collectTasks() fails on them later)
  if (isEmptyString(task['name'])) out.push(violation(`${path}.name`, 'WorkflowTask name cannot be empty or null', task['name']));
  if (isEmptyString(task['taskReferenceName'])) {
    out.push(violation(`${path}.taskReferenceName`, 'WorkflowTask taskReferenceName name cannot be empty or null', task['taskReferenceName']));
  }
  const startDelay = task['startDelay'] as number;
  if (startDelay < 0) out.push(violation(`${path}.startDelay`, 'must be greater than or equal to 0', startDelay));
  validateTaskType(task, path, lookup, out);
  const cases = asBean(task['decisionCases']);
  if (cases) {
    for (const key in cases) {
      if (Object.hasOwn(cases, key)) validateChildren(cases[key], `${path}.decisionCases[${key}]`, lookup, out);
    }
  }
  validateChildren(task['defaultCase'], `${path}.defaultCase`, lookup, out);
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) {
    for (let i = 0; i < forkTasks.length; i++) validateChildren(forkTasks[i], `${path}.forkTasks[${i}]`, lookup, out);
  }
}

/** Each task of `list` (when it is a list), at `${path}[i]`. */
function validateChildren(list: unknown, path: string, lookup: TaskDefLookup, out: Violation[]): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) validateWorkflowTask(list[i], `${path}[${i}]`, lookup, out);
}

/** WorkflowTask.collectTasks(): the task, then its children by type (TaskType.of; unknown types have none). */
export function collectTasks(value: unknown, out: Bean[] = []): Bean[] {
  const task = asBean(value);
  if (!task) throw validatorCrash();
  out.push(task);
  switch (task['type']) {
    case 'DECISION':
    case 'SWITCH': {
      const cases = asBean(task['decisionCases']);
      if (!cases) throw validatorCrash();
      for (const key in cases) {
        if (Object.hasOwn(cases, key)) collectChildren(cases[key], out);
      }
      collectChildren(task['defaultCase'], out);
      break;
    }
    case 'FORK_JOIN': {
      const forkTasks = task['forkTasks'];
      if (!Array.isArray(forkTasks)) throw validatorCrash();
      for (let i = 0; i < forkTasks.length; i++) collectChildren(forkTasks[i], out);
      break;
    }
    case 'DO_WHILE':
      collectChildren(task['loopOver'], out);
      break;
    case null:
      throw validatorCrash(); // TaskType.valueOf(null)
  }
  return out;
}

function collectChildren(list: unknown, out: Bean[]): void {
  if (!Array.isArray(list)) throw validatorCrash();
  for (let i = 0; i < list.length; i++) collectTasks(list[i], out);
}

function validateReferences(def: Bean, tasks: unknown[], path: string, out: Violation[]): void {
  const all: Bean[] = [];
  for (let i = 0; i < tasks.length; i++) collectTasks(tasks[i], all);
  const seen = new Set<unknown>();
  for (let i = 0; i < all.length; i++) {
    const ref = all[i]!['taskReferenceName'];
    if (seen.has(ref)) {
      out.push(violation(path, `taskReferenceName: ${String(ref)} should be unique across tasks for a given workflowDefinition: ${String(def['name'])}`));
    } else {
      seen.add(ref);
    }
  }
  const hasRef = (ref: string): boolean => {
    for (let i = 0; i < all.length; i++) {
      const taskRef = all[i]!['taskReferenceName'];
      if (typeof taskRef !== 'string') throw validatorCrash(); // getTaskReferenceName().equals(...) on null
      if (taskRef === ref) return true;
    }
    return false;
  };
  for (let i = 0; i < tasks.length; i++) {
    const task = asBean(tasks[i])!;
    const input = asBean(task['inputParameters']);
    if (input) checkInputParams(input, { taskName: String(task['name']), hasRef, path, out });
  }
}

/** EnvUtils.SystemParameters; the real server also accepts its own environment variables. */
const SYSTEM_PARAMETERS = new Set(['CPEWF_TASK_ID', 'NETFLIX_ENV', 'NETFLIX_STACK']);

/** Checking one top-level task's `${...}` input references: whose they are and where violations go. */
interface InputCheck {
  taskName: string;
  hasRef: (ref: string) => boolean;
  path: string;
  out: Violation[];
}

function checkInputParams(input: Record<string, unknown>, check: InputCheck): void {
  for (const key in input) {
    if (Object.hasOwn(input, key)) checkInputValue(key, input[key], check);
  }
}

function checkInputValue(key: string, value: unknown, check: InputCheck): void {
  if (typeof value === 'string') {
    checkString(key, value, check);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkInputValue(key, value[i], check);
  } else if (asBean(value)) {
    checkInputParams(value as Record<string, unknown>, check);
  }
}

function checkString(key: string, value: string, check: InputCheck): void {
  if (!value.includes('${')) return; // no piece can start with `${`: nothing to check
  // The common value is one whole `${...}`: it is its own only piece, so skip the split.
  if (value.startsWith('${') && value.indexOf('${', 2) === -1 && value.indexOf('}') === value.length - 1) {
    checkPiece(key, value, value, check);
    return;
  }
  const pieces = value.split(/(?=(?<!\$)\$\{)|(?<=\})/);
  for (let i = 0; i < pieces.length; i++) checkPiece(key, value, pieces[i]!, check);
}

function checkPiece(key: string, value: string, piece: string, check: InputCheck): void {
  if (!piece.startsWith('${') || !piece.endsWith('}')) return;
  const paramPath = piece.slice(2, -1);
  if (!isValidJsonPath(paramPath)) {
    check.out.push(violation(check.path, `key: ${key} input parameter value: ${paramPath} is not valid`));
  } else if (!SYSTEM_PARAMETERS.has(paramPath)) {
    const dot = paramPath.indexOf('.');
    const first = dot === -1 ? paramPath : paramPath.slice(0, dot);
    if (first !== 'workflow' && !check.hasRef(first)) {
      const message = `taskReferenceName: ${first} for given task: ${check.taskName} input value: ${key} of input parameter: ${value} is not defined in workflow definition.`;
      check.out.push(violation(check.path, message));
    }
  }
}

/** An approximation of Jayway `JsonPath.compile`: empty, trailing-dot and unbalanced paths fail. */
export function isValidJsonPath(path: string): boolean {
  if (path.trim() === '' || path.endsWith('.')) return false;
  if (!/['"[\]]/.test(path)) return true; // nothing to balance (the usual `a.b.c`)
  let depth = 0;
  let quote: string | undefined;
  // By UTF-16 unit: a surrogate half never equals a quote or bracket, so this matches a code point walk.
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
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
