// `r1lab run`: a whole pipeline on this machine, through the same path a remote run takes — the
// API in-process on a loopback port, one in-process worker claiming its jobs, progress from the
// run's event stream.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { dashboardUrl, ephemeralToken, queueEnv } from '@r1lab/api';
import { serveNode } from '@r1lab/api/serve-node';
import { initBackend } from '@r1lab/model';
import {
  estimateStageSeconds,
  findShippedBase,
  formatDuration,
  type PipelineSpec,
  PRESETS,
  type PresetName,
  parseSpec,
  presetSpec,
  pretrainCacheKey,
} from '@r1lab/pipeline';
import { Worker } from '@r1lab/worker';
import { ProgressView } from '../progress-view.ts';
import { followRunEvents } from '../run-events.ts';
import { formatTable } from '../summary-table.ts';

export interface RunCommandOptions {
  preset: string;
  task?: string;
  seed?: string;
  spec?: string;
  backend: string;
  dataDir?: string;
  /** Follow (and work on) an existing run instead of creating one: after Ctrl-C, or a crash. */
  resume?: string;
  /** false with --no-shipped-base: pretrain from scratch even when models/ has the base. */
  shippedBase?: boolean;
}

export function loadSpec(o: RunCommandOptions): { spec: PipelineSpec; preset?: string } {
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) {
    throw new Error(`--seed must be a non-negative integer, got "${o.seed}"`);
  }
  if (o.spec) {
    const raw = JSON.parse(readFileSync(o.spec, 'utf8')) as Record<string, unknown>;
    if (seed !== undefined) raw.seed = seed;
    if (o.task) raw.task = { ...((raw.task as object) ?? {}), name: o.task };
    return { spec: parseSpec(raw) };
  }
  if (!(o.preset in PRESETS)) {
    throw new Error(
      `--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${o.preset}"`,
    );
  }
  return {
    spec: presetSpec(o.preset as PresetName, { seed, task: o.task }),
    preset: o.preset,
  };
}

