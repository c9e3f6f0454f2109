/**
 * The validators precompiled at build time (scripts/build-validators.mjs) must behave as a
 * fresh ajv compile of the current schemas with the same options: same verdict, same errors.
 * A failure here means the schemas changed without `npm run build`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import taskDefSchema from '../../../schemas/task-def.schema.json' with { type: 'json' };
import workflowDefSchema from '../../../schemas/workflow-def.schema.json' with { type: 'json' };
import { parseDefinitionText, formatOf } from '../../../src/repo/parse-file.js';
import { taskDef, workflowDef } from '../../../src/validation/generated/validators.js';
import { AJV_OPTIONS, MESSAGE_KEYWORD } from '../../../src/validation/schema-options.js';

const repoRoot = resolve(import.meta.dirname, '../../..');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : formatOf(name) ? [path] : [];
  });
}

/** Every definition body of the repo and the corpus, plus broken variants of each. */
function bodies(): unknown[] {
  const files = [...listFiles(join(repoRoot, 'definitions')), ...listFiles(join(repoRoot, 'test/fixtures')), ...listFiles(resolve(repoRoot, '../shared/corpus'))];
  const out: unknown[] = [];
  for (const file of files) {
    const parsed = parseDefinitionText(readFileSync(file, 'utf8'), { file, format: formatOf(file)! });
    for (const document of parsed.value) out.push(...(Array.isArray(document.value) ? document.value : [document.value]));
  }
  const broken = out.flatMap((body) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
    const record = body as Record<string, unknown>;
    const tasks = Array.isArray(record['tasks']) ? (record['tasks'] as unknown[]) : [];
    return [
      { ...record, name: 42 },
      { ...record, tasks: 'nope', retryCount: 'x', timeoutPolicy: 'SOMETIMES' },
      { ...record, tasks: tasks.map((task) => (typeof task === 'object' && task !== null ? { ...task, type: 7, taskReferenceName: null, inputParameters: [] } : task)) },
    ];
  });
  return [...out, ...broken, null, 'text', [], {}];
}

describe('precompiled schema validators', () => {
  const ajv = new Ajv2020(AJV_OPTIONS);
  ajv.addKeyword(MESSAGE_KEYWORD);
  ajv.addSchema(taskDefSchema);
  const fresh = { taskDef: ajv.compile(taskDefSchema), workflowDef: ajv.compile(workflowDefSchema) };
  const all = bodies();

  it.each([
    ['taskDef', taskDef, fresh.taskDef],
    ['workflowDef', workflowDef, fresh.workflowDef],
  ] as const)('%s: same verdict and errors as a fresh compile of the schema', (_kind, generated, compiled) => {
    expect(all.length).toBeGreaterThan(100);
    let invalid = 0;
    for (const body of all) {
      const verdict = compiled(body);
      expect(generated(body)).toBe(verdict);
      if (!verdict) {
        invalid++;
        expect(generated.errors).toEqual(compiled.errors);
      }
    }
    expect(invalid).toBeGreaterThan(10);
  });
});
