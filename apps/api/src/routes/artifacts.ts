// Checkpoints (metadata, lineage, files streamed with their sha256) and datasets (metadata, JSONL
// download, preview), read through the artifact store.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkpoints, datasets, stages } from '@r1lab/db';
import { asc, eq } from 'drizzle-orm';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { checkpointDto, datasetDto } from '../dto.ts';
import { notFound, ProblemError, validationHook } from '../problem.ts';
import { checkpointOrThrow } from '../queries.ts';
import { binary, json, problems } from '../responses.ts';
import { ArtifactFile, Checkpoint, Dataset, IdParam } from '../schemas.ts';

const FileParam = IdParam.extend({
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'a file name of the checkpoint (e.g. model.safetensors)')
    .openapi({ param: { name: 'name', in: 'path' }, example: 'model.safetensors' }),
});

export function artifactsRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  const folderKey = (uri: string, id: string) => {
    const key = d.artifacts.keyOf(uri);
    if (!key) {
      throw new ProblemError(
        404,
        `checkpoint ${id} lives outside this API's artifact store (${uri})`,
      );
    }
    return key;
  };

  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/checkpoints',
        tags: ['checkpoints'],
        summary: 'Every checkpoint of a run',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ items: z.array(Checkpoint) }), 'checkpoints'),
          ...problems,
        },
      }),
      async (c) => {
        const rows = await d.db
          .select({ c: checkpoints, stage: stages.name })
          .from(checkpoints)
          .innerJoin(stages, eq(stages.id, checkpoints.stageId))
          .where(eq(checkpoints.runId, c.req.valid('param').id))
          .orderBy(asc(stages.position), asc(checkpoints.step));
        return c.json({ items: rows.map((r) => checkpointDto(r.c, r.stage)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/checkpoints/{id}',
        tags: ['checkpoints'],
        summary: 'A checkpoint',
        request: { params: IdParam },
        responses: { 200: json(Checkpoint, 'the checkpoint'), ...problems },
      }),
      async (c) => {
        const r = await checkpointOrThrow(d.db, c.req.valid('param').id);
        return c.json(checkpointDto(r.c, r.stage), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/checkpoints/{id}/lineage',
        tags: ['checkpoints'],
        summary: 'The parent chain of a checkpoint, back to the base model (this one first)',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ items: z.array(Checkpoint) }), 'the chain'),
          ...problems,
        },
      }),
      async (c) => {
        const chain = [];
        const seen = new Set<string>();
        let next: string | null = c.req.valid('param').id;
        while (next && !seen.has(next)) {
          seen.add(next);
          const r = await checkpointOrThrow(d.db, next);
          chain.push(checkpointDto(r.c, r.stage));
          next = r.c.parentId;
        }
        return c.json({ items: chain }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/checkpoints/{id}/files',
        tags: ['checkpoints'],
        summary: "The checkpoint's files with size and sha256",
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(ArtifactFile) }), 'files'), ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const r = await checkpointOrThrow(d.db, id);
        const key = folderKey(r.c.uri, id);
        const items = [];
        for (const k of await d.artifacts.list(key)) {
          const st = await d.artifacts.stat(k);
          const name = k.slice(key.length + 1);
          if (st) items.push({ name, ...st, url: `/v1/checkpoints/${id}/files/${name}` });
        }
        if (items.length === 0) throw notFound('checkpoint files of', id);
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/checkpoints/{id}/files/{name}',
        tags: ['checkpoints'],
        summary: 'Download one file of a checkpoint (streamed; sha256 in headers)',
        request: { params: FileParam },
        responses: { 200: binary('the file'), ...problems },
      }),
      async (c) => {
        const { id, name } = c.req.valid('param');
        const r = await checkpointOrThrow(d.db, id);
        return streamFile(d, `${folderKey(r.c.uri, id)}/${name}`, `checkpoint ${id} file ${name}`);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/datasets',
        tags: ['datasets'],
        summary: 'Datasets a run produced',
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(Dataset) }), 'datasets'), ...problems },
      }),
      async (c) => {
        const rows = await d.db
          .select()
          .from(datasets)
          .where(eq(datasets.runId, c.req.valid('param').id))
          .orderBy(asc(datasets.createdAt));
        return c.json({ items: rows.map(datasetDto) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/datasets/{id}',
        tags: ['datasets'],
        summary: 'A dataset',
        request: { params: IdParam },
        responses: { 200: json(Dataset, 'the dataset'), ...problems },
      }),
      async (c) => c.json(datasetDto(await datasetOrThrow(d, c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/datasets/{id}/download',
        tags: ['datasets'],
        summary: 'The dataset as JSONL (streamed)',
        request: { params: IdParam },
        responses: { 200: binary('JSONL', 'application/x-ndjson'), ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const row = await datasetOrThrow(d, id);
        const key = d.artifacts.keyOf(row.uri);
        if (!key)
          throw new ProblemError(404, `dataset ${id} lives outside this API's artifact store`);
        return streamFile(d, key, `dataset ${id}`, 'application/x-ndjson');
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/datasets/{id}/preview',
        tags: ['datasets'],
        summary: 'The first rows of a dataset',
        request: {
          params: IdParam,
          query: z.object({ rows: z.coerce.number().int().min(1).max(200).default(20) }),
        },
        responses: {
          200: json(
            z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number() }),
            'rows',
          ),
          ...problems,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const want = c.req.valid('query').rows;
        const row = await datasetOrThrow(d, id);
        const key = d.artifacts.keyOf(row.uri);
        const file = key ? await d.artifacts.get(key) : null;
        if (!file)
          throw new ProblemError(404, `dataset ${id}: its file is not in the artifact store`);
        const items: Array<Record<string, unknown>> = [];
        const reader = file.body
          .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
          .getReader();
        let buffer = '';
        while (items.length < want) {
          const { value, done } = await reader.read();
          buffer += value ?? '';
          const lines = buffer.split('\n');
          buffer = done ? '' : lines.pop()!;
          for (const l of lines) if (l.trim() && items.length < want) items.push(JSON.parse(l));
          if (done) break;
        }
        await reader.cancel();
        return c.json({ items, total: row.rowCount }, 200);
      },
    );
}

async function datasetOrThrow(d: ApiDeps, id: string) {
  const [row] = await d.db.select().from(datasets).where(eq(datasets.id, id));
  if (!row) throw notFound('dataset', id);
  return row;
}

/** Streams a stored file with its size and sha256 (`Repr-Digest`, RFC 9530, and `X-Checksum-Sha256`). */
async function streamFile(
  d: ApiDeps,
  key: string,
  what: string,
  type = 'application/octet-stream',
): Promise<Response> {
  const st = await d.artifacts.stat(key);
  const file = st ? await d.artifacts.get(key) : null;
  if (!st || !file) throw new ProblemError(404, `${what} is not in the artifact store`);
  const b64 = btoa(
    String.fromCharCode(...(st.sha256.match(/../g) ?? []).map((h) => parseInt(h, 16))),
  );
  return new Response(file.body, {
    status: 200,
    headers: {
      'content-type': type,
      'content-length': String(st.size),
      'x-checksum-sha256': st.sha256,
      'repr-digest': `sha-256=:${b64}:`,
      etag: `"${st.sha256}"`,
      'content-disposition': `attachment; filename="${key.split('/').pop()}"`,
    },
  });
}
