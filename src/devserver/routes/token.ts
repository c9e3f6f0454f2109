/**
 * `POST /api/token` (Orkes, conductor-api.md §7): registered only when the server runs with
 * auth. Without auth there is no route, so it answers 404 like OSS and the official SDK
 * proceeds without a token.
 */
import { ApiError } from '../http/api-error.js';
import { json } from '../http/responses.js';
import type { RouteModule } from '../http/types.js';

export const tokenRoutes: RouteModule = {
  name: 'token',
  create: (deps) => {
    const authority = deps.auth;
    if (!authority) return [];
    return [
      {
        method: 'POST',
        path: '/api/token',
        handler: (req) => {
          const body = req.json();
          const credentials = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
          const token = authority.mint(credentials['keyId'], credentials['keySecret']);
          if (!token) {
            const message = 'Invalid keyId or keySecret';
            throw new ApiError(401, message, { customBody: { error: 'INVALID_CREDENTIALS', message } });
          }
          return json({ token });
        },
      },
    ];
  },
};
