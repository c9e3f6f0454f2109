import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../src/core/environment.js';
import { parseOverrideKey } from '../../../src/core/environment.js';
import { applyEnvironment, checkNoVariables, isInPruneScope, isSelected } from '../../../src/core/environment-apply.js';
import type { JsonObject, Resource } from '../../../src/core/model.js';

function environment(overrides: Partial<Environment> = {}): Environment {
  return {
    name: 'staging',
    file: 'environments/staging.yaml',
    server: { url: 'https://staging.example.com/api', type: 'Enterprise' },
    auth: {},
    definitions: { paths: { include: [], exclude: [] }, names: { include: [], exclude: [] } },
    variables: {},
    overrides: [],
    versioning: 'bump',
    prune: { include: [], exclude: [] },
    parallelism: 4,
    lines: { '': 1, '/overrides': 10, '/overrides/taskDef~1charge_card': 11, '/overrides/taskDef~1charge_card/name': 12 },
    ...overrides,
  };
}

function taskDef(name: string, body: JsonObject = {}, file = `definitions/tasks/${name}.yaml`): Resource {
  return { key: { kind: 'taskDef', name }, body: { name, retryCount: 1, ...body }, source: { file, line: 1, pointer: '' } };
}

function workflowDef(name: string, version: number, body: JsonObject = {}): Resource {
  return {
    key: { kind: 'workflowDef', name, version },
    body: { name, version, tasks: [], ...body },
    source: { file: `definitions/workflows/${name}.yaml`, line: 3, pointer: '' },
  };
}

function override(target: string, patch: JsonObject) {
  return { ...parseOverrideKey(target)!, patch };
}

describe('applyEnvironment', () => {
  it('returns copies of every definition when the environment selects all and changes nothing', () => {
    const input = [taskDef('a'), workflowDef('flow', 1)];
    const result = applyEnvironment(input, environment());
    expect(result.value).toEqual(input);
    expect(result.value[0]).not.toBe(input[0]);
    expect(result.diagnostics).toEqual([]);
  });

  it('selects by path and name globs, exclude winning over include', () => {
    const env = environment({
      definitions: {
        paths: { include: ['definitions/**'], exclude: ['definitions/experimental/**'] },
        names: { include: ['order_*', 'taskDef/charge_*'], exclude: ['*_legacy'] },
      },
    });
    const input = [
      taskDef('order_validate'),
      taskDef('order_legacy'),
      taskDef('charge_card'),
      workflowDef('charge_flow', 1),
      taskDef('order_new', {}, 'definitions/experimental/order_new.yaml'),
      taskDef('order_elsewhere', {}, 'other/order_elsewhere.yaml'),
    ];
    expect(applyEnvironment(input, env).value.map((r) => r.key.name)).toEqual(['order_validate', 'charge_card']);
  });

  it('matches path globs against paths made relative to baseDir', () => {
    const env = environment({ definitions: { paths: { include: ['definitions/tasks/*'], exclude: [] }, names: { include: [], exclude: [] } } });
    const absolute = taskDef('a', {}, '/repo/definitions/tasks/a.yaml');
    expect(isSelected(absolute, env.definitions)).toBe(false);
    expect(isSelected(absolute, env.definitions, '/repo')).toBe(true);
    expect(isSelected(taskDef('b', {}, './definitions/tasks/b.yaml'), env.definitions)).toBe(true);
  });

  it('substitutes variables and reports undefined ones at the definition file and line', () => {
    const env = environment({ variables: { httpBaseUrl: 'https://api.example.com' } });
    const input = [
      workflowDef('flow', 1, { tasks: [{ name: 'call', taskReferenceName: 'call', type: 'HTTP', inputParameters: { uri: '((httpBaseUrl))/x', token: '((apiToken))' } }] }),
    ];
    const locate = (file: string, pointer: string) => (file.endsWith('flow.yaml') && pointer === '/tasks/0/inputParameters/token' ? 17 : undefined);
    const result = applyEnvironment(input, env, { locate });
    expect((result.value[0]!.body['tasks'] as JsonObject[])[0]!['inputParameters']).toEqual({ uri: 'https://api.example.com/x', token: '((apiToken))' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'VAR_UNDEFINED', file: 'definitions/workflows/flow.yaml', line: 17, pointer: '/tasks/0/inputParameters/token' }),
    ]);
    expect(applyEnvironment(input, env).diagnostics[0]).toMatchObject({ line: 3 });
  });

  it('applies merge-patch overrides by kind/name and kind/name@version, with variables', () => {
    const env = environment({
      variables: { retries: 7 },
      overrides: [
        override('taskDef/charge_card', { retryCount: '((retries))', rateLimitPerFrequency: null }),
        override('workflowDef/flow', { timeoutSeconds: 600 }),
        override('workflowDef/flow@2', { description: 'v2 only' }),
      ],
    });
    const input = [taskDef('charge_card', { rateLimitPerFrequency: 10 }), workflowDef('flow', 1), workflowDef('flow', 2)];
    const result = applyEnvironment(input, env);
    expect(result.diagnostics).toEqual([]);
    expect(result.value[0]!.body).toEqual({ name: 'charge_card', retryCount: 7 });
    expect(result.value[1]!.body).toMatchObject({ timeoutSeconds: 600 });
    expect(result.value[1]!.body['description']).toBeUndefined();
    expect(result.value[2]!.body).toMatchObject({ timeoutSeconds: 600, description: 'v2 only' });
    expect(input[0]!.body['retryCount']).toBe(1);
  });

  it('warns about overrides that match nothing and rejects identity changes, at the environment file line', () => {
    const env = environment({ overrides: [override('taskDef/charge_card', { name: 'other' }), override('taskDef/ghost', { retryCount: 2 })] });
    const result = applyEnvironment([taskDef('charge_card')], env);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'OVERRIDE_IDENTITY', severity: 'error', file: 'environments/staging.yaml', line: 12 }),
      expect.objectContaining({ code: 'OVERRIDE_UNUSED', severity: 'warning', pointer: '/overrides/taskDef~1ghost', line: 10 }),
    ]);
  });

  it('reports an undefined variable in an override once, at the environment file', () => {
    const env = environment({ overrides: [override('taskDef/charge_card', { retryCount: '((nope))' })] });
    const result = applyEnvironment([taskDef('charge_card'), taskDef('charge_card')], env);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'VAR_UNDEFINED', file: 'environments/staging.yaml', pointer: '/overrides/taskDef~1charge_card/retryCount', line: 11 }),
    ]);
  });
});

