/** YAML text of a definition body for display and text diffs: sorted keys, no line folding, no anchors. */
import { stringify } from 'yaml';

export function renderYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });
}
