import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateInDefinition, locatorFor, readDefinitions } from '../../../src/repo/definitions.js';
import { repoRoot } from '../../helpers/run-cli.js';

const malformed = resolve(repoRoot, 'test/fixtures/malformed');

describe('readDefinitions on the shipped examples', () => {
  it('reads every kind of file layout with sources', async () => {
    const { value, diagnostics } = await readDefinitions(['definitions'], { cwd: repoRoot });
    expect(diagnostics).toEqual([]);
    expect(value.files).toEqual([
      'definitions/tasks/order-fulfillment.yaml',
      'definitions/tasks/password-reset.yaml',
      'definitions/workflows/order_fulfillment.yaml',
      'definitions/workflows/order_fulfillment_failed.yaml',
      'definitions/workflows/password_reset.yaml',
      'definitions/workflows/ship_order.yaml',
    ]);
    const byId = new Map(value.entries.map((e) => [`${e.resource.key.kind}/${e.resource.key.name}@${e.resource.key.version ?? ''}`, e]));
    // An array element: pointer /1, line of its first key.
    expect(byId.get('taskDef/reserve_inventory@')?.resource.source).toEqual({ file: 'definitions/tasks/order-fulfillment.yaml', line: 13, pointer: '/1' });
    // The second document of a YAML stream.
    expect(byId.get('taskDef/generate_reset_token@')?.resource.source).toEqual({ file: 'definitions/tasks/password-reset.yaml', line: 14, pointer: '' });
    // A workflow: version read from the file; positions of any pointer inside it.
    const reset = byId.get('workflowDef/password_reset@1');
    expect(reset && locatorFor(reset)('/tasks/2/taskReferenceName')).toEqual({ line: 26, column: 5 });
    expect(locateInDefinition(value, 'taskDef/check_shipment_status', '/timeoutPolicy')).toEqual({ file: 'definitions/tasks/order-fulfillment.yaml', line: 44, column: 3 });
    expect(locateInDefinition(value, 'workflowDef/password_reset@2', '')).toBeUndefined();
  });
});

describe('readDefinitions: problems are diagnostics', () => {
  const read = (...paths: string[]) => readDefinitions(paths, { cwd: malformed });

  it('accepts a UTF-8 BOM', async () => {
    const { value, diagnostics } = await read('bom.json');
    expect(diagnostics).toEqual([]);
    expect(value.resources.map((r) => r.key)).toEqual([{ kind: 'taskDef', name: 'bom_task' }]);
  });

  it.each([
    ['truncated.json', 'DEF_SYNTAX', 'error', 8],
    ['tabs.yaml', 'DEF_SYNTAX', 'error', 4],
    ['no-name.yaml', 'DEF_NAME_MISSING', 'error', 1],
    ['empty.yaml', 'DEF_EMPTY_FILE', 'warning', 1],
    ['not-object.json', 'DEF_NOT_OBJECT', 'error', 1],
  ])('%s: one %s', async (file, code, severity, line) => {
    const { value, diagnostics } = await read(file);
    expect(diagnostics).toEqual([expect.objectContaining({ code, severity, file, line })]);
    expect(value.resources).toEqual([]);
  });

  it('names both places of a duplicated definition', async () => {
    const { diagnostics } = await read('duplicates');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'DEF_DUPLICATE', file: 'duplicates/second.json', line: 3, pointer: '/1' })]);
    expect(diagnostics[0]?.message).toContain('duplicates/first.yaml:1');
  });

  it('reports a directory without definition files and a missing path', async () => {
    const { diagnostics } = await read('no-definitions', 'nowhere');
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['DEF_NONE_FOUND', 'no-definitions'],
      ['PATH_NOT_FOUND', 'nowhere'],
    ]);
  });

  it('rejects a file that is not a definition file', async () => {
    const { diagnostics } = await read('README.md');
    expect(diagnostics.map((d) => d.code)).toEqual(['DEF_FILE_TYPE']);
  });
});
