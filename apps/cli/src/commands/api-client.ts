// The CLI as a client of a running API (`r1lab serve`), over the typed hono/client: runs, metrics
// and evaluations for people (tables) and scripts (--json). --api/--token or R1LAB_API_URL/R1LAB_TOKEN.
import { createClient } from '@r1lab/api/client';
import { textTable } from '../text-table.ts';

export interface ClientOptions {
  api?: string;
  token?: string;
  json?: boolean;
}

function client(o: ClientOptions) {
  const url = o.api ?? process.env.R1LAB_API_URL ?? 'http://127.0.0.1:8080';
  return { api: createClient(url, { token: o.token ?? process.env.R1LAB_TOKEN }), url };
}

/** The JSON of a response, or an error carrying the API's problem detail. */
async function body<T>(res: Response, url: string): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  const text = await res.text();
  let detail = text;
  try {
    detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
  } catch {}
  throw new Error(`${url}: ${res.status} ${detail}`);
}

async function call<T>(
  o: ClientOptions,
  request: (api: ReturnType<typeof client>['api']) => Promise<Response>,
): Promise<T> {
  const { api, url } = client(o);
  let res: Response;
  try {
    res = await request(api);
  } catch (err) {
    throw new Error(
      `cannot reach the API at ${url} (${(err as Error).message}); is \`r1lab serve\` running?`,
    );
  }
  return body<T>(res, url);
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : `${(100 * v).toFixed(1)}%`;

export async function runsList(
  o: ClientOptions & { status?: string; preset?: string; limit?: string },
) {
  const page = await call<{ items: Array<Record<string, unknown> & { bestPass1: number | null }> }>(
    o,
    (api) =>
      api.v1.runs.$get({
        query: {
          ...(o.status ? { status: o.status } : {}),
          ...(o.preset ? { preset: o.preset } : {}),
          limit: o.limit ?? '50',
        },
      }),
  );
  if (o.json) return console.log(JSON.stringify(page.items, null, 2));
  console.log(
    textTable(
      page.items.map((r) => ({
        ...r,
        bestPass1: pct(r.bestPass1),
        created: String(r.createdAt).slice(0, 19),
      })),
      ['id', 'name', 'status', 'preset', 'task', 'seed', 'bestPass1', 'created', 'durationSeconds'],
    ),
  );
}

export async function runsShow(id: string, o: ClientOptions) {
  const run = await call<Record<string, unknown> & { stages: Array<Record<string, unknown>> }>(
    o,
    (api) => api.v1.runs[':id'].$get({ param: { id } }),
  );
  if (o.json) return console.log(JSON.stringify(run, null, 2));
  console.log(
    `run ${run.id}  ${run.name}  ${run.status}  seed ${run.seed}  best pass@1 ${pct(run.bestPass1 as number) ?? '–'}`,
  );
  console.log(textTable(run.stages, ['name', 'kind', 'status', 'durationSeconds', 'checkpointId']));
}

export async function runsCancel(id: string, o: ClientOptions) {
  const run = await call<{ id: string; status: string }>(o, (api) =>
    api.v1.runs[':id'].cancel.$post({ param: { id } }),
  );
  console.log(o.json ? JSON.stringify(run) : `run ${run.id}: ${run.status}`);
}

export async function metricsShow(
  runId: string,
  o: ClientOptions & { stage?: string; keys?: string; points?: string },
) {
  const run = await call<{ stages: Array<{ id: string; name: string; kind: string }> }>(o, (api) =>
    api.v1.runs[':id'].$get({ param: { id: runId } }),
  );
  const stage = o.stage
    ? run.stages.find((s) => s.name === o.stage || s.id === o.stage)
    : run.stages.find((s) => s.kind === 'grpo');
  if (!stage) {
    throw new Error(
      `run ${runId} has no stage ${o.stage ?? 'of kind grpo'} (have: ${run.stages.map((s) => s.name).join(', ')})`,
    );
  }
  const keys =
    o.keys ??
    (
      await call<{ items: Array<{ key: string }> }>(o, (api) =>
        api.v1.stages[':id']['metric-keys'].$get({ param: { id: stage.id } }),
      )
    ).items
      .map((k) => k.key)
      .slice(0, 50)
      .join(',');
  const res = await call<{ series: Array<{ key: string; steps: number[]; values: number[] }> }>(
    o,
    (api) =>
      api.v1.stages[':id'].metrics.$get({
        param: { id: stage.id },
        query: { keys, points: o.points ?? '20' },
      }),
  );
  if (o.json) return console.log(JSON.stringify(res.series, null, 2));
  const steps = [...new Set(res.series.flatMap((s) => s.steps))].sort((a, b) => a - b);
  const rows = steps.map((step) => {
    const row: Record<string, unknown> = { step };
    for (const s of res.series) {
      const i = s.steps.indexOf(step);
      if (i >= 0) row[s.key] = s.values[i];
    }
    return row;
  });
  console.log(`stage ${stage.name} (${stage.kind})`);
  console.log(textTable(rows, ['step', ...res.series.map((s) => s.key)]));
}

export async function evalsShow(runId: string, o: ClientOptions) {
  const res = await call<{
    items: Array<Record<string, unknown> & { checkpoint: { stage: string; step: number } | null }>;
  }>(o, (api) => api.v1.runs[':id'].evaluations.$get({ param: { id: runId } }));
  if (o.json) return console.log(JSON.stringify(res.items, null, 2));
  const rows = res.items.map((e) => ({
    checkpoint: e.checkpoint ? `${e.checkpoint.stage}@${e.checkpoint.step}` : null,
    benchmark: e.benchmark,
    'pass@1': pct(e.pass1 as number),
    'any-pos': pct(e.answerAnywhere as number),
    'pass@k': pct(e.passAtK as number),
    'cons@k': pct(e.consAtK as number),
    greedy: pct(e.greedyPass1 as number),
    format: pct(e.formatRate as number),
    lang: pct(e.languageConsistency as number),
    n: e.n,
    problems: e.problems,
  }));
  console.log(textTable(rows, Object.keys(rows[0] ?? { checkpoint: 0 })));
}