describe('isInPruneScope', () => {
  it('admits nothing with an empty include, and honours kind/name globs and excludes', () => {
    expect(isInPruneScope({ kind: 'taskDef', name: 'a' }, { include: [], exclude: [] })).toBe(false);
    const scope = { include: ['order_*', 'workflowDef/shipping_*'], exclude: ['order_keep'] };
    expect(isInPruneScope({ kind: 'taskDef', name: 'order_x' }, scope)).toBe(true);
    expect(isInPruneScope({ kind: 'taskDef', name: 'order_keep' }, scope)).toBe(false);
    expect(isInPruneScope({ kind: 'workflowDef', name: 'shipping_flow', version: 1 }, scope)).toBe(true);
    expect(isInPruneScope({ kind: 'taskDef', name: 'shipping_flow' }, scope)).toBe(false);
    const versioned = { include: ['workflowDef/old_flow@1'], exclude: [] };
    expect(isInPruneScope({ kind: 'workflowDef', name: 'old_flow', version: 1 }, versioned)).toBe(true);
    expect(isInPruneScope({ kind: 'workflowDef', name: 'old_flow', version: 2 }, versioned)).toBe(false);
  });
});

describe('checkNoVariables', () => {
  it('flags references left when no environment is selected', () => {
    const diagnostics = checkNoVariables([taskDef('a', { description: 'calls ((httpBaseUrl))' }), taskDef('b', { description: '${x} \\((y))' })]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'VAR_NO_ENVIRONMENT', file: 'definitions/tasks/a.yaml', pointer: '/description' })]);
  });
});

describe('parseOverrideKey', () => {
  it.each([
    ['taskDef/charge_card', { kind: 'taskDef', name: 'charge_card' }],
    ['workflowDef/flow', { kind: 'workflowDef', name: 'flow' }],
    ['workflowDef/flow@12', { kind: 'workflowDef', name: 'flow', version: 12 }],
    ['taskDef/x@1', undefined],
    ['workflowDef/flow@0', undefined],
    ['workflow/flow', undefined],
    ['taskDef/', undefined],
  ])('%s', (key, expected) => {
    const parsed = parseOverrideKey(key);
    expect(parsed === undefined ? undefined : { kind: parsed.kind, name: parsed.name, ...(parsed.version ? { version: parsed.version } : {}) }).toEqual(expected);
  });
});
