// Bearer tokens: `r1l_<token id>_<secret>`. Only SHA-256 of the secret is stored; a request's
// token is found by its id and its secret compared in constant time. With no token configured
// the API is open — which is why `serve` then binds to loopback only.
import { apiTokens, type Db } from '@r1lab/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from './problem.ts';

export type Role = 'admin' | 'worker' | 'viewer';

export interface Principal {
  role: Role;
  /** The token's row id; null for the open (no tokens) mode and in-process tokens. */
  tokenId: string | null;
}

/** `last_used_at` is kept to this resolution. */
const LAST_USED_RESOLUTION_MS = 60_000;

const TOKEN_RE = /^r1l_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Equal-length strings compared without an early exit, so timing says nothing about the match. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}

/**
 * Creates a token row and returns the token text (shown once; only its hash is kept).
 *
 * @example
 * const { token } = await createToken(db, { name: 'ci', role: 'viewer' });
 */
export async function createToken(
  db: Db,
  o: { name: string; role: Role },
): Promise<{ id: string; token: string; name: string; role: Role; createdAt: Date }> {
  const id = crypto.randomUUID();
  const secret = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const [row] = await db
    .insert(apiTokens)
    .values({ id, name: o.name, role: o.role, tokenHash: await sha256Hex(secret) })
    .returning();
  return {
    id,
    token: `r1l_${id.replaceAll('-', '')}_${secret}`,
    name: row!.name,
    role: row!.role,
    createdAt: row!.createdAt,
  };
}

/** Mints an in-memory token (never stored): the CLI's in-process clients use these. */
export function ephemeralToken(): string {
  const id = crypto.randomUUID().replaceAll('-', '');
  return `r1l_${id}_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export interface AuthOptions {
  /** Tokens kept in memory only, with their roles (e.g. the CLI's own worker). */
  inProcess?: Record<string, Role>;
}

/** Looks tokens up and decides, per request, who is calling. */
export class Auth {
  private tokensExist: boolean | undefined;
  private readonly inProcess: Map<string, Role>;

  constructor(
    private readonly db: Db,
    o: AuthOptions = {},
  ) {
    this.inProcess = new Map(Object.entries(o.inProcess ?? {}));
  }

  /** Whether any stored token is active; without one the API is open (loopback only). */
  async required(): Promise<boolean> {
    if (this.tokensExist === undefined) {
      const [row] = await this.db
        .select({ n: sql<number>`count(*)::int` })
        .from(apiTokens)
        .where(isNull(apiTokens.revokedAt));
      this.tokensExist = (row?.n ?? 0) > 0;
    }
    return this.tokensExist;
  }

  /** Call after creating or revoking a token. */
  invalidate(): void {
    this.tokensExist = undefined;
  }

  async verify(token: string): Promise<Principal | null> {
    const local = this.inProcess.get(token);
    if (local) return { role: local, tokenId: null };
    const m = TOKEN_RE.exec(token);
    if (!m) return null;
    const hex = m[1]!;
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const [row] = await this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
    const hash = await sha256Hex(m[2]!);
    if (!row || !constantTimeEqual(row.tokenHash, hash)) return null;
    // At most one write a minute per token, so authenticated reads do not each cost a write.
    const now = new Date();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
    }
    return { role: row.role, tokenId: row.id };
  }
}

/**
 * Which roles may call a route: admins everything, viewers reads, workers the worker protocol
 * and the artifact downloads it needs.
 */
export function allowedRoles(method: string, path: string): Role[] {
  if (path.startsWith('/v1/tokens')) return ['admin'];
  if (path === '/metrics') return ['admin', 'viewer'];
  const read = method === 'GET' || method === 'HEAD';
  const workerPath =
    path.startsWith('/v1/jobs') ||
    (path === '/v1/workers' && method === 'POST') ||
    (read && /^\/v1\/(checkpoints\/[^/]+\/files|datasets\/[^/]+\/download)/.test(path));
  const roles: Role[] = ['admin'];
  if (read && !path.startsWith('/v1/jobs')) roles.push('viewer');
  if (workerPath) roles.push('worker');
  return roles;
}

export type AuthVariables = { principal: Principal };

/** Authenticates `Authorization: Bearer …` and enforces `allowedRoles`; 401 / 403 as problem+json. */
export function authMiddleware(auth: Auth): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const required = await auth.required();
    let principal: Principal | null = null;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      principal = m ? await auth.verify(m[1]!) : null;
      if (!principal) throw new ProblemError(401, 'invalid or revoked bearer token');
    } else if (required) {
      throw new ProblemError(401, 'this API needs a bearer token (Authorization: Bearer r1l_…)');
    } else {
      principal = { role: 'admin', tokenId: null };
    }
    const roles = allowedRoles(c.req.method, new URL(c.req.url).pathname);
    if (!roles.includes(principal.role)) {
      throw new ProblemError(
        403,
        `role "${principal.role}" may not ${c.req.method} this resource (needs ${roles.join(' or ')})`,
      );
    }
    c.set('principal', principal);
    await next();
  };
}
