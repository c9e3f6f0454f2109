/**
 * Orkes-style API-key auth for the dev server (docs conductor-api.md §7). `POST /api/token`
 * trades `{keyId, keySecret}` for a JWT-shaped token (HS256 over a secret made fresh at
 * every start, so tokens never survive a restart); every other /api call must carry it in
 * `X-Authorization`. Failures use Orkes' `{error: INVALID_TOKEN|EXPIRED_TOKEN, message}`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../timers.js';

export interface AuthConfig {
  keyId: string;
  keySecret: string;
  /** Token lifetime; default 3600 s (the JS SDK re-mints after 45 min). */
  tokenTtlSeconds?: number;
}

export type TokenCheck = { ok: true; subject: string } | { ok: false; error: 'INVALID_TOKEN' | 'EXPIRED_TOKEN'; message: string };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export class TokenAuthority {
  private readonly signingKey = randomBytes(32);
  private readonly ttlSeconds: number;

  constructor(private readonly config: AuthConfig, private readonly clock: Clock) {
    this.ttlSeconds = config.tokenTtlSeconds ?? 3600;
  }

  /** A token for these credentials, or undefined when they are wrong. */
  mint(keyId: unknown, keySecret: unknown): string | undefined {
    if (typeof keyId !== 'string' || typeof keySecret !== 'string') return undefined;
    if (!safeEqual(keyId, this.config.keyId) || !safeEqual(keySecret, this.config.keySecret)) return undefined;
    const iat = Math.floor(this.clock.now() / 1000);
    const payload = base64url(JSON.stringify({ sub: keyId, iat, exp: iat + this.ttlSeconds }));
    return `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`;
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, error: 'INVALID_TOKEN', message: 'Missing X-Authorization header' };
    const parts = token.split('.');
    if (parts.length !== 3 || !safeEqual(this.sign(`${parts[0]}.${parts[1]}`), parts[2]!)) {
      return { ok: false, error: 'INVALID_TOKEN', message: 'Invalid token' };
    }
    let claims: { sub?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown };
    } catch {
      return { ok: false, error: 'INVALID_TOKEN', message: 'Invalid token' };
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock.now()) {
      return { ok: false, error: 'EXPIRED_TOKEN', message: 'Token has expired' };
    }
    return { ok: true, subject: String(claims.sub) };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.signingKey).update(input).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
