// The worker's HTTP side without a server: retries while the API is away, the claim token on
// every job call, 409 as a lost claim, other refusals as errors, and batches that survive a failed
// send.
import { describe, expect, it } from 'vitest';
import { ApiError, LostClaim, ProtocolClient } from '../src/protocol-client.ts';
import { RecordBuffer } from '../src/record-buffer.ts';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

function fakeApi(answers: Array<() => Response | Promise<Response>>) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}
const ok = (body: unknown) => () => Response.json(body);
const refused = () => {
  throw new TypeError('fetch failed: ECONNREFUSED');
};
const problem = (status: number, detail: string) => () =>
  new Response(JSON.stringify({ status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const job = { id: 'j1', claimToken: 't1' };

describe('ProtocolClient', () => {
  it('retries through connection errors and 503s, then returns the answer', async () => {
    const api = fakeApi([refused, problem(503, 'restarting'), ok({ written: 2 })]);
    const client = new ProtocolClient({ api: 'http://api/', token: 'r1l_x', fetch: api.fetch });
    const r = await client.metrics(job, { points: [{ step: 1, key: 'loss', value: 1 }] });
    expect(r).toEqual({ written: 2 });
    expect(api.calls).toHaveLength(3);
    expect(api.calls[2]).toMatchObject({
      url: 'http://api/v1/jobs/j1/metrics',
      method: 'POST',
      headers: { authorization: 'Bearer r1l_x', 'x-claim-token': 't1' },
    });
  });

  it('turns 409 into LostClaim and other refusals into ApiError, without retrying', async () => {
    const api = fakeApi([problem(409, 'stale'), problem(400, 'bad points')]);
    const client = new ProtocolClient({ api: 'http://api', fetch: api.fetch });
    await expect(client.heartbeat(job, {})).rejects.toBeInstanceOf(LostClaim);
    const err = await client.metrics(job, { points: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect(api.calls).toHaveLength(2);
  });

  it('gives up after retryForMs with the reason', async () => {
    const api = fakeApi(Array.from({ length: 50 }, () => refused));
    const client = new ProtocolClient({ api: 'http://api', fetch: api.fetch, retryForMs: 300 });
    await expect(client.claim({ workerId: 'w' })).rejects.toThrow(/unreachable for 300 ms/);
  });

  it('answers null for 204 (nothing claimable)', async () => {
    const api = fakeApi([() => new Response(null, { status: 204 })]);
    const client = new ProtocolClient({ api: 'http://api', fetch: api.fetch });
    expect(await client.claim({ workerId: 'w' })).toBeNull();
  });
});

describe('RecordBuffer', () => {
  it('keeps points whose send failed and sends them, in order, on the next flush', async () => {
    const api = fakeApi([problem(400, 'nope'), ok({ written: 3 }), ok({ written: 1 })]);
    const client = new ProtocolClient({ api: 'http://api', fetch: api.fetch });
    const buffer = new RecordBuffer(client, job);
    buffer.metrics(1, { loss: 1, reward: 0.5 });
    buffer.metrics(2, { loss: 0.9 });
    await expect(buffer.flush()).rejects.toBeInstanceOf(ApiError);
    await buffer.flush();
    buffer.samples([{ step: 2, idx: 0, prompt: 'p', completion: 'c', rewards: {} }]);
    await buffer.flush();
    expect(buffer.sent).toEqual({ points: 3, samples: 1, batches: 2 });
    expect((api.calls[1]!.body as { points: unknown[] }).points).toEqual([
      { step: 1, key: 'loss', value: 1 },
      { step: 1, key: 'reward', value: 0.5 },
      { step: 2, key: 'loss', value: 0.9 },
    ]);
  });
});
