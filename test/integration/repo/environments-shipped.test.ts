/**
 * The shipped environments against the shipped example definitions: every environment
 * applies without errors or unused overrides, so a renamed definition or a variable missing
 * from an environment shows up here. Coordination point with definitions/ (see
 * environments/README.md "Variables every environment here defines").
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEnvironment } from '../../../src/core/environment-apply.js';
import { listEnvironmentNames, readEnvironment } from '../../../src/repo/environments.js';
import { readDefinitions } from '../../../src/repo/definitions.js';

const root = resolve(import.meta.dirname, '../../..');

describe('shipped environments × shipped definitions', async () => {
  const definitions = await readDefinitions(['definitions'], { cwd: root });
  const names = await listEnvironmentNames(root);

  it('has definitions to apply to', () => {
    expect(definitions.value.resources.length).toBeGreaterThan(0);
  });

  it.each(names)('%s applies cleanly', async (name) => {
    const environment = (await readEnvironment(root, name))?.value;
    expect(environment).toBeDefined();
    const result = applyEnvironment(definitions.value.resources, environment!);
    expect(result.diagnostics).toEqual([]);
    expect(result.value.length).toBeGreaterThan(0);
  });

  it('production raises reserve_inventory retries above the repo value', async () => {
    const production = (await readEnvironment(root, 'production'))!.value!;
    const repoValue = definitions.value.resources.find((r) => r.key.kind === 'taskDef' && r.key.name === 'reserve_inventory')?.body['retryCount'];
    const applied = applyEnvironment(definitions.value.resources, production).value;
    const prodValue = applied.find((r) => r.key.kind === 'taskDef' && r.key.name === 'reserve_inventory')?.body['retryCount'];
    expect(typeof repoValue).toBe('number');
    expect(prodValue).toBeGreaterThan(repoValue as number);
  });
});
