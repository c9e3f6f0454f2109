/**
 * The ajv options and custom keyword of the definition schemas, shared by the build script
 * that precompiles the validators (scripts/build-validators.mjs reads this module from dist)
 * and by the test that checks the precompiled validators against a fresh compile.
 */
import type { KeywordDefinition, Options } from 'ajv';

// verbose: errors carry parentSchema and data, used to word messages (schema-errors.ts).
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true };

/** Annotation: the message to show when an anyOf fails, instead of one error per branch. */
export const MESSAGE_KEYWORD: KeywordDefinition = { keyword: 'x-message', schemaType: 'string' };
