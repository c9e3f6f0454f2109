// Types of validators.js, which scripts/build-validators.mjs generates (npm run build) from
// schemas/*.schema.json with the options of ../schema-options.ts.
import type { ValidateFunction } from 'ajv';

export declare const taskDef: ValidateFunction;
export declare const workflowDef: ValidateFunction;
