/**
 * Orkes-style auth end to end against the dev server with auth on (dev server only: it
 * needs known credentials). Credentials come from the variables an environment names.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyChanges } from '../../../src/app/apply.js';
import { planChanges } from '../../../src/app/plan.js';
import { ConductorApiError } from '../../../src/errors.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createHarness, createTempRepo, type Harness, type TempRepo } from './app-harness.js';

const credentials = { keyId: 'ci-key', keySecret: 'ci-secret-8f2b' };
let server: TestServer;
let repo: TempRepo;
let harness: Harness;

beforeAll(async () => {
  server = await startTestServer({ forceDevServer: true, auth: credentials });
});
afterAll(async () => server.close());
beforeEach(() => {
  repo = createTempRepo();
  harness = createHarness(repo, server.url);
  repo.writeFile('environments/orkes.yaml', stringify({ server: { url: server.url, type: 'Enterprise' }, auth: { keyIdEnv: 'ORKES_KEY', keySecretEnv: 'ORKES_SECRET' } }));
  repo.writeDefinition('tasks/t.yaml', { name: `auth_${Math.random().toString(36).slice(2, 8)}` });
});
afterEach(() => repo.cleanup());

it('dev server only: mints a token from the key pair and applies with it', async () => {
  const env = { ORKES_KEY: credentials.keyId, ORKES_SECRET: credentials.keySecret };
  const result = await applyChanges(harness.options({ flags: { profile: 'orkes' }, env }));
  expect(result.failed).toEqual([]);
  expect(result.applied).toHaveLength(1);
  const tokenCalls = harness.requests.filter((r) => r.path === '/token');
  expect(tokenCalls).toEqual([{ method: 'POST', path: '/token', status: 200 }]);
  const { plan } = await planChanges(harness.options({ flags: { profile: 'orkes' }, env }));
  expect(plan.changes.every((c) => c.action === 'no-op')).toBe(true);
});

it('dev server only: a wrong secret fails with AUTH_FAILED and never shows the secret', async () => {
  const env = { ORKES_KEY: credentials.keyId, ORKES_SECRET: 'wrong-secret-value' };
  const error = await planChanges(harness.options({ flags: { profile: 'orkes' }, env })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConductorApiError);
  expect((error as ConductorApiError).code).toBe('AUTH_FAILED');
  expect(JSON.stringify({ m: (error as Error).message, h: (error as ConductorApiError).hint, b: (error as ConductorApiError).body })).not.toContain('wrong-secret-value');
});

it('dev server only: without credentials the server refuses with a credentials hint', async () => {
  const error = await planChanges(harness.options()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConductorApiError);
  expect((error as ConductorApiError).status).toBe(401);
  expect((error as ConductorApiError).hint).toMatch(/credentials/);
});
