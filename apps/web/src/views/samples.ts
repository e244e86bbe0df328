// Completions of a GRPO stage: for a step, each with its <think> and <answer> parts set apart,
// per-reward scores, advantage and correctness; filters; and one prompt followed across steps.
import { api, ok } from '../api.ts';
import { el, link } from '../dom.ts';
import { num } from '../format.ts';
import { getRun } from '../queries.ts';
import { navigate, setQuery, type View } from '../router.ts';

type SamplePage = Awaited<ReturnType<typeof samplePage>>;
type Sample = SamplePage['items'][number];

const FILTERS = [
  ['', 'all'],
  ['correct', 'correct'],
  ['wrong', 'wrong'],
  ['format', 'format failure'],
  ['mixed', 'mixed language'],
] as const;

function samplePage(stageId: string, query: Record<string, string>) {
  return ok(api.v1.stages[':id'].samples.$get({ param: { id: stageId }, query }));
}

function flag(ok: boolean | null, yes: string, no: string): HTMLElement | null {
  if (ok === null) return null;
  return el('span', { class: `badge ${ok ? 'good' : 'bad'}` }, ok ? yes : no);
}

function sampleCard(s: Sample, followHref: string): HTMLElement {
  const parsed = s.think !== null || s.answerText !== null;
  return el(
    'article',
    { class: 'sample', 'data-sample': `${s.step}-${s.idx}` },
    el(
      'header',
      {},
      el('strong', {}, `step ${s.step} · #${s.idx}`),
      ` ${s.kind} `,
      flag(s.correct, 'correct', 'wrong'),
      ' ',
      flag(s.formatOk === null ? null : s.formatOk, 'format ok', 'format failure'),
      ' ',
      s.mixedLanguage ? el('span', { class: 'badge bad' }, 'mixed language') : null,
    ),
    el(
      'div',
      { class: 'prompt' },
      el('span', { class: 'io-label' }, 'prompt '),
      el('pre', {}, s.prompt),
    ),
    parsed
      ? el(
          'div',
          { class: 'completion' },
          el(
            'div',
            { class: 'think' },
            el('span', { class: 'io-label' }, 'think'),
            el('pre', {}, s.think ?? '(none)'),
          ),
          el(
            'div',
            { class: 'answer' },
            el('span', { class: 'io-label' }, 'answer'),
            el('pre', {}, s.answerText ?? '(none)'),
          ),
        )
      : el(
          'div',
          { class: 'completion raw' },
          el('span', { class: 'io-label' }, 'completion (no tags)'),
          el('pre', {}, s.completion),
        ),
    el(
      'dl',
      { class: 'facts scores' },
      el('dt', {}, 'gold'),
      el('dd', {}, s.answer ?? '–'),
      ...Object.entries(s.rewards).flatMap(([k, v]) => [
        el('dt', {}, k),
        el('dd', { 'data-reward': k }, num(v)),
      ]),
      el('dt', {}, 'reward'),
      el('dd', {}, num(s.reward)),
      el('dt', {}, 'advantage'),
      el('dd', {}, num(s.advantage)),
    ),
    link(followHref, 'follow this prompt across steps'),
  );
}

export const samplesView: View = async (main, url, [id]) => {
  const runId = id!;
  const run = await getRun(runId);
  const grpo = run.stages.filter((s) => s.kind === 'grpo');
  if (grpo.length === 0) {
    main.append(el('h1', {}, `Samples: ${run.name}`), el('p', {}, 'This run has no GRPO stage.'));
    return undefined;
  }
  const asked = url.searchParams.get('stage');
  const stage = grpo.find((s) => s.name === asked) ?? grpo[0]!;
  const param = (k: string) => url.searchParams.get(k) ?? '';
  const stageSelect = el(
    'select',
    { id: 'samples-stage' },
    ...grpo.map((s) => el('option', { value: s.name, selected: s.name === stage.name }, s.name)),
  );
  const step = el('input', {
    id: 'samples-step',
    type: 'number',
    min: 0,
    value: param('step'),
    placeholder: 'all',
  });
  const kind = el(
    'select',
    { id: 'samples-kind' },
    ...[
      ['', 'any'],
      ['train', 'training rollouts'],
      ['held-out', 'held-out checks'],
    ].map(([v, l]) => el('option', { value: v!, selected: param('kind') === v }, l!)),
  );
  const filter = el(
    'select',
    { id: 'samples-filter' },
    ...FILTERS.map(([v, l]) => el('option', { value: v, selected: param('filter') === v }, l)),
  );
  const prompt = param('prompt');
  const list = el('div', { class: 'samples', id: 'samples-list' });
  const more = el('button', { type: 'button', hidden: true }, 'More');
  let cursor: string | null = null;

  const query = (): Record<string, string> => {
    const q: Record<string, string> = { limit: '50' };
    if (step.value !== '' && !prompt) q.step = step.value;
    if (kind.value) q.kind = kind.value;
    if (filter.value) q.filter = filter.value;
    if (prompt) q.prompt = prompt;
    if (cursor) q.cursor = cursor;
    return q;
  };
  const followHref = (s: Sample) => {
    const u = new URL(location.href);
    u.searchParams.set('prompt', s.prompt);
    u.searchParams.delete('step');
    if (s.kind) u.searchParams.set('kind', s.kind);
    return u.pathname + u.search;
  };
  const load = async (reset: boolean) => {
    if (reset) {
      cursor = null;
      list.replaceChildren();
    }
    const page = await samplePage(stage.id, query());
    if (reset && page.items.length === 0) list.append(el('p', {}, 'No samples match.'));
    list.append(...page.items.map((s) => sampleCard(s, followHref(s))));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  const apply = (e?: Event) => {
    e?.preventDefault();
    setQuery({ step: step.value, kind: kind.value, filter: filter.value });
    void load(true);
  };
  stageSelect.addEventListener('change', () => {
    navigate(`/runs/${runId}/samples?stage=${encodeURIComponent(stageSelect.value)}`);
  });
  more.addEventListener('click', () => void load(false));
  for (const c of [kind, filter]) c.addEventListener('change', apply);

  main.append(
    el(
      'h1',
      {},
      'Samples: ',
      link(`/runs/${runId}?stage=${encodeURIComponent(stage.name)}`, run.name),
      ` · ${stage.name}`,
    ),
    el(
      'form',
      { class: 'filters', 'aria-label': 'Filter samples', onsubmit: apply },
      el('label', { for: 'samples-stage' }, 'Stage'),
      stageSelect,
      el('label', { for: 'samples-step' }, 'Step'),
      step,
      el('label', { for: 'samples-kind' }, 'Kind'),
      kind,
      el('label', { for: 'samples-filter' }, 'Show'),
      filter,
      el('button', { type: 'submit' }, 'Show'),
    ),
    ...(prompt
      ? [
          el(
            'p',
            { class: 'following' },
            'Following one prompt across steps: ',
            el('code', {}, prompt.trim()),
            ' ',
            link(
              `/runs/${runId}/samples?stage=${encodeURIComponent(stage.name)}`,
              'stop following',
            ),
          ),
        ]
      : []),
    list,
    more,
  );
  await load(true);
  return undefined;
};
