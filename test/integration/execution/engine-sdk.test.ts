/**
 * Issue 5 item 8: the official TypeScript SDK (@io-orkes/conductor-javascript) runs against
 * our server unmodified — its TaskManager worker runtime runs a three-step workflow to
 * completion, and its WorkflowExecutor starts, searches, pauses, resumes, terminates, retries
 * and restarts executions. Runs against a real Conductor when CONDUCTOR_TEST_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orkesConductorClient, TaskManager, WorkflowExecutor, type ConductorWorker } from '@io-orkes/conductor-javascript';
import { Api, openApi, simple, unique, type Json } from './harness.js';

let api: Api;
let executor: WorkflowExecutor;
let client: Awaited<ReturnType<typeof orkesConductorClient>>;

const silent = { info: () => undefined, error: () => undefined, debug: () => undefined, warn: () => undefined };

beforeAll(async () => {
  api = await openApi();
  client = await orkesConductorClient({ serverUrl: api.server.baseUrl, logger: silent });
  executor = new WorkflowExecutor(client);
});
afterAll(async () => {
  await api.server.close();
});

async function waitForStatus(id: string, status: string, timeoutMs = 15_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const wf = (await executor.getWorkflow(id, true)) as unknown as Json;
    if (wf['status'] === status) return wf;
    if (Date.now() > deadline) throw new Error(`workflow ${id} is ${wf['status']}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('official SDK', () => {
  it('TaskManager workers run a three-step workflow to completion; step 2 token reaches step 3', async () => {
    const [a, b, c] = [unique('sdk_a'), unique('sdk_b'), unique('sdk_c')];
    const name = unique('sdk_three');
    await api.registerTaskDefs({ name: a, retryCount: 0 }, { name: b, retryCount: 0 }, { name: c, retryCount: 0 });
    await api.registerWorkflow({
      name,
      tasks: [
        simple(a, 'step1', { inputParameters: { n: '${workflow.input.n}' } }),
        simple(b, 'step2', { inputParameters: { doubled: '${step1.output.doubled}' } }),
        simple(c, 'step3', { inputParameters: { token: '${step2.output.token}', doubled: '${step1.output.doubled}' } }),
      ],
      outputParameters: { result: '${step3.output.result}' },
    });
    const workers: ConductorWorker[] = [
      { taskDefName: a, execute: async (task) => ({ status: 'COMPLETED', outputData: { doubled: Number(task.inputData?.['n']) * 2 } }) },
      { taskDefName: b, execute: async () => ({ status: 'COMPLETED', outputData: { token: 'tok-123' } }) },
      { taskDefName: c, execute: async (task) => ({ status: 'COMPLETED', outputData: { result: `${String(task.inputData?.['token'])}:${String(task.inputData?.['doubled'])}` } }) },
    ];
    const manager = new TaskManager(client, workers, { logger: silent, options: { pollInterval: 20, concurrency: 2, batchPollingTimeout: 500 } });
    manager.startPolling();
    try {
      const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => executor.startWorkflow({ name, version: 1, input: { n } })));
      for (const [i, id] of ids.entries()) {
        const wf = await waitForStatus(id, 'COMPLETED');
        expect(wf['output']).toEqual({ result: `tok-123:${(i + 1) * 2}` });
        expect(wf['tasks'].map((t: Json) => t['status'])).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
        expect(wf['tasks'][0]['workerId']).toBeTruthy();
      }
    } finally {
      await manager.stopPolling();
    }
  });

  it('WorkflowExecutor starts, searches, pauses, resumes, terminates, retries and restarts', async () => {
    const type = unique('sdk_ops');
    const name = unique('sdk_ops_wf');
    await api.registerTaskDefs({ name: type, retryCount: 0 });
    await api.registerWorkflow({ name, tasks: [simple(type, 'only')] });
    const id = await executor.startWorkflow({ name, version: 1, input: { k: 'v' }, correlationId: 'sdk-corr' });
    expect(typeof id).toBe('string');

    const found = await executor.search(0, 10, `workflowType IN (${name}) AND status IN (RUNNING)`, '*', 'startTime:DESC');
    expect(found.results?.map((r) => r.workflowId)).toEqual([id]);

    await executor.pause(id);
    expect((await executor.getWorkflow(id, false)).status).toBe('PAUSED');
    await executor.resume(id);
    expect((await executor.getWorkflow(id, false)).status).toBe('RUNNING');

    await executor.terminate(id, 'sdk says stop');
    const terminated = await executor.getWorkflow(id, true);
    expect(terminated).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'sdk says stop' });

    await executor.retry(id, false);
    let wf = (await executor.getWorkflow(id, true)) as unknown as Json;
    expect(wf['status']).toBe('RUNNING');
    expect(wf['tasks'].map((t: Json) => t['status'])).toEqual(['CANCELED', 'SCHEDULED']);

    await api.work(type, 'COMPLETED');
    await waitForStatus(id, 'COMPLETED');
    await executor.restart(id, false);
    wf = (await executor.getWorkflow(id, true)) as unknown as Json;
    expect(wf['status']).toBe('RUNNING');
    expect(wf['tasks']).toHaveLength(1);

    const status = await executor.getWorkflowStatus(id, true, true);
    expect(status.status).toBe('RUNNING');
    await executor.terminate(id, 'done');
  });
});
