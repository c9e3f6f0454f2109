/**
 * The planner's normalize (src/core) and the server agree: every definition of the shared
 * corpus (../shared/corpus, 364 files of real-world definitions) is registered over HTTP, read
 * back, and `normalize(original)` must deep-equal `normalize(readBack)`. A difference is a
 * spurious diff that `plan` would show right after `apply` (issue 4, "Normalization").
 *
 * Registration uses the routes `apply` uses: `POST /metadata/taskdefs [def]` and
 * `PUT /metadata/workflow [def]`; the read back is `GET /metadata/taskdefs/{name}` and
 * `GET /metadata/workflow/{name}?version=`. Definitions the server refuses (it runs
 * Conductor's registration checks) are listed by name, with the reason. The corpus holds different
 * definitions under the same name+version, so each is read back right after its own write.
 * Against a real Conductor (CONDUCTOR_TEST_URL) the same expectation holds.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { expect, it } from 'vitest';
import { inferKind, type JsonObject } from '../../../src/core/model.js';
import { normalize } from '../../../src/core/normalize.js';
import { corpusDir, listCorpusFiles, readCorpusDefinitions } from '../../helpers/corpus.js';
import { useTestServerApi } from './api-client.js';

const { api } = useTestServerApi();

/** Registers one definition and reads it back; a string is the server's refusal. */
async function registerAndReadBack(body: JsonObject): Promise<JsonObject | string> {
  const name = encodeURIComponent(String(body['name']));
  if (inferKind(body) === 'taskDef') {
    const put = await api('POST', '/metadata/taskdefs', { body: [body] });
    if (put.status !== 200) return `${put.status} ${put.text.slice(0, 200)}`;
    return (await api('GET', `/metadata/taskdefs/${name}`)).json();
  }
  const put = await api('PUT', '/metadata/workflow', { body: [body] });
  if (put.status !== 200) return `${put.status} ${put.text.slice(0, 200)}`;
  const version = typeof body['version'] === 'number' ? body['version'] : 1;
  return (await api('GET', `/metadata/workflow/${name}?version=${version}`)).json();
}

it('normalize(original) equals normalize(read back) for every corpus definition', { timeout: 120_000 }, async () => {
  expect(existsSync(corpusDir), `corpus missing at ${corpusDir}`).toBe(true);
  const mismatches: { file: string; name: unknown; original: JsonObject; readBack: JsonObject }[] = [];
  const refused: string[] = [];
  let compared = 0;
  for (const file of listCorpusFiles()) {
    for (const body of readCorpusDefinitions(file)) {
      const kind = inferKind(body);
      const readBack = await registerAndReadBack(body);
      if (typeof readBack === 'string') {
        refused.push(`${relative(corpusDir, file)}: ${readBack}`);
        continue;
      }
      compared += 1;
      const original = normalize(kind, body);
      const served = normalize(kind, readBack);
      if (JSON.stringify(original) !== JSON.stringify(served)) {
        mismatches.push({ file: relative(corpusDir, file), name: body['name'], original, readBack: served });
      }
    }
  }
  expect(compared).toBeGreaterThan(300);
  // The corpus is real-world input that Conductor accepts; one file is truly invalid:
  // kitchensink/wf1.json has schemaVersion 1 (WorkflowDef.java: @Min(2) @Max(2)).
  expect(refused.map((line) => line.slice(0, line.indexOf(':'))), refused.join('\n')).toEqual(['conductor-oss__conductor/rest/src/main/resources/kitchensink/wf1.json']);
  // Show the first disagreement as a structural diff, and count all of them.
  expect(mismatches[0]?.readBack, mismatches[0]?.file).toEqual(mismatches[0]?.original);
  expect(mismatches.map((m) => `${m.file} ${String(m.name)}`)).toEqual([]);
});

/** Shapes the corpus exercises rarely or not at all; each was a spurious diff once. */
const edgeCases: Record<string, JsonObject> = {
  'task def with schemas (SchemaDef extends Auditable)': {
    name: 'rt_schema_task',
    inputSchema: { name: 'in', type: 'JSON', data: { type: 'object' } },
    outputSchema: { name: 'out', type: 'JSON', version: 2 },
  },
  'task def with nulls for primitives and boxed fields': {
    name: 'rt_null_task',
    retryCount: null,
    taskStatusListenerEnabled: null,
    backoffScaleFactor: null,
    rateLimitPerFrequency: null,
    description: null,
  },
  'task def with unknown properties': { name: 'rt_unknown_task', tags: [{ key: 'a', value: 'b' }], accessPolicy: {} },
  'workflow with cacheConfig, rateLimitConfig, unknown and null fields': {
    name: 'rt_wf_configs',
    enforceSchema: null,
    description: null,
    cacheConfig: { key: 'k' },
    rateLimitConfig: { rateLimitKey: 'r' },
    onStateChange: {},
    tasks: [{ name: 'a', taskReferenceName: 'a_ref', cacheConfig: { key: 't' }, callbackFromWorker: true, asyncComplete: null, metadata: null }],
  },
  'workflow with an inline sub-workflow without a version': {
    name: 'rt_wf_inline',
    tasks: [
      {
        name: 'child',
        taskReferenceName: 'child_ref',
        type: 'SUB_WORKFLOW',
        subWorkflowParam: { name: 'child', workflowDefinition: { name: 'child', tasks: [{ name: 'c', taskReferenceName: 'c_ref', bogus: 1 }] } },
      },
    ],
  },
  'workflow with EXCLUSIVE_JOIN defaultExclusiveJoinTask and onStateChange events': {
    name: 'rt_wf_xjoin',
    tasks: [
      { name: 'a', taskReferenceName: 'a_ref', onStateChange: { onStart: [{ type: 'e', payload: { x: 1 }, extra: true }] } },
      { name: 'xj', taskReferenceName: 'xj_ref', type: 'EXCLUSIVE_JOIN', joinOn: ['a_ref'], defaultExclusiveJoinTask: ['a_ref'] },
    ],
  },
};

for (const [title, body] of Object.entries(edgeCases)) {
  it(`normalize(original) equals normalize(read back): ${title}`, async () => {
    const readBack = await registerAndReadBack(body);
    expect(typeof readBack, String(readBack)).toBe('object');
    const kind = inferKind(body);
    expect(normalize(kind, readBack as JsonObject)).toEqual(normalize(kind, body));
  });
}
