/**
 * Checks every `${...}` expression of a workflow def: it must name a workflow field, a
 * system parameter, or a task reference that exists and can have run before the task that
 * uses it. Severities follow the server where it has a rule and stay soft where run-time
 * shape is unknowable:
 * - unknown reference in a top-level task's input: error (the server rejects the def);
 * - unknown reference in a nested task or in the output: error, but a warning when a
 *   FORK_JOIN_DYNAMIC may create it at run time;
 * - a task that only runs later on the same path: error (the value is always null);
 * - another switch case or a parallel fork branch: warning (null, or a race);
 * - anything inside a loop both tasks share: fine (an earlier iteration ran it);
 * - expressions inside scripts (INLINE expression, LAMBDA, jq) or inside task templates
 *   (the task list a dynamic fork receives as input): findings are warnings.
 */
import type { JsonObject } from '../core/model.js';
import { extractExpressions, walkStrings, type ExpressionRef } from './expressions.js';
import { errorAt, warningAt, withSeverity, type Finding } from './finding.js';
import { joinPointer } from './pointer.js';
import { orderOf, shareLoop } from './task-order.js';
import { isObject, type TaskNode, type TaskTree } from './task-tree.js';

/** Fields of the `workflow` object an expression can read (conductor-api.md 6.5). */
const WORKFLOW_FIELDS = new Set([
  'input', 'output', 'status', 'workflowId', 'parentWorkflowId', 'parentWorkflowTaskId', 'workflowType', 'version',
  'correlationId', 'reasonForIncompletion', 'schemaVersion', 'variables', 'secrets', 'env',
  // Orkes adds these to the same document.
  'createTime', 'startTime', 'updateTime', 'endTime', 'createdBy', 'taskToDomain', 'idempotencyKey', 'priority',
]);

/** Names the server resolves itself (EnvUtils.SystemParameters). */
const SYSTEM_PARAMETERS = new Set(['CPEWF_TASK_ID', 'NETFLIX_ENV', 'NETFLIX_STACK']);

/** Input keys whose string value is a script: `${` inside may be the script's own syntax. */
const SCRIPT_KEYS: Record<string, string> = { INLINE: 'expression', LAMBDA: 'scriptExpression', JSON_JQ_TRANSFORM: 'queryExpression' };

interface Site {
  from: TaskNode | undefined;
  pointer: string;
  /** Inside a script or a task template: errors become warnings. */
  isSoft: boolean;
  tree: TaskTree;
}

/** All reference findings of one workflow def (`base` = its pointer in the definition). */
export function checkReferences(workflow: JsonObject, tree: TaskTree, base: string): Finding[] {
  const findings: Finding[] = [];
  for (const node of tree.nodes) {
    const scriptKey = SCRIPT_KEYS[node.type];
    const scriptPointer = scriptKey === undefined ? undefined : joinPointer(node.pointer, 'inputParameters', scriptKey);
    const visit = (text: string, pointer: string, inTemplate: boolean): void => {
      const isSoft = inTemplate || (scriptPointer !== undefined && pointer.startsWith(scriptPointer));
      for (const ref of extractExpressions(text)) pushIf(findings, checkExpression(ref, { from: node, pointer, isSoft, tree }));
    };
    walkInput(node.task['inputParameters'], joinPointer(node.pointer, 'inputParameters'), false, visit);
    const param = node.task['subWorkflowParam'];
    if (isObject(param)) {
      // An inline workflowDefinition object is a workflow of its own (checked separately);
      // a string there is an expression resolved in this workflow.
      for (const [key, value] of Object.entries(param)) {
        if (key !== 'workflowDefinition' || typeof value === 'string') walkInput(value, joinPointer(node.pointer, 'subWorkflowParam', key), false, visit);
      }
    }
  }
  walkStrings(workflow['outputParameters'], joinPointer(base, 'outputParameters'), (text, pointer) => {
    for (const ref of extractExpressions(text)) pushIf(findings, checkExpression(ref, { from: undefined, pointer, isSoft: false, tree }));
  });
  for (const key of ['failureWorkflow', 'rateLimitConfig']) {
    walkStrings(workflow[key], joinPointer(base, key), (text, pointer) => {
      for (const ref of extractExpressions(text)) {
        if (ref.root !== undefined && ref.root !== 'workflow') {
          findings.push(warningAt(pointer, 'REF_UNKNOWN', `'\${${ref.path}}': only workflow.* can be read here`));
        }
      }
    });
  }
  return findings;
}

/**
 * Like walkStrings, but tracks whether a string sits inside a task template: an object with
 * a taskReferenceName inside an input (the tasks a dynamic fork will run). Its expressions
 * are meant for later, so their ordering cannot be judged.
 */
