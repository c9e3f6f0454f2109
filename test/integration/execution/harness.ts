/**
 * Test harness for execution integration tests: a small HTTP client over the dev server (or a
 * real Conductor when CONDUCTOR_TEST_URL is set), builders for uniquely named definitions (so
 * runs against a shared server never collide) and helpers to poll/complete tasks.
 */
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Reply {
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  contentType: string | null;
}

export class Api {
  constructor(readonly server: TestServer) {}

  async call(method: string, path: string, body?: unknown, rawText?: string): Promise<Reply> {
    const init: RequestInit = { method, headers: {} };
    if (rawText !== undefined) {
      init.body = rawText;
      (init.headers as Record<string, string>)['content-type'] = 'text/plain';
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.server.url}${path}`, init);
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, text, body: parsed, contentType: res.headers.get('content-type') };
  }

  get(path: string): Promise<Reply> {
    return this.call('GET', path);
  }
  post(path: string, body?: unknown): Promise<Reply> {
    return this.call('POST', path, body);
  }
  put(path: string, body?: unknown): Promise<Reply> {
    return this.call('PUT', path, body);
  }
  delete(path: string, body?: unknown): Promise<Reply> {
    return this.call('DELETE', path, body);
  }

  async ok(method: string, path: string, body?: unknown): Promise<Reply> {
    const reply = await this.call(method, path, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status}: ${reply.text}`);
    return reply;
  }

  async registerTaskDefs(...defs: Json[]): Promise<void> {
    await this.ok('POST', '/metadata/taskdefs', defs.map((d) => ({ ownerEmail: 'test@example.com', ...d })));
  }

  /** Registers (or replaces) a workflow def. */
  async registerWorkflow(def: Json): Promise<void> {
    await this.ok('PUT', '/metadata/workflow', [{ ownerEmail: 'test@example.com', schemaVersion: 2, version: 1, ...def }]);
  }

  async start(name: string, input: Json = {}, query = ''): Promise<string> {
    const reply = await this.ok('POST', `/workflow/${name}${query}`, input);
    return reply.text;
  }

  async workflow(id: string): Promise<Json> {
    return (await this.ok('GET', `/workflow/${id}`)).body as Json;
  }

  async pollOne(taskType: string, workerId = 'test-worker'): Promise<Json | undefined> {
    const reply = await this.ok('GET', `/tasks/poll/batch/${taskType}?count=1&timeout=1000&workerid=${workerId}`);
    return (reply.body as Json[])[0];
  }

  /** Polls `taskType` and posts `status` with `output`; returns the polled task. */
  async work(taskType: string, status: string, outputData: Json = {}, extra: Json = {}): Promise<Json> {
    const task = await this.pollOne(taskType);
    if (!task) throw new Error(`no ${taskType} task to poll`);
    await this.ok('POST', '/tasks', { workflowInstanceId: task['workflowInstanceId'], taskId: task['taskId'], status, outputData, workerId: 'test-worker', ...extra });
    return task;
  }

  /** Waits until the server has seen a poll of `taskType` by `workerId` (poll data), instead of sleeping. */
  async pollerArrived(taskType: string, workerId: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = (await this.get(`/tasks/queue/polldata?taskType=${taskType}`)).body as Json[] | undefined;
      if (rows?.some((r) => r['workerId'] === workerId)) return;
      if (Date.now() > deadline) throw new Error(`no poll of ${taskType} by ${workerId} reached the server`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits until `check(workflow)` holds (sweeper-driven changes). */
  async until(id: string, check: (wf: Json) => boolean, timeoutMs = 10_000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const wf = await this.workflow(id);
      if (check(wf)) return wf;
      if (Date.now() > deadline) throw new Error(`condition not reached for ${id}: ${JSON.stringify({ status: wf['status'], tasks: wf['tasks']?.map((t: Json) => [t['referenceTaskName'], t['status']]) })}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Orkes-only endpoints (jump, variables, state) are tested on the dev server, and on a real
 * server only when CONDUCTOR_TEST_ORKES=1 says it is an Orkes one (OSS answers 404).
 */
export function hasOrkesApi(api: Api): boolean {
  return api.server.isDevServer || process.env['CONDUCTOR_TEST_ORKES'] === '1';
}

export function unique(prefix: string): string {
  return `${prefix}_${randomUUID().slice(0, 8)}`;
}

export function simple(name: string, ref: string, extra: Json = {}): Json {
  return { name, taskReferenceName: ref, type: 'SIMPLE', ...extra };
}

export async function openApi(): Promise<Api> {
  return new Api(await startTestServer());
}
