import { it } from 'vitest';
import { startTestServer } from '../../helpers/dev-server.js';
it('smoke', async () => {
  const s = await startTestServer({ forceDevServer: true });
  const call = async (method: string, p: string, body?: unknown) => {
    const r = await fetch(s.url + p, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    console.log(method, p, r.status, r.headers.get('content-type'), (await r.text()).slice(0, 1500));
  };
  await call('POST', '/metadata/taskdefs', [{ name: 't1' }, { name: 't2', retryCount: -1, responseTimeoutSeconds: 0 }]);
  await call('POST', '/metadata/taskdefs', [{ name: 't1', timeoutPolicy: 'X' }]);
  await call('POST', '/metadata/taskdefs', [{ name: 't1', timeoutSeconds: 10, responseTimeoutSeconds: 20 }]);
  await call('POST', '/metadata/taskdefs', [{ name: 't1' }]);
  await call('GET', '/metadata/taskdefs/t1');
  await call('PUT', '/metadata/taskdefs', { name: 't1', description: 'd' });
  await call('GET', '/metadata/taskdefs');
  await call('POST', '/metadata/workflow', { name: 'w', tasks: [{ name: 'a', taskReferenceName: 'a', inputParameters: { x: '${b.output}' } }, { name: 'sw', taskReferenceName: 'sw', type: 'SWITCH', decisionCases: {} }] });
  await call('POST', '/metadata/workflow', { name: 'w', tasks: [{ name: 'a', taskReferenceName: 'a', type: 'FORK_JOIN', forkTasks: [[{ name: 'b', taskReferenceName: 'b' }]] }] });
  await call('POST', '/metadata/workflow', { name: 'w', tasks: [] });
  await call('GET', '/metadata/workflow/w');
  await call('PUT', '/metadata/workflow', [{ name: 'w', version: 2, tasks: [{ name: 'a', taskReferenceName: 'a' }] }]);
  await call('GET', '/metadata/workflow/names-and-versions');
  await call('GET', '/metadata/workflow/w/versions');
  await call('GET', '/metadata/workflow/names');
  await call('DELETE', '/metadata/workflow/w/7');
  await call('GET', '/metadata/workflow/w?version=abc');
  await s.close();
});
