/**
 * Compatibility with the official TypeScript SDK, @io-orkes/conductor-javascript v4: its
 * MetadataClient registers and reads task and workflow defs through our server. Runs against
 * CONDUCTOR_TEST_URL instead when set. The SDK reads CONDUCTOR_SERVER_URL/AUTH_* from the
 * environment before its config, so the test clears them while it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataClient, orkesConductorClient } from '@io-orkes/conductor-javascript';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { uniqueName } from './api-client.js';

const SDK_ENV = ['CONDUCTOR_SERVER_URL', 'CONDUCTOR_AUTH_KEY', 'CONDUCTOR_AUTH_SECRET'] as const;
const saved: Record<string, string | undefined> = {};
let server: TestServer;

beforeAll(async () => {
  for (const name of SDK_ENV) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  for (const name of SDK_ENV) if (saved[name] !== undefined) process.env[name] = saved[name];
});

describe('official SDK MetadataClient', () => {
  it('registers, reads back, updates and deletes task defs', async () => {
    const client = await orkesConductorClient({ serverUrl: server.url });
    const metadata = new MetadataClient(client);
    const name = uniqueName('sdk_task');
    await metadata.registerTask({ name, retryCount: 2, timeoutSeconds: 60, responseTimeoutSeconds: 30, ownerEmail: 'dev@example.com' } as never);
    const read = await metadata.getTask(name);
    expect(read).toMatchObject({ name, retryCount: 2, timeoutSeconds: 60, responseTimeoutSeconds: 30, retryLogic: 'FIXED' });
    await metadata.updateTask({ ...read, description: 'updated' } as never);
    expect((await metadata.getTask(name))?.description).toBe('updated');
    expect((await metadata.getAllTaskDefs())?.some((d) => d.name === name)).toBe(true);
    await metadata.unregisterTask(name);
    await expect(metadata.getTask(name)).rejects.toThrow(`No such taskType found by name: ${name}`);
  });

  it('registers workflow defs (409 without overwrite), reads them back and deletes a version', async () => {
    const client = await orkesConductorClient({ serverUrl: server.url });
    const metadata = new MetadataClient(client);
    const name = uniqueName('sdk_wf');
    const def = {
      name,
      version: 1,
      tasks: [{ name: 'step', taskReferenceName: 'step', type: 'SIMPLE' }],
      timeoutSeconds: 0,
    };
    await metadata.registerWorkflowDef(def as never);
    // The SDK surfaces the server's 409 message (MetadataResource.create, ConflictException).
    await expect(metadata.registerWorkflowDef(def as never)).rejects.toThrow(`Workflow with ${name}.1 already exists!`);
    await metadata.registerWorkflowDef({ ...def, description: 'v1 again' } as never, true);
    await metadata.registerWorkflowDef({ ...def, version: 2 } as never);
    const latest = await metadata.getWorkflowDef(name);
    expect(latest).toMatchObject({ name, version: 2, schemaVersion: 2, restartable: true });
    expect((await metadata.getWorkflowDef(name, 1))?.description).toBe('v1 again');
    const all = await metadata.getAllWorkflowDefs();
    expect(all?.filter((d) => d.name === name).map((d) => d.version)).toEqual([1, 2]);
    await metadata.unregisterWorkflow(name, 2);
    expect((await metadata.getWorkflowDef(name))?.version).toBe(1);
  });

  it('with keys against an OSS-mode server, the SDK probes /api/token, gets 404 and runs without auth (dev server only)', async (ctx) => {
    if (!server.isDevServer) ctx.skip();
    const client = await orkesConductorClient({ serverUrl: server.url, keyId: 'k', keySecret: 's' });
    const metadata = new MetadataClient(client);
    const name = uniqueName('sdk_oss');
    await metadata.registerTask({ name } as never);
    expect((await metadata.getTask(name))?.name).toBe(name);
  });

  it('against an auth server, the SDK mints a token and its calls pass (dev server only)', async (ctx) => {
    if (!server.isDevServer) ctx.skip();
    const secured = await startTestServer({ forceDevServer: true, auth: { keyId: 'sdk-key', keySecret: 'sdk-secret' } });
    const client = await orkesConductorClient({ serverUrl: secured.url, keyId: 'sdk-key', keySecret: 'sdk-secret' });
    try {
      const metadata = new MetadataClient(client);
      const name = uniqueName('sdk_auth');
      await metadata.registerTask({ name } as never);
      expect((await metadata.getTask(name))?.name).toBe(name);
    } finally {
      client.stopBackgroundRefresh();
      await secured.close();
    }
  });
});
