/**
 * A Mermaid flowchart (`flowchart TD`) of a changed workflow for the pull-request comment:
 * tasks in order, switch cases and fork branches as branches, inserted tasks marked `added`,
 * changed or moved ones `changed`, removed ones (from the old body) `removed` on a dotted edge.
 */
import { childLists } from '../core/graph.js';
import type { JsonObject } from '../core/model.js';
import { isPlainObject } from '../core/normalize-json.js';
import type { Change } from '../core/plan.js';

interface Chart {
  nodes: string[];
  edges: string[];
  ids: Map<string, string>;
  classes: Map<string, 'added' | 'changed' | 'removed'>;
}

/** The flowchart of a workflow change with both sides and task changes; undefined otherwise. */
export function renderWorkflowFlowchart(change: Change): string | undefined {
  if (change.key.kind !== 'workflowDef' || !change.before || !change.after || !change.taskSummary?.tasks.length) return undefined;
  const chart: Chart = { nodes: ['  start([start])'], edges: [], ids: new Map(), classes: new Map() };
  for (const task of change.taskSummary.tasks) {
    if (task.kind === 'inserted') chart.classes.set(task.ref, 'added');
    else if (task.kind !== 'removed' && !chart.classes.has(task.ref)) chart.classes.set(task.ref, 'changed');
  }
  const exits = emitList(change.after['tasks'], ['start'], undefined, chart);
  chart.nodes.push('  finish([end])');
  for (const exit of exits) chart.edges.push(`  ${exit} --> finish`);
  for (const task of change.taskSummary.tasks) {
    if (task.kind !== 'removed') continue;
    const id = addNode(task.ref, findType(change.before, task.ref), chart);
    chart.classes.set(task.ref, 'removed');
    const anchor = task.position?.after ?? task.position?.parent;
    chart.edges.push(`  ${(anchor !== undefined && chart.ids.get(anchor)) || 'start'} -.-> ${id}`);
  }
  return ['flowchart TD', ...chart.nodes, ...chart.edges, ...classLines(chart)].join('\n');
}

/** Emits a task list after `entries`; returns the ids its last tasks leave from. */
function emitList(list: unknown, entries: string[], label: string | undefined, chart: Chart): string[] {
  if (!Array.isArray(list) || list.length === 0) return entries;
  let current = entries;
  let edgeLabel = label;
  for (const task of list) {
    if (!isPlainObject(task)) continue;
    const ref = String(task['taskReferenceName'] ?? task['name'] ?? '?');
    const id = addNode(ref, String(task['type'] ?? 'SIMPLE'), chart);
    const arrow = edgeLabel !== undefined ? `-->|${escapeLabel(edgeLabel)}|` : '-->';
    for (const entry of current) chart.edges.push(`  ${entry} ${arrow} ${id}`);
    edgeLabel = undefined;
    current = emitChildren(task, id, chart);
  }
  return current;
}

function emitChildren(task: JsonObject, id: string, chart: Chart): string[] {
  const branches = childLists(task).filter(([, list]) => Array.isArray(list) && list.length > 0);
  if (branches.length === 0) return [id];
  const exits = branches.flatMap(([branch, list]) => emitList(list, [id], branch, chart));
  // A switch whose default case is empty also continues straight on.
  const isSwitch = task['type'] === 'SWITCH' || task['type'] === 'DECISION';
  if (isSwitch && !branches.some(([branch]) => branch === 'defaultCase')) exits.push(id);
  return [...new Set(exits)];
}

function addNode(ref: string, type: string, chart: Chart): string {
  const id = `t${chart.ids.size}`;
  chart.ids.set(ref, id);
  chart.nodes.push(`  ${id}["${escapeLabel(ref)}<br/>${escapeLabel(type)}"]`);
  return id;
}

function findType(body: JsonObject, ref: string): string {
  const search = (list: unknown): string | undefined => {
    if (!Array.isArray(list)) return undefined;
    for (const task of list) {
      if (!isPlainObject(task)) continue;
      if (task['taskReferenceName'] === ref) return String(task['type'] ?? 'SIMPLE');
      for (const [, children] of childLists(task)) {
        const found = search(children);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(body['tasks']) ?? 'SIMPLE';
}

function classLines(chart: Chart): string[] {
  const lines = [
    '  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1a7f37',
    '  classDef changed fill:#fff8c5,stroke:#9a6700,color:#9a6700',
    '  classDef removed fill:#ffebe9,stroke:#cf222e,color:#cf222e,stroke-dasharray:4 3',
  ];
  for (const kind of ['added', 'changed', 'removed'] as const) {
    const ids = [...chart.classes].filter(([, cls]) => cls === kind).flatMap(([ref]) => chart.ids.get(ref) ?? []);
    if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${kind}`);
  }
  return lines;
}

/** Mermaid labels: quotes and angle brackets as entities, pipes escaped for edge labels. */
function escapeLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\|/g, '#124;');
}
