// SSE: a client connected to a run's event stream receives what is written after it connected,
// and a reconnect with Last-Event-ID continues without a gap or a repeat.
import type { DbHandle } from '@r1lab/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, expectProblem, jsonBody, tempDir, testApp } from './fixtures.ts';

interface SseEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** Reads SSE frames from a response until `want` events arrived (or the deadline passes). */
async function readEvents(
  res: Response,
  want: number,
  ms = 10_000,
): Promise<{ events: SseEvent[]; comments: number }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let comments = 0;
  let buffer = '';
  const deadline = Date.now() + ms;
  while (events.length < want && Date.now() < deadline) {
    const next = await Promise.race([
      reader.read(),
      new Promise<{ value: undefined; done: true }>((r) =>
        setTimeout(() => r({ value: undefined, done: true }), deadline - Date.now()),
      ),
    ]);
    if (next.done) break;
    buffer += next.value;
    const frames = buffer.split('\n\n');
    buffer = frames.pop()!;
    for (const frame of frames) {
      if (frame.startsWith(':')) {
        comments += 1;
        continue;
      }
      const field = (name: string) =>
        frame
          .split('\n')
          .find((l) => l.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      events.push({
        id: field('id')!,
        event: field('event')!,
        data: JSON.parse(field('data') ?? '{}'),
      });
    }
  }
  await reader.cancel();
  return { events, comments };
}

describe.each(drivers())('live events on %s', (_label, open, drop) => {
  let handle: DbHandle;
  let api: ReturnType<typeof testApp>;
  const store = tempDir('r1lab-events-');
  beforeAll(async () => {
    handle = await open();
    api = testApp(handle, store.dir);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await drop();
    store.remove();
  });

  it('streams stage and metric events written after connecting, then resumes from Last-Event-ID', async () => {
    const created = await api.app.request('/v1/runs', {
      method: 'POST',
      ...jsonBody({ preset: 'tiny-r1-zero' }),
    });
    const run = (await created.json()) as {
      id: string;
      stages: Array<{ id: string; name: string }>;
    };
    const rl = run.stages.find((s) => s.name === 'rl')!.id;

    const res = await api.app.request(`/v1/runs/${run.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(res, 4);
    await new Promise((r) => setTimeout(r, 100));
    await api.deps.records.setStageStatus(rl, 'running');
    await api.deps.records.writeMetrics(rl, [
      { step: 1, key: 'reward', value: 0.5 },
      { step: 1, key: 'kl', value: 0.01 },
    ]);
    await api.deps.records.writeMetrics(rl, [{ step: 2, key: 'reward', value: 0.75 }]);
    const { events } = await reading;
    expect(events.map((e) => e.event)).toEqual(['run', 'stage', 'metrics', 'metrics']);
    expect(events[1]!.data).toMatchObject({ stageId: rl, stage: 'rl', status: 'running' });
    expect(events[2]!.data).toEqual({
      stageId: rl,
      points: [
        [1, 'reward', 0.5],
        [1, 'kl', 0.01],
      ],
    });
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    // Reconnect after the second event: exactly the later ones, then the new one.
    await api.deps.records.setStageStatus(rl, 'succeeded');
    const again = await api.app.request(`/v1/runs/${run.id}/events`, {
      headers: { 'last-event-id': events[1]!.id },
    });
    const resumed = await readEvents(again, 3);
    expect(resumed.events.map((e) => e.id)).toEqual([
      events[2]!.id,
      events[3]!.id,
      resumed.events[2]!.id,
    ]);
    expect(resumed.events[2]!.data).toMatchObject({ status: 'succeeded' });
    const viaQuery = await readEvents(
      await api.app.request(`/v1/runs/${run.id}/events?lastEventId=${events[3]!.id}`),
      1,
    );
    expect(viaQuery.events.map((e) => e.event)).toEqual(['stage']);
  });

  it('sends comment heartbeats while idle, and refuses bad ids', async () => {
    const created = await api.app.request('/v1/runs', {
      method: 'POST',
      ...jsonBody({ preset: 'tiny-r1-zero' }),
    });
    const { id } = (await created.json()) as { id: string };
    const res = await api.app.request(`/v1/runs/${id}/events?lastEventId=999999999`);
    const idle = await readEvents(res, 1, 700);
    expect(idle.events).toEqual([]);
    expect(idle.comments).toBeGreaterThanOrEqual(1);
    await expectProblem(
      await api.app.request('/v1/runs/00000000-0000-4000-8000-000000000000/events'),
      404,
    );
    await expectProblem(
      await api.app.request(`/v1/runs/${id}/events`, { headers: { 'last-event-id': 'x' } }),
      400,
      'last-event-id',
    );
  });
});
