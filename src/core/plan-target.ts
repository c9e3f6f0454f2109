/**
 * `--target kind/name[@version]`: narrow a plan to the targeted changes and the changes they
 * need (what a create/update uses; for a delete, the deletes of what uses it). A targeted plan
 * is partial by design, so it always carries a warning.
 */
import type { Diagnostic } from './diagnostics.js';
import { findDependencies } from './order.js';
import { matchesTarget, parseTarget, type Target } from './plan-scope.js';
import type { Change } from './plan-types.js';

export function selectTargets(changes: readonly Change[], targets: readonly string[], diagnostics: Diagnostic[]): Change[] {
  const parsed: Target[] = [];
  for (const text of targets) {
    const target = parseTarget(text);
    if (target) parsed.push(target);
    else diagnostics.push({ severity: 'error', code: 'TARGET_INVALID', message: `Invalid target "${text}": expected taskDef/<name>, workflowDef/<name> or workflowDef/<name>@<version>.` });
  }
  const selected = new Set<Change>();
  parsed.forEach((target, i) => {
    const matched = changes.filter((change) => matchesTarget(target, change.key));
    if (matched.length === 0) diagnostics.push({ severity: 'warning', code: 'TARGET_UNMATCHED', message: `Target "${targets[i]}" matches nothing in the plan.` });
    for (const change of matched) selected.add(change);
  });
  addPrerequisites(selected, changes);
  diagnostics.push({
    severity: 'warning',
    code: 'TARGETED_PLAN',
    message: `The plan is limited to ${targets.join(', ')} and what they depend on; other changes are left out, so the server may still differ from the repo.`,
  });
  return changes.filter((change) => selected.has(change));
}

function addPrerequisites(selected: Set<Change>, changes: readonly Change[]): void {
  const writes = changes.filter((change) => change.action === 'create' || change.action === 'update');
  const deletes = changes.filter((change) => change.action === 'delete');
  const queue = [...selected];
  while (queue.length > 0) {
    const change = queue.pop()!;
    const needed =
      change.action === 'delete'
        ? deletes.filter((other) => findDependencies(other, deletes).includes(change))
        : change.action === 'no-op'
          ? []
          : findDependencies(change, writes);
    for (const other of needed) {
      if (selected.has(other)) continue;
      selected.add(other);
      queue.push(other);
    }
  }
}