export async function runCommand(o: RunCommandOptions): Promise<void> {
  const dataDir = resolve(o.dataDir ?? process.env.R1LAB_DATA_DIR ?? '.r1lab');
  const resuming = o.resume !== undefined;
  const { spec, preset } = resuming ? { spec: undefined, preset: undefined } : loadSpec(o);
  const backend = await initBackend(o.backend as 'auto');
  // The same path as a remote run: the API in-process on a loopback port, one worker beside it.
  const token = ephemeralToken();
  const server = await serveNode({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    logLevel: process.env.R1LAB_LOG_LEVEL ?? 'warn',
    inProcessTokens: { [token]: 'admin' },
    queue: queueEnv(process.env),
  });
  const call = apiCaller(server.url, token);
  const view = new ProgressView();
  const events = new AbortController();
  let worker: Worker | undefined;
  const onSignal = () => {
    worker?.stop();
    view.log(
      'stopping after the current step (checkpoint saved; `r1lab run --resume <run>` resumes)…',
    );
  };
  process.once('SIGINT', onSignal);
  try {
    const run = resuming
      ? await call('GET', `/v1/runs/${o.resume}`)
      : await call('POST', '/v1/runs', {
          ...(preset ? { preset, seed: spec!.seed, task: spec!.task.name } : { spec }),
          useShippedBase: o.shippedBase !== false,
        });
    const runId = run.id as string;
    const runSpec = (resuming ? (await call('GET', `/v1/runs/${runId}`)).spec : spec) as
      | PipelineSpec
      | undefined;
    console.log(
      `r1lab run: ${run.name} (seed ${run.seed}, task ${run.task}) on ${backend.backend}, ${backend.threads} thread(s)`,
    );
    console.log(`database: ${server.api.handle.driver} (${server.api.handle.location})`);
    const open = !(await server.api.deps.auth.required());
    console.log(
      `API: ${server.url} — dashboard ${dashboardUrl(server.url, open ? undefined : token)} — run ${runId}`,
    );
    if (runSpec) console.log(planLine(runSpec, o.shippedBase !== false));

    let finished: string | null = null;
    const seen = new Set<string>();
    const follow = followRunEvents(
      server.url,
      token,
      runId,
      async (e) => {
        if (e.type === 'progress') {
          const d = e.data as {
            stage: string;
            done: number;
            total: number;
            info?: Record<string, number>;
          };
          view.update(d.stage, d.done, d.total, d.info);
        } else if (e.type === 'stage') {
          const d = e.data as { stageId: string; stage: string; status: string };
          const key = `${d.stage}:${d.status}`;
          if (seen.has(key)) return;
          seen.add(key);
          if (d.status === 'running' || d.status === 'succeeded') {
            const st = await call('GET', `/v1/stages/${d.stageId}`);
            const result = (st.result ?? {}) as Record<string, unknown>;
            if (
              d.status === 'running' ||
              (d.status === 'succeeded' && !seen.has(`${d.stage}:running`))
            ) {
              view.log(`▶ ${d.stage} (${st.kind})`);
            }
            if (d.status === 'succeeded') {
              const how = result.shipped
                ? ` — shipped base model ${relative(process.cwd(), String(result.source)) || result.source} (key ${String(result.cacheKey).slice(0, 12)}…)`
                : result.cached
                  ? ' — cached base model'
                  : '';
              view.log(`✓ ${d.stage} in ${Number(result.seconds ?? 0).toFixed(1)} s${how}`);
            }
          } else if (d.status === 'failed') {
            view.log(`✗ ${d.stage} failed`);
          }
        } else if (e.type === 'run') {
          const status = String(e.data.status);
          if (['succeeded', 'failed', 'cancelled'].includes(status)) finished = status;
        }
      },
      events.signal,
    );
    worker = new Worker({
      api: server.url,
      token,
      backend: o.backend as 'auto',
      cacheDir: join(dataDir, 'worker'),
      name: `local-${process.pid}`,
      pollMs: 200,
      progressEveryMs: 500,
      stopWhen: () => finished !== null,
      log: () => {},
      onJob: (j) => {
        if (j.status === 'failed') view.log(`✗ ${j.stage}: ${j.error?.split('\n')[0] ?? 'failed'}`);
      },
    });
    await worker.run();
    // Let the last events (the run's status) arrive before the summary.
    const deadline = Date.now() + 5_000;
    while (finished === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    events.abort();
    await follow;
    view.stop();
    const detail = await call('GET', `/v1/runs/${runId}`);
    const status = String(detail.status);
    const outcome = status === 'pending' || status === 'running' ? 'interrupted' : status;
    console.log(`\nrun ${runId}: ${outcome}; artifacts in ${join(dataDir, 'runs', runId)}\n`);
    const stageList = detail.stages as Array<{
      name: string;
      result: Record<string, unknown> | null;
    }>;
    const found: Record<string, Record<string, number>> = {};
    for (const st of stageList) {
      const table = st.result?.evaluations as Record<string, Record<string, number>> | undefined;
      if (table) Object.assign(found, table);
    }
    // In stage order: the stored result is jsonb, which does not keep its keys' order.
    const rows = Object.fromEntries(
      stageList.filter((st) => found[st.name]).map((st) => [st.name, found[st.name]!]),
    );
    if (Object.keys(rows).length > 0) console.log(formatTable(rows));
    if (outcome === 'failed') {
      const failed = (detail.stages as Array<{ name: string; error: string | null }>).find(
        (s) => s.error,
      );
      throw new Error(`run failed${failed ? ` at stage ${failed.name}: ${failed.error}` : ''}`);
    }
    if (outcome === 'interrupted') console.log(`resume with: r1lab run --resume ${runId}`);
  } finally {
    events.abort();
    view.stop();
    process.off('SIGINT', onSignal);
    await server.close();
  }
}

/** JSON calls to the in-process API (errors as their problem+json detail). */
function apiCaller(base: string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${json.detail ?? res.status}`);
    return json;
  };
}

/** What will run and roughly how long, from measured per-step costs (stage-estimate.ts). */
export function planLine(spec: PipelineSpec, useShipped: boolean): string {
  let total = 0;
  const parts = spec.stages.map((stage) => {
    if (stage.kind === 'pretrain' && useShipped && findShippedBase(pretrainCacheKey(spec, stage))) {
      return `${stage.name}: shipped base model`;
    }
    const seconds = estimateStageSeconds(spec, stage);
    total += seconds;
    const what =
      stage.kind === 'pretrain'
        ? `pretrain ${stage.steps} steps`
        : stage.kind === 'grpo'
          ? `GRPO ${stage.steps} steps`
          : stage.kind === 'sft'
            ? `SFT ${stage.steps} steps`
            : stage.kind === 'rejection-sampling'
              ? `rejection sampling ${stage.prompts} × ${stage.k}`
              : `${spec.task.testSize} × ${stage.n}`;
    return `${stage.name}: ${what} ${formatDuration(seconds)}`;
  });
  return `plan: ${parts.join(' · ')} — total ${formatDuration(total)} (on a 2-core machine)`;
}
