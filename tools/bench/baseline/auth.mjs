// Who is calling: what the API's AccessGuard + JwtStrategy do, minus the framework. The bearer
// token is verified with a plain HMAC-SHA256 over the same secret (HS256 only, issuer, audience,
// expiry, as apps/api/src/auth/jwt.strategy.ts asks of passport-jwt), then the account is read
// at every request by the message that begins the request's transaction (Db.open with
// beginForAccount), which sets the row-level security context from it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { begin, end } from './db.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ISSUER = 'coopera';
const AUDIENCE = 'coopera-api';
const ROLES = new Set(['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'COMUNE_REFERENT']);

export class Unauthorized extends Error {}

/** The token's payload if its signature and claims hold, else null. */
export function verifyToken(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims;
  try {
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return null;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  } catch {
    return null;
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || now >= claims.exp) return null;
  if (typeof claims.nbf === 'number' && claims.nbf > now) return null;
  if (claims.iss !== ISSUER || claims.aud !== AUDIENCE) return null;
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !ROLES.has(claims.role)) return null;
  return claims;
}

/** apps/api/src/database/db-context.ts beginForAccount. */
function beginForAccount(client, sub) {
  return (
    `START TRANSACTION; SELECT a.*, set_config('app.user_id', a.id::text, true) AS "@userId", set_config('app.role', a.role::text, true) AS "@role", ` +
    `set_config('app.comune_id', coalesce(a.comune_id::text, ''), true) AS "@comuneId", set_config('app.purpose', '', true) AS "@purpose" ` +
    `FROM auth_account(${client.escapeLiteral(sub)}) a`
  );
}

/**
 * The signed-in account of `authorization`, as the API's request.user, and the request's
 * transaction begun for it (to be ended with db.mjs `serve` or `end`): throws Unauthorized.
 */
export async function authenticate(pool, secret, authorization) {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  const claims = token && verifyToken(token, secret);
  if (!claims) throw new Unauthorized();
  const { client, rows } = await begin(pool, (c) => beginForAccount(c, claims.sub));
  const [account] = rows;
  if (!account || !account.active) {
    await end(client);
    throw new Unauthorized();
  }
  return { user: { id: account.id, role: account.role, comuneId: account.comune_id }, client };
}
