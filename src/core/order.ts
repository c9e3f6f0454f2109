/**
 * Apply order. Creates and updates first, in dependency order: task defs before the workflows
 * that use them (tasks by name, at any depth), sub-workflows (SUB_WORKFLOW, START_WORKFLOW,
 * failureWorkflow) before their parents, a pinned version before the parent that pins it.
 * Deletes last, in reverse dependency order (parents before what they use). Each level holds
 * changes that can run concurrently. No-ops are not ordered: there is nothing to run.
 */
import { collectDependencies } from './graph.js';
import { keyId, type ResourceKey } from './model.js';
import { compareCodePoints } from './normalize-json.js';
import type { Change } from './plan-types.js';

export interface ChangeOrder {
  /** Levels to run one after another; the changes inside a level are independent. */
  levels: Change[][];
  /** Dependency cycles, each as key ids with the first repeated at the end. Their changes are left out of `levels`. */
  cycles: string[][];
}

/** Order the non-no-op changes for apply (see the module comment). Pure and deterministic. */
export function orderChanges(changes: readonly Change[]): ChangeOrder {
  const { levels, cycles } = computeOrder(changes);
  return { levels: levels.map((level) => [...level]), cycles: cycles.map((cycle) => [...cycle]) };
}

/** orderChanges plus, per ordered change, the changes that must be done before it. */
export interface ApplyOrder extends ChangeOrder {
  /** Writes: what the change uses; deletes: the deletes of what uses it. In plan order. */
  prerequisites: ReadonlyMap<Change, readonly Change[]>;
}

/** orderChanges with the prerequisites it found, for apply (skipping what a failure blocks). */
export function orderChangesForApply(changes: readonly Change[]): ApplyOrder {
  const { levels, cycles, prerequisites } = computeOrder(changes);
  return { levels: levels.map((level) => [...level]), cycles: cycles.map((cycle) => [...cycle]), prerequisites };
}

/**
 * The plan orders its changes to find cycles, and apply orders the same Change objects again:
 * the last results are kept per first ordered change and reused when every ordered change is
 * the same object in the same place (Change objects are not modified after planning).
 */
const computed = new WeakMap<Change, { ordered: Change[]; order: ApplyOrder }>();

function computeOrder(changes: readonly Change[]): ApplyOrder {
  const ordered = changes.filter((change) => change.action !== 'no-op');
  const first = ordered[0];
  const cached = first ? computed.get(first) : undefined;
  if (cached && cached.ordered.length === ordered.length && cached.ordered.every((change, i) => change === ordered[i])) return cached.order;
  const order = computeOrderOnce(ordered);
  if (first) computed.set(first, { ordered, order });
  return order;
}

function computeOrderOnce(changes: readonly Change[]): ApplyOrder {
  const writes = changes.filter((change) => change.action === 'create' || change.action === 'update');
  const deletes = changes.filter((change) => change.action === 'delete');
  const writeIndex = indexPool(writes);
  const writeOrder = orderGroup(writes, (change) => findDependencies(change, writes, writeIndex));
  // A delete must wait for the deletes of everything that uses it (the reverse of a write).
  const usersOf = new Map<Change, Change[]>(deletes.map((change) => [change, []]));
  const deleteIndex = indexPool(deletes);
  for (const change of deletes) for (const used of findDependencies(change, deletes, deleteIndex)) usersOf.get(used)!.push(change);
  const deleteOrder = orderGroup(deletes, (change) => usersOf.get(change) ?? []);
  const prerequisites = new Map<Change, Change[]>();
  for (const [change, needed] of [...writeOrder.prerequisites, ...deleteOrder.prerequisites]) prerequisites.set(change, [...needed]);
  return { levels: [...writeOrder.levels, ...deleteOrder.levels], cycles: [...writeOrder.cycles, ...deleteOrder.cycles], prerequisites };
}

/**
 * The changes in `pool` that `change` needs first: task defs its tasks name, and other
 * workflows it references (by name; by name and version when pinned). References to its own
 * name (recursion) are ignored.
 */
