/**
 * Bad input gets the real server's status code and a JSON ErrorResponse, never a crash and
 * never a half-stored definition. Codes come from rest/.../ApplicationExceptionMapper.java
 * (exact-class map, everything else 500) and Spring's exception types. The body-size limit
 * (413) is ours: see src/devserver/DIFFERENCES.md.
 */
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/dev-server.js';
import { createApi, uniqueName, useTestServerApi, type RawResponse } from './api-client.js';

const { api, server } = useTestServerApi();

function expectErrorResponse(res: RawResponse, status: number): Record<string, unknown> {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  const body = res.json();
  expect(body).toMatchObject({ status, retryable: false });
  expect(typeof body.message).toBe('string');
  return body;
}

describe('malformed bodies (HttpMessageNotReadableException → 500)', () => {
  it('malformed JSON is 500', async () => {
    expectErrorResponse(await api('POST', '/metadata/taskdefs', { rawBody: '[{"name": ', headers: { 'content-type': 'application/json' } }), 500);
  });

  it('a missing body is 500 (required @RequestBody)', async () => {
    expectErrorResponse(await api('POST', '/metadata/workflow', { headers: { 'content-type': 'application/json' } }), 500);
  });

  it('an object where TaskDef[] is expected is 500, and an array where WorkflowDef is expected too', async () => {
    expectErrorResponse(await api('POST', '/metadata/taskdefs', { body: { name: uniqueName('td') } }), 500);
    expectErrorResponse(await api('POST', '/metadata/workflow', { body: [{ name: uniqueName('wf') }] }), 500);
  });

  it('an unknown enum value is 500 and names the accepted values (InvalidFormatException)', async () => {
    const name = uniqueName('td');
    const body = expectErrorResponse(await api('POST', '/metadata/taskdefs', { body: [{ name, timeoutPolicy: 'SOMETIMES' }] }), 500);
    expect(body['message']).toContain('RETRY, TIME_OUT_WF, ALERT_ONLY');
    expect((await api('GET', `/metadata/taskdefs/${name}`)).status).toBe(404);
  });

  it('wrong types are 500: text for an int, an object for a string, a string for a list', async () => {
    expectErrorResponse(await api('POST', '/metadata/taskdefs', { body: [{ name: uniqueName('td'), retryCount: 'many' }] }), 500);
    expectErrorResponse(await api('POST', '/metadata/taskdefs', { body: [{ name: { first: 'x' } }] }), 500);
    expectErrorResponse(await api('POST', '/metadata/workflow', { body: { name: uniqueName('wf'), tasks: 'a' } }), 500);
    expectErrorResponse(await api('POST', '/metadata/taskdefs', { body: [{ name: uniqueName('td'), retryCount: 1e12 }] }), 500);
  });

  it('a sub-workflow definition string that is not "${...}" is 500 (SubWorkflowParams.setWorkflowDefinition)', async () => {
    const body = { name: uniqueName('wf'), tasks: [{ name: 's', taskReferenceName: 's', type: 'SUB_WORKFLOW', subWorkflowParam: { name: 'x', workflowDefinition: 'plain' } }] };
    expectErrorResponse(await api('POST', '/metadata/workflow', { body }), 500);
  });

  it('a bad element in the middle of a task def array stores none of the array', async () => {
    const first = uniqueName('td');
    const res = await api('POST', '/metadata/taskdefs', { body: [{ name: first }, { name: uniqueName('td'), retryLogic: 'NEVER' }] });
    expectErrorResponse(res, 500);
    expect((await api('GET', `/metadata/taskdefs/${first}`)).status).toBe(404);
  });
});

describe('content types and routing', () => {
  it('a non-JSON Content-Type is 500 (HttpMediaTypeNotSupportedException is not in the mapper)', async () => {
    const body = JSON.stringify([{ name: uniqueName('td') }]);
    expectErrorResponse(await api('POST', '/metadata/taskdefs', { rawBody: body, headers: { 'content-type': 'text/plain' } }), 500);
  });

  it('application/json with a charset is accepted', async () => {
    const name = uniqueName('td');
    const res = await api('POST', '/metadata/taskdefs', { rawBody: JSON.stringify([{ name }]), headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.status).toBe(200);
  });

  it('an unknown route is 404 with an ErrorResponse (NoResourceFoundException)', async () => {
    const body = expectErrorResponse(await api('GET', '/no/such/route'), 404);
    expect(body['message']).toBe('No static resource api/no/such/route.');
  });

  it('a known path with the wrong method is 405 (HttpRequestMethodNotSupportedException)', async () => {
    const res = await api('PATCH', '/metadata/taskdefs');
    expectErrorResponse(res, 405);
  });

  it('a non-integer version is 500 (MethodArgumentTypeMismatchException)', async () => {
    expectErrorResponse(await api('DELETE', `/metadata/workflow/${uniqueName('wf')}/abc`), 500);
    expectErrorResponse(await api('GET', `/metadata/workflow/${uniqueName('wf')}?version=x`), 500);
  });

  it('the Accept header is ignored: text/plain answers stay text/plain (RestConfiguration.ignoreAcceptHeader)', async () => {
    const res = await api('GET', '/version', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain/);
  });
});

describe('limits (dev server only)', () => {
  it('a body over the limit is 413 and nothing is stored (dev server only)', async (ctx) => {
    if (!server().isDevServer) ctx.skip();
    const limited = await startTestServer({ forceDevServer: true, bodyLimitBytes: 1024 });
    try {
      const limitedApi = createApi(limited.url);
      const name = uniqueName('td');
      const res = await limitedApi('POST', '/metadata/taskdefs', { body: [{ name, description: 'x'.repeat(2048) }] });
      expectErrorResponse(res, 413);
      expect((await limitedApi('GET', `/metadata/taskdefs/${name}`)).status).toBe(404);
      expect((await limitedApi('GET', '/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('the server keeps answering after a burst of garbage (dev server only)', async (ctx) => {
    if (!server().isDevServer) ctx.skip();
    const garbage = ['', 'null', '{', '[', '"x"', '12', '[null]', '[[]]', '{"tasks":{}}', '\u0000', '[{"name":null}]'];
    for (const raw of garbage) {
      for (const path of ['/metadata/taskdefs', '/metadata/workflow']) {
        for (const method of ['POST', 'PUT']) {
          const res = await api(method, path, { rawBody: raw, headers: { 'content-type': 'application/json' } });
          expect([400, 404, 500]).toContain(res.status);
          expect(() => res.json()).not.toThrow();
        }
      }
    }
    expect((await api('GET', '/health')).status).toBe(200);
  });
});
