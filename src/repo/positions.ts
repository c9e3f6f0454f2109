/**
 * Position maps: JSON pointer → line:column inside a file, built from the yaml AST (which
 * serves JSON too: JSON is YAML 1.2 flow). Diagnostics and the planner use these to point
 * at `file:line:column` instead of a bare pointer.
 */
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { joinPointer, parentPointer } from '../validation/pointer.js';
import type { SourcePosition } from '../validation/types.js';

/** 1-based line and column. */
export type Position = SourcePosition;

/** Maps a JSON pointer inside one document to a position. */
export interface PositionLookup {
  /** The position of `pointer`, or of its nearest ancestor that exists in the file. */
  locate(pointer: string): Position | undefined;
}

/**
 * Builds the lookup for one parsed document. Members of a mapping are located at their key
 * (`"name": …` is where a reader looks), array elements at the element's first character.
 */
export function buildPositionLookup(root: Node | null | undefined, lineCounter: LineCounter): PositionLookup {
  const positions = new Map<string, Position>();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const visit = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const child = joinPointer(pointer, String(key));
        const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
        if (keyRange) positions.set(child, at(keyRange[0]));
        visit(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = joinPointer(pointer, index);
        const range = (item as Node | null)?.range;
        if (range) positions.set(child, at(range[0]));
        visit(item, child);
      });
    }
  };
  if (root?.range) positions.set('', at(root.range[0]));
  visit(root, '');
  return {
    locate(pointer: string): Position | undefined {
      for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) {
        const found = positions.get(p);
        if (found) return found;
      }
      return undefined;
    },
  };
}
