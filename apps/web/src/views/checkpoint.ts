// A checkpoint: where it came from (the lineage back to the base model, each link clickable),
// its files and its evaluations.
import { api, ok } from '../api.ts';
import { el, link, table } from '../dom.ts';
import { pct, shortId, when } from '../format.ts';
import type { View } from '../router.ts';

export const checkpointView: View = async (main, _url, [id]) => {
  const ckptId = id!;
  const [ck, lineage, evals] = await Promise.all([
    ok(api.v1.checkpoints[':id'].$get({ param: { id: ckptId } })),
    ok(api.v1.checkpoints[':id'].lineage.$get({ param: { id: ckptId } })),
    ok(api.v1.checkpoints[':id'].evaluations.$get({ param: { id: ckptId } })),
  ]);
  const files = await ok(api.v1.checkpoints[':id'].files.$get({ param: { id: ckptId } })).catch(
    () => ({ items: [] }),
  );
  main.append(
    el('h1', {}, `Checkpoint ${shortId(ck.id)}: ${ck.stage} step ${ck.step}`),
    el(
      'p',
      {},
      'of run ',
      link(`/runs/${ck.runId}`, shortId(ck.runId)),
      ` · ${when(ck.createdAt)} · sha256 ${ck.sha256.slice(0, 16)}…`,
    ),
    el('h2', {}, 'Lineage (this one first)'),
    el(
      'ol',
      { class: 'lineage', id: 'lineage' },
      ...lineage.items.map((c) =>
        el(
          'li',
          {},
          c.id === ck.id
            ? el('strong', {}, `${c.stage} step ${c.step}`)
            : link(`/checkpoints/${c.id}`, `${c.stage} step ${c.step}`),
          ` (${shortId(c.id)})`,
        ),
      ),
    ),
    el('h2', {}, 'Files'),
    files.items.length
      ? table(
          null,
          ['file', 'bytes', 'sha256'],
          files.items.map((f) => [
            el('a', { href: f.url, download: f.name }, f.name),
            String(f.size),
            `${f.sha256.slice(0, 16)}…`,
          ]),
        )
      : el('p', {}, 'No files in this API’s artifact store.'),
    el('h2', {}, 'Evaluations'),
    evals.items.length
      ? table(
          null,
          ['benchmark', 'strict pass@1', 'answer anywhere', 'format', 'problems × n'],
          evals.items.map((e) => [
            e.benchmark,
            pct(e.pass1),
            pct(e.answerAnywhere),
            pct(e.formatRate),
            `${e.problems} × ${e.n}`,
          ]),
        )
      : el('p', {}, 'Not evaluated.'),
  );
  return undefined;
};
