/**
 * YAML text of a definition body for display and text diffs: no line folding, no anchors,
 * and a stable key order that reads the way people write definitions — identity first
 * (name, taskReferenceName, type, version, description), then the rest alphabetically.
 */
import { stringify, type Pair } from 'yaml';

const LEADING_KEYS = ['name', 'taskReferenceName', 'type', 'version', 'description'];

function rank(key: string): number {
  const index = LEADING_KEYS.indexOf(key);
  return index === -1 ? LEADING_KEYS.length : index;
}

function compareEntries(a: Pair, b: Pair): number {
  const left = String(a.key);
  const right = String(b.key);
  return rank(left) - rank(right) || (left < right ? -1 : left > right ? 1 : 0);
}

export function renderYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: compareEntries, lineWidth: 0, aliasDuplicateObjects: false });
}