function walkInput(value: unknown, pointer: string, inTemplate: boolean, visit: (text: string, pointer: string, inTemplate: boolean) => void): void {
  if (typeof value === 'string') {
    visit(value, pointer, inTemplate);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walkInput(item, joinPointer(pointer, index), inTemplate, visit));
  } else if (isObject(value)) {
    const isTemplate = inTemplate || typeof value['taskReferenceName'] === 'string';
    for (const [key, item] of Object.entries(value)) walkInput(item, joinPointer(pointer, key), isTemplate, visit);
  }
}

function pushIf(findings: Finding[], finding: Finding | undefined): void {
  if (finding) findings.push(finding);
}

function checkExpression(ref: ExpressionRef, site: Site): Finding | undefined {
  const { root } = ref;
  if (root === undefined || SYSTEM_PARAMETERS.has(root)) return undefined;
  const finding = root === 'workflow' ? checkWorkflowField(ref, site) : checkTaskRef(ref, root, site);
  return finding && site.isSoft && finding.severity === 'error' ? withSeverity(finding, 'warning') : finding;
}

function checkWorkflowField(ref: ExpressionRef, site: Site): Finding | undefined {
  if (ref.field === undefined || WORKFLOW_FIELDS.has(ref.field)) return undefined;
  return warningAt(site.pointer, 'REF_WORKFLOW_FIELD', `'\${${ref.path}}': workflow has no field '${ref.field}' (use workflow.input, workflow.variables, workflow.workflowId, …)`);
}

function checkTaskRef(ref: ExpressionRef, root: string, site: Site): Finding | undefined {
  const target = findTask(site.tree, root);
  if (!target) return unknownRef(ref, root, site);
  if (!site.from) return undefined;
  const order = orderOf(site.from, target);
  if (order === 'ancestor' || order === 'before' || shareLoop(site.from, target)) return undefined;
  const quoted = `'\${${ref.path}}'`;
  switch (order) {
    case 'self':
      // A DO_WHILE reading its own output is the usual way to expose `iteration` to loopCondition.
      if (site.from.type === 'DO_WHILE') return undefined;
      return warningAt(site.pointer, 'REF_SELF', `${quoted}: a task cannot read its own result while its input is being resolved`);
    case 'descendant':
      if (site.from.type === 'DO_WHILE') return undefined;
      return errorAt(site.pointer, 'REF_NOT_YET_RUN', `${quoted}: task '${root}' runs inside this task, after this input is resolved`);
    case 'later':
      return errorAt(site.pointer, 'REF_NOT_YET_RUN', `${quoted}: task '${root}' runs later on this path, so the value is always null here`);
    case 'otherBranch':
      return warningAt(site.pointer, 'REF_OTHER_BRANCH', `${quoted}: task '${root}' is in another case of the same switch and has not run on this path`);
    case 'parallel':
      return warningAt(site.pointer, 'REF_PARALLEL_BRANCH', `${quoted}: task '${root}' runs in a parallel fork branch; read it after the JOIN`);
  }
}

function unknownRef(ref: ExpressionRef, root: string, site: Site): Finding {
  const quoted = `'\${${ref.path}}'`;
  if (/^[A-Z][A-Z0-9_]*$/.test(ref.path)) {
    return warningAt(site.pointer, 'REF_ENV_VARIABLE', `${quoted} is not a task reference: it resolves only if the server has an environment variable or system property '${root}'`);
  }
  const named = site.tree.nodes.find((n) => n.name === root && n.ref !== undefined);
  const hint = named ? ` (a task is *named* '${root}'; expressions use its taskReferenceName '${named.ref ?? ''}')` : '';
  const message = `${quoted}: no task with taskReferenceName '${root}' in this workflow${hint}`;
  const isTopLevel = site.from !== undefined && site.from.ancestors.length === 0;
  if (!isTopLevel && site.tree.hasDynamicFork) {
    return warningAt(site.pointer, 'REF_UNKNOWN', `${message} (unless a dynamic fork creates it at run time)`);
  }
  return errorAt(site.pointer, 'REF_UNKNOWN', message);
}

/** By reference; `ref__2` (a loop iteration) resolves to `ref` inside a DO_WHILE. */
function findTask(tree: TaskTree, root: string): TaskNode | undefined {
  const direct = tree.byRef.get(root)?.[0];
  if (direct) return direct;
  const iteration = /^(.+)__\d+$/.exec(root);
  const base = iteration?.[1] === undefined ? undefined : tree.byRef.get(iteration[1])?.[0];
  return base?.ancestors.some((a) => a.type === 'DO_WHILE') ? base : undefined;
}
