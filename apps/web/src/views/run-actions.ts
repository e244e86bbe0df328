// Cancel a run; retry its failed or cancelled stage (the job queue's POST /v1/stages/:id/retry).
import { ApiError, api, ok, raw } from '../api.ts';
import { el } from '../dom.ts';
import type { RunDetail } from '../queries.ts';

export async function cancelRun(id: string): Promise<void> {
  await ok(api.v1.runs[':id'].cancel.$post({ param: { id } }));
}

export async function retryStage(stageId: string): Promise<void> {
  try {
    await raw(`/v1/stages/${stageId}/retry`, { method: 'POST' });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && /no route/.test(err.message)) {
      throw new Error('this API has no job queue yet: retry is not available');
    }
    throw err;
  }
}

/** The stage a retry restarts: the first one that failed or was cancelled. */
export function retryable(run: Pick<RunDetail, 'stages'>) {
  return run.stages.find((s) => s.status === 'failed' || s.status === 'cancelled') ?? null;
}

/** Buttons for what can be done with a run in its status; `done` re-renders after. */
export function runButtons(
  run: { id: string; status: string },
  stageOf: () => Promise<{ id: string; name: string } | null>,
  done: (message?: string) => void,
): HTMLElement[] {
  const out: HTMLElement[] = [];
  const act = (label: string, aria: string, fn: () => Promise<string | undefined>) =>
    el(
      'button',
      {
        type: 'button',
        'aria-label': aria,
        onclick: async (e: Event) => {
          const b = e.currentTarget as HTMLButtonElement;
          b.disabled = true;
          try {
            done(await fn());
          } catch (err) {
            done((err as Error).message);
          } finally {
            b.disabled = false;
          }
        },
      },
      label,
    );
  if (run.status === 'pending' || run.status === 'running') {
    out.push(
      act('Cancel', `Cancel run ${run.id}`, async () => {
        await cancelRun(run.id);
        return 'cancelled';
      }),
    );
  }
  if (run.status === 'failed' || run.status === 'cancelled') {
    out.push(
      act('Retry', `Retry the failed stage of run ${run.id}`, async () => {
        const stage = await stageOf();
        if (!stage) return 'no failed or cancelled stage to retry';
        await retryStage(stage.id);
        return `retrying stage ${stage.name}`;
      }),
    );
  }
  return out;
}
