/**
 * All semantic checks of one workflow def, including inline sub-workflow definitions
 * (`subWorkflowParam.workflowDefinition`), which are checked as workflows of their own. Pure.
 */
import type { JsonObject } from '../core/model.js';
import { checkControlFlow } from './check-control-flow.js';
import { checkDependencies, type DefinitionIndex } from './check-dependencies.js';
import { checkSchemaVersion, checkTaskLints } from './check-lints.js';
import { checkReferences } from './check-references.js';
import { checkTasks } from './check-tasks.js';
import type { Finding } from './finding.js';
import { joinPointer } from './pointer.js';
import { buildTaskTree, isObject } from './task-tree.js';

/** Inline definitions may nest; stop at a depth no real definition reaches. */
const MAX_INLINE_DEPTH = 8;

export function checkWorkflow(workflow: JsonObject, base: string, index: DefinitionIndex, depth = 0): Finding[] {
  const tree = buildTaskTree(workflow, base);
  const findings: Finding[] = [
    ...checkSchemaVersion(workflow, base),
    ...checkTasks(tree),
    ...checkControlFlow(tree),
    ...checkReferences(workflow, tree, base),
    ...checkDependencies(workflow, tree, base, index),
    ...checkTaskLints(tree),
  ];
  if (depth >= MAX_INLINE_DEPTH) return findings;
  for (const node of tree.nodes) {
    const param = node.task['subWorkflowParam'];
    const inline = isObject(param) ? param['workflowDefinition'] : undefined;
    if (isObject(inline)) {
      findings.push(...checkWorkflow(inline, joinPointer(node.pointer, 'subWorkflowParam', 'workflowDefinition'), index, depth + 1));
    }
  }
  return findings;
}
