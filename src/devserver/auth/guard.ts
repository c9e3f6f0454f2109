/**
 * The request guard used when auth is on: every /api route except /api/token and
 * /api/health needs a valid `X-Authorization` token; the home page, /health and
 * /devserver/status stay open (the CLI and load balancers probe them).
 */
import { ApiError } from '../http/api-error.js';
import type { ApiRequest } from '../http/types.js';
import type { TokenAuthority } from './token-authority.js';

const OPEN_API_PATHS = new Set(['/api/token', '/api/health']);

export function createAuthGuard(authority: TokenAuthority): (req: ApiRequest) => void {
  return (req) => {
    if (!req.path.startsWith('/api/') && req.path !== '/api') return;
    if (OPEN_API_PATHS.has(req.path)) return;
    const header = req.headers['x-authorization'];
    const token = Array.isArray(header) ? header[0] : header;
    const result = authority.check(token?.replace(/^Bearer\s+/i, '').trim());
    if (!result.ok) {
      throw new ApiError(401, result.message, { customBody: { error: result.error, message: result.message } });
    }
  };
}
