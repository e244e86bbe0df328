// Workers (backend, status, current job, last heartbeat), the job queue, and failed jobs with
// their errors and a retry button. Polled while open.
import { ApiError, api, ok, raw } from '../api.ts';
import { el, link, statusBadge, table } from '../dom.ts';
import { shortId, when } from '../format.ts';
import type { View } from '../router.ts';
import { retryStage } from './run-actions.ts';

export interface Job {
  id: string;
  runId: string;
  stageId: string;
  stageName: string | null;
  status: string;
  attempt: number;
  maxAttempts: number;
  workerId: string | null;
  heartbeatAt: string | null;
  progressDone: number | null;
  progressTotal: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const POLL_MS = 3_000;

export const workersView: View = async (main) => {
  const workersBox = el('section', { id: 'workers', 'aria-label': 'Workers' });
  const queueBox = el('section', { id: 'queue', 'aria-label': 'Job queue' });
  const failedBox = el('section', { id: 'failed-jobs', 'aria-label': 'Failed jobs' });
  const message = el('p', { class: 'message', role: 'status' });
  main.append(el('h1', {}, 'Workers and jobs'), message, workersBox, queueBox, failedBox);

  const load = async () => {
    const workers = await ok(api.v1.workers.$get());
    workersBox.replaceChildren(
      el('h2', {}, 'Workers'),
      workers.items.length
        ? table(
            null,
            ['name', 'host', 'backend', 'status', 'current job', 'last heartbeat'],
            workers.items.map((w) => [
              w.name,
              w.hostname ?? '–',
              w.backend ?? '–',
              statusBadge(w.status),
              w.currentJob
                ? link(
                    `/runs/${w.currentJob.runId}`,
                    `${shortId(w.currentJob.id)} (${w.currentJob.status})`,
                  )
                : '–',
              when(w.lastSeenAt),
            ]),
          )
        : el('p', {}, 'No worker has registered (`r1lab worker`).'),
    );
    let jobs: Job[];
    try {
      jobs = (
        await raw<{ items: Job[] }>('/v1/jobs?status=pending,claimed,running,failed&limit=200')
      ).items;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        queueBox.replaceChildren(
          el('h2', {}, 'Queue'),
          el('p', {}, 'This API has no job queue (GET /v1/jobs answered 404).'),
        );
        failedBox.replaceChildren();
        return;
      }
      throw err;
    }
    const open = jobs.filter((j) => j.status !== 'failed');
    const progress = (j: Job) =>
      j.progressTotal ? `${j.progressDone ?? 0} / ${j.progressTotal}` : '–';
    queueBox.replaceChildren(
      el('h2', {}, 'Queue'),
      open.length
        ? table(
            null,
            ['job', 'run', 'stage', 'status', 'attempt', 'worker', 'progress', 'heartbeat'],
            open.map((j) => [
              shortId(j.id),
              link(`/runs/${j.runId}`, shortId(j.runId)),
              j.stageName ?? shortId(j.stageId),
              statusBadge(j.status),
              `${j.attempt} / ${j.maxAttempts}`,
              j.workerId ? shortId(j.workerId) : '–',
              progress(j),
              when(j.heartbeatAt),
            ]),
          )
        : el('p', {}, 'The queue is empty.'),
    );
    const failed = jobs.filter((j) => j.status === 'failed');
    failedBox.replaceChildren(
      el('h2', {}, 'Failed jobs'),
      failed.length
        ? table(
            null,
            ['job', 'run', 'stage', 'attempt', 'finished', 'error', ''],
            failed.map((j) => [
              shortId(j.id),
              link(`/runs/${j.runId}`, shortId(j.runId)),
              j.stageName ?? shortId(j.stageId),
              `${j.attempt} / ${j.maxAttempts}`,
              when(j.finishedAt),
              el('pre', { class: 'error' }, j.error ?? ''),
              el(
                'button',
                {
                  type: 'button',
                  'aria-label': `Retry stage ${j.stageName ?? j.stageId}`,
                  onclick: async () => {
                    try {
                      await retryStage(j.stageId);
                      message.textContent = `stage ${j.stageName ?? j.stageId} queued again`;
                    } catch (e) {
                      message.textContent = (e as Error).message;
                    }
                    void load();
                  },
                },
                'Retry',
              ),
            ]),
          )
        : el('p', {}, 'No failed jobs.'),
    );
  };
  await load();
  const timer = setInterval(() => {
    if (!document.hidden) void load().catch(() => {});
  }, POLL_MS);
  return () => clearInterval(timer);
};