export function findDependencies(change: Change, pool: readonly Change[], index: PoolIndex = indexPool(pool)): Change[] {
  const body = change.action === 'delete' ? change.before : change.after;
  if (change.key.kind !== 'workflowDef' || !body) return [];
  const dependencies = collectDependencies(body);
  const taskNames = dependencies.taskNames;
  const references = dependencies.references.filter((ref) => ref.name !== change.key.name);
  // Candidates by name from the index, then the same test as a scan of the pool, in pool order.
  const candidates = new Set<Change>();
  for (const name of taskNames) for (const other of index.taskDefs.get(name) ?? []) candidates.add(other);
  for (const ref of references) for (const other of index.workflows.get(ref.name) ?? []) candidates.add(other);
  candidates.delete(change);
  const found = [...candidates].filter((other) => {
    if (other.key.kind === 'taskDef') return taskNames.has(other.key.name);
    return references.some((ref) => ref.name === other.key.name && (ref.version === undefined || ref.version === other.key.version));
  });
  return found.sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

/** A pool of changes by kind and name, and each change's place in it. */
export interface PoolIndex {
  taskDefs: Map<string, Change[]>;
  workflows: Map<string, Change[]>;
  position: Map<Change, number>;
}

export function indexPool(pool: readonly Change[]): PoolIndex {
  const index: PoolIndex = { taskDefs: new Map(), workflows: new Map(), position: new Map() };
  pool.forEach((change, position) => {
    const byName = change.key.kind === 'taskDef' ? index.taskDefs : index.workflows;
    const list = byName.get(change.key.name);
    if (list) list.push(change);
    else byName.set(change.key.name, [change]);
    index.position.set(change, position);
  });
  return index;
}

/** Sort order of changes and keys: task defs first, then by name, then version. */
export function compareKeys(a: ResourceKey, b: ResourceKey): number {
  const kindRank = (key: ResourceKey) => (key.kind === 'taskDef' ? 0 : 1);
  return kindRank(a) - kindRank(b) || compareCodePoints(a.name, b.name) || (a.version ?? 1) - (b.version ?? 1);
}

export function compareChanges(a: Change, b: Change): number {
  return compareKeys(a.key, b.key);
}

/** Kahn's algorithm in levels; what is left over sits on or behind a cycle. */
function orderGroup(nodes: Change[], prerequisitesOf: (change: Change) => Change[]): ChangeOrder & { prerequisites: Map<Change, Set<Change>> } {
  const prerequisites = new Map(nodes.map((node) => [node, new Set(prerequisitesOf(node))]));
  // Each node waits for its prerequisites to be done; finishing a level releases their users.
  const position = new Map(nodes.map((node, index) => [node, index]));
  const waiting = new Map<Change, number>();
  const usersOf = new Map<Change, Change[]>();
  let ready: Change[] = [];
  for (const node of nodes) {
    const needed = prerequisites.get(node)!;
    waiting.set(node, needed.size);
    for (const prerequisite of needed) {
      const users = usersOf.get(prerequisite);
      if (users) users.push(node);
      else usersOf.set(prerequisite, [node]);
    }
    if (needed.size === 0) ready.push(node);
  }
  const done = new Set<Change>();
  const levels: Change[][] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => compareChanges(a, b) || position.get(a)! - position.get(b)!);
    levels.push(ready);
    for (const node of ready) done.add(node);
    const next: Change[] = [];
    for (const node of ready) {
      for (const user of usersOf.get(node) ?? []) {
        const count = waiting.get(user)! - 1;
        waiting.set(user, count);
        if (count === 0) next.push(user);
      }
    }
    ready = next;
  }
  const left = nodes.filter((node) => !done.has(node)).sort(compareChanges);
  return { levels, cycles: findCycles(left, prerequisites), prerequisites };
}

/** One cycle per group of left-over changes, found by depth-first search. */
function findCycles(left: Change[], prerequisites: Map<Change, Set<Change>>): string[][] {
  const cycles: string[][] = [];
  const finished = new Set<Change>();
  const visit = (node: Change, stack: Change[]): void => {
    if (finished.has(node)) return;
    const at = stack.indexOf(node);
    if (at >= 0) {
      cycles.push([...stack.slice(at), node].map((change) => keyId(change.key)));
      return;
    }
    const next = [...prerequisites.get(node)!].filter((p) => left.includes(p)).sort(compareChanges);
    for (const prerequisite of next) visit(prerequisite, [...stack, node]);
    finished.add(node);
  };
  for (const node of left) visit(node, []);
  return cycles;
}
