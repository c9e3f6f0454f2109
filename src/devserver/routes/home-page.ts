/** The HTML of `GET /`: what this server is, its version and where the API is. */
import type { ServerInfo } from '../http/types.js';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderHomePage(info: ServerInfo): string {
  const auth = info.authEnabled
    ? '<p>Auth is <b>on</b>: get a token with <code>POST /api/token</code> <code>{"keyId","keySecret"}</code> and send it as <code>X-Authorization</code>.</p>'
    : '<p>Auth is off (OSS mode): <code>POST /api/token</code> answers 404, so SDKs run without auth.</p>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>conductor-gitops dev server</title></head>
<body>
<h1>conductor-gitops dev server</h1>
<p>A small local server compatible with the Conductor OSS REST API, for development and tests.
It is <b>not</b> Conductor: see DIFFERENCES.md in the conductor-gitops sources.</p>
<p>Version: <code>${escapeHtml(info.version)}</code></p>
<p>API base URL: <code>/api</code> (configure clients with <code>http://&lt;host&gt;:&lt;port&gt;/api</code>).
Health: <a href="/health"><code>/health</code></a>. Definitions:
<a href="/api/metadata/taskdefs"><code>/api/metadata/taskdefs</code></a>,
<a href="/api/metadata/workflow"><code>/api/metadata/workflow</code></a>.</p>
${auth}
<p>Data directory: <code>${escapeHtml(info.dataDir)}</code></p>
</body>
</html>
`;
}
