/**
 * Health, version, the home page and the dev server's own status route.
 * `GET /health` and `/api/health` answer like R/HealthCheckResource.java (Netflix
 * runtime-health `HealthCheckStatus`); `/api/version` is text/plain like
 * org/conductoross/conductor/controllers/VersionResource.java. `GET /devserver/status` is
 * ours (not Conductor's): it feeds `conductor server status` and stays open under auth.
 */
import { html, json, text } from '../http/responses.js';
import type { RouteModule, ServerDeps } from '../http/types.js';
import { renderHomePage } from './home-page.js';

export const systemRoutes: RouteModule = {
  name: 'system',
  create: (deps) => {
    const health = () => json({ healthResults: [], suppressedHealthResults: [], healthy: true });
    return [
      { method: 'GET', path: '/health', handler: health },
      { method: 'GET', path: '/api/health', handler: health },
      { method: 'GET', path: '/api/version', handler: () => text(deps.info.version) },
      { method: 'GET', path: '/', handler: () => html(renderHomePage(deps.info)) },
      { method: 'GET', path: '/devserver/status', handler: () => json(buildStatus(deps)) },
    ];
  },
};

function buildStatus(deps: ServerDeps): Record<string, unknown> {
  return {
    version: deps.info.version,
    pid: process.pid,
    dataDir: deps.info.dataDir,
    startedAt: deps.info.startedAt,
    uptimeMs: deps.clock.now() - deps.info.startedAt,
    authEnabled: deps.info.authEnabled,
    definitions: deps.metadata.countDefinitions(),
  };
}
