// Bearer tokens and roles: open with no token configured; then 401 without or with a bad token,
// 403 for a role that may not, and a revoked token stops working.
import type { DbHandle } from '@r1lab/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedRoles, createToken, ephemeralToken } from '../src/index.ts';
import { drivers, expectProblem, jsonBody, seedRun, tempDir, testApp } from './fixtures.ts';

describe('allowedRoles', () => {
  it('gives viewers reads, workers the worker protocol and downloads, admins everything', () => {
    expect(allowedRoles('GET', '/v1/runs')).toEqual(['admin', 'viewer']);
    expect(allowedRoles('POST', '/v1/runs')).toEqual(['admin']);
    expect(allowedRoles('GET', '/v1/tokens')).toEqual(['admin']);
    expect(allowedRoles('POST', '/v1/jobs/claim')).toEqual(['admin', 'worker']);
    expect(allowedRoles('GET', '/v1/checkpoints/x/files/model.safetensors')).toEqual([
      'admin',
      'viewer',
      'worker',
    ]);
    expect(allowedRoles('POST', '/v1/workers')).toEqual(['admin', 'worker']);
  });
});

describe.each(drivers())('auth on %s', (_label, open, drop) => {
  let handle: DbHandle;
  let api: ReturnType<typeof testApp>;
  const store = tempDir('r1lab-auth-');
  const inProcess = ephemeralToken();
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  let runId: string;

  beforeAll(async () => {
    handle = await open();
    api = testApp(handle, store.dir, { auth: { inProcess: { [inProcess]: 'worker' } } });
    runId = (await seedRun(api.deps.records, store.dir)).runId;
  }, 90_000);
  afterAll(async () => {
    await handle?.close();
    await drop();
    store.remove();
  });

  it('is open while no token exists, and closes once one does', async () => {
    expect((await api.app.request('/v1/runs')).status).toBe(200);
    const res = await api.app.request('/v1/tokens', {
      method: 'POST',
      ...jsonBody({ name: 'root', role: 'admin' }),
    });
    expect(res.status).toBe(201);
    const admin = (await res.json()) as { token: string; id: string; role: string };
    // The secret is all after the id; it may itself hold '_' (base64url), so no split('_').
    const [, secret] = admin.token.match(/^r1l_[0-9a-f]{32}_([A-Za-z0-9_-]{43})$/) ?? [];
    expect(secret, admin.token).toBeDefined();
    await expectProblem(await api.app.request('/v1/runs'), 401);
    await expectProblem(await api.app.request('/metrics'), 401);
    expect((await api.app.request('/healthz')).status).toBe(200);
    expect((await api.app.request('/v1/runs', { headers: bearer(admin.token) })).status).toBe(200);
    const list = await api.app.request('/v1/tokens', { headers: bearer(admin.token) });
    const body = JSON.stringify(await list.json());
    expect(body).not.toContain(secret);
  });

  it('refuses bad tokens with 401 and wrong roles with 403', async () => {
    const viewer = await createToken(handle.db, { name: 'dash', role: 'viewer' });
    const worker = await createToken(handle.db, { name: 'gpu', role: 'worker' });
    api.deps.auth.invalidate();
    await expectProblem(await api.app.request('/v1/runs', { headers: bearer('r1l_nope') }), 401);
    await expectProblem(
      await api.app.request('/v1/runs', { headers: { authorization: 'Basic abc' } }),
      401,
    );
    const forged = `${viewer.token.slice(0, -4)}AAAA`;
    await expectProblem(await api.app.request('/v1/runs', { headers: bearer(forged) }), 401);
    expect(
      (await api.app.request(`/v1/runs/${runId}`, { headers: bearer(viewer.token) })).status,
    ).toBe(200);
    expect((await api.app.request('/metrics', { headers: bearer(viewer.token) })).status).toBe(200);
    await expectProblem(
      await api.app.request('/v1/runs', {
        method: 'POST',
        ...jsonBody({ preset: 'r1' }, bearer(viewer.token)),
      }),
      403,
    );
    await expectProblem(
      await api.app.request('/v1/tokens', { headers: bearer(viewer.token) }),
      403,
    );
    await expectProblem(await api.app.request('/v1/runs', { headers: bearer(worker.token) }), 403);
    await expectProblem(await api.app.request('/v1/runs', { headers: bearer(inProcess) }), 403);
    const files = await api.app.request(`/v1/runs/${runId}/checkpoints`, {
      headers: bearer(viewer.token),
    });
    const ck = ((await files.json()) as { items: Array<{ id: string }> }).items[0]!.id;
    const dl = await api.app.request(`/v1/checkpoints/${ck}/files/model.safetensors`, {
      headers: bearer(worker.token),
    });
    expect(dl.status).toBe(200);
  });

  it('revokes a token once; a revoked token gets 401', async () => {
    const admin = await createToken(handle.db, { name: 'ops', role: 'admin' });
    const victim = await createToken(handle.db, { name: 'old', role: 'viewer' });
    api.deps.auth.invalidate();
    expect((await api.app.request('/v1/runs', { headers: bearer(victim.token) })).status).toBe(200);
    const del = await api.app.request(`/v1/tokens/${victim.id}`, {
      method: 'DELETE',
      headers: bearer(admin.token),
    });
    expect(del.status).toBe(204);
    await expectProblem(await api.app.request('/v1/runs', { headers: bearer(victim.token) }), 401);
    await expectProblem(
      await api.app.request(`/v1/tokens/${victim.id}`, {
        method: 'DELETE',
        headers: bearer(admin.token),
      }),
      409,
    );
    await expectProblem(
      await api.app.request('/v1/tokens/00000000-0000-4000-8000-000000000000', {
        method: 'DELETE',
        headers: bearer(admin.token),
      }),
      404,
    );
    await expectProblem(
      await api.app.request('/v1/tokens', {
        method: 'POST',
        ...jsonBody({ name: 'x', role: 'root' }, bearer(admin.token)),
      }),
      400,
      'role',
    );
  });
});
