/**
 * Input and option types of the validation layer. Validation is pure: it receives parsed
 * definitions plus a way to turn a JSON pointer into a position, never files.
 */
import type { JsonObject, ResourceKind } from '../core/model.js';

/** 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Maps a JSON pointer (inside the definition's document) to a position in its file. */
export type Locator = (pointer: string) => SourcePosition | undefined;

/** One definition to validate, with where it lives. */
export interface ValidationTarget {
  kind: ResourceKind;
  body: JsonObject;
  /** File path as shown to the user (relative to the working directory). */
  file?: string;
  /** Pointer of the definition inside its document ('' = the whole document). */
  pointer: string;
  locate?: Locator;
}

/**
 * What the target server already holds, when it is known (`validate --profile`). Without it,
 * references to definitions missing from the repo are warnings; with it, they are errors
 * when the server lacks them too.
 */
export interface ServerKnowledge {
  taskDefNames: ReadonlySet<string>;
  /** Workflow name → versions present on the server. */
  workflows: ReadonlyMap<string, readonly number[]>;
}
