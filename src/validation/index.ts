/** Public surface of the validation layer. */
export { validateDefinitions, type ValidateDefinitionsOptions } from './validate-definitions.js';
export type { Locator, ServerKnowledge, SourcePosition, ValidationTarget } from './types.js';
export { escapePointerToken, joinPointer, parentPointer } from './pointer.js';
export { KNOWN_TASK_TYPES } from './check-tasks.js';
