// The stage graph as the seed describes R1 (base → cold-start SFT → reasoning RL → rejection
// sampling → SFT → RL for all scenarios → eval): each stage with status, duration, progress, and
// its inputs and outputs — checkpoints and datasets you can click through.
import { el, link, statusBadge } from '../dom.ts';
import { duration, shortId } from '../format.ts';
import type { RunDetail, Stage } from '../queries.ts';

export interface DatasetRef {
  id: string;
  stageId: string | null;
  name: string;
  rowCount: number;
}

const KIND_LABEL: Record<string, string> = {
  pretrain: 'pretraining',
  sft: 'SFT',
  grpo: 'GRPO',
  'rejection-sampling': 'rejection sampling',
  eval: 'evaluation',
};

function checkpointLink(id: string | null | undefined, label: string): HTMLElement | string {
  return id ? link(`/checkpoints/${id}`, `${label} ${shortId(id)}`) : `${label} (none yet)`;
}

function stageSteps(s: Stage): number | null {
  const steps = (s.config as { steps?: unknown }).steps;
  return typeof steps === 'number' ? steps : null;
}

/** A stage's progress in [0, 1], from its status or the last step it logged. */
export function progressOf(s: Stage, lastStep: number | undefined): number | null {
  if (s.status === 'succeeded') return 1;
  const total = stageSteps(s);
  if (s.status === 'running' && total && lastStep !== undefined)
    return Math.min(1, lastStep / total);
  return s.status === 'pending' ? 0 : null;
}

export function stageGraph(
  run: RunDetail,
  datasets: DatasetRef[],
  lastSteps: Map<string, number>,
  selected: string | null,
): HTMLElement {
  const byName = new Map(run.stages.map((s) => [s.name, s]));
  const items = run.stages.map((s) => {
    const cfg = s.config as { from?: string; data?: string; checkpoints?: string[] };
    const inputs: Array<HTMLElement | string> = [];
    if (cfg.from)
      inputs.push(
        el(
          'span',
          {},
          `${cfg.from}: `,
          checkpointLink(byName.get(cfg.from)?.checkpointId, 'checkpoint'),
        ),
      );
    if (cfg.data) {
      const source = byName.get(cfg.data);
      const set = datasets.find((d) => d.stageId === source?.id);
      inputs.push(
        el(
          'span',
          {},
          `${cfg.data}: `,
          set ? `dataset ${set.name} (${set.rowCount} rows)` : 'dataset (none yet)',
        ),
      );
    }
    if (s.kind === 'eval') {
      const names =
        cfg.checkpoints ??
        run.stages
          .filter((x) => x.kind !== 'eval' && x.kind !== 'rejection-sampling')
          .map((x) => x.name);
      inputs.push(`checkpoints of ${names.join(', ')}`);
    }
    const outputs: Array<HTMLElement | string> = [];
    if (s.checkpointId) outputs.push(checkpointLink(s.checkpointId, 'checkpoint'));
    for (const d of datasets.filter((x) => x.stageId === s.id))
      outputs.push(`dataset ${d.name} (${d.rowCount} rows)`);
    if (s.kind === 'eval' && s.status === 'succeeded') outputs.push('the pass@1 table below');
    const progress = progressOf(s, lastSteps.get(s.id));
    const charted = s.kind === 'grpo' || s.kind === 'sft' || s.kind === 'pretrain';
    return el(
      'li',
      {
        class: `stage stage-${s.status}${selected === s.name ? ' selected' : ''}`,
        'data-stage': s.name,
      },
      el(
        'div',
        { class: 'stage-head' },
        el('strong', {}, s.name),
        ' ',
        el('span', { class: 'kind' }, KIND_LABEL[s.kind] ?? s.kind),
      ),
      el('div', {}, statusBadge(s.status), ' ', duration(s.durationSeconds)),
      progress === null
        ? null
        : el(
            'progress',
            { max: 1, value: progress, 'aria-label': `${s.name} progress` },
            `${Math.round(progress * 100)} %`,
          ),
      el(
        'div',
        { class: 'io' },
        el('span', { class: 'io-label' }, 'in: '),
        ...(inputs.length ? join(inputs) : ['the model config']),
      ),
      el(
        'div',
        { class: 'io' },
        el('span', { class: 'io-label' }, 'out: '),
        ...(outputs.length ? join(outputs) : ['–']),
      ),
      s.error ? el('div', { class: 'error' }, s.error) : null,
      charted
        ? el(
            'div',
            { class: 'stage-links' },
            link(`?stage=${encodeURIComponent(s.name)}`, 'charts'),
            s.kind === 'grpo'
              ? link(`/runs/${run.id}/samples?stage=${encodeURIComponent(s.name)}`, 'samples')
              : null,
          )
        : null,
    );
  });
  return el('ol', { class: 'stage-graph', 'aria-label': 'Stages' }, ...items);
}

function join(parts: Array<HTMLElement | string>): Array<HTMLElement | string> {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [', ', p]));
}
