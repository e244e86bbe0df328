// The runs list: status (live), preset, task, seed, started, duration, best pass@1; filters held in
// the URL; pick runs to compare; start a run.
import { api, ok } from '../api.ts';
import { el, link, statusBadge, table } from '../dom.ts';
import { duration, pct, when } from '../format.ts';
import { getRun } from '../queries.ts';
import { navigate, setQuery, type View } from '../router.ts';
import { newRunForm } from './new-run.ts';
import { retryable, runButtons } from './run-actions.ts';

const STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'];
const POLL_MS = 3_000;

export const runsView: View = async (main, url) => {
  const q = (k: string) => url.searchParams.get(k) ?? '';
  const status = el(
    'select',
    { id: 'filter-status' },
    el('option', { value: '' }, 'any'),
    ...STATUSES.map((s) => el('option', { value: s, selected: q('status') === s }, s)),
  );
  const preset = el('input', {
    id: 'filter-preset',
    type: 'text',
    value: q('preset'),
    placeholder: 'any',
  });
  const task = el('input', {
    id: 'filter-task',
    type: 'text',
    value: q('task'),
    placeholder: 'any',
  });
  const search = el('input', {
    id: 'filter-q',
    type: 'search',
    value: q('q'),
    placeholder: 'name contains',
  });
  const message = el('p', { class: 'message', role: 'status' });
  const list = el('div', { id: 'runs-list' });
  const selected = new Set<string>();
  const compare = el('button', { type: 'button', disabled: true }, 'Compare selected');
  compare.addEventListener('click', () => navigate(`/compare?runs=${[...selected].join(',')}`));

  let shown = '';
  const load = async () => {
    const query: Record<string, string> = { limit: '100' };
    for (const [k, v] of [
      ['status', status.value],
      ['preset', preset.value.trim()],
      ['task', task.value.trim()],
      ['q', search.value.trim()],
    ] as const) {
      if (v) query[k] = v;
    }
    const page = await ok(api.v1.runs.$get({ query }));
    // Polling re-renders only on a change, so focus and selection survive.
    const signature = JSON.stringify(page.items);
    if (signature === shown) return;
    shown = signature;
    const rows = page.items.map((r) => {
      const box = el('input', {
        type: 'checkbox',
        'aria-label': `Select ${r.name} to compare`,
        checked: selected.has(r.id),
      });
      box.addEventListener('change', () => {
        if (box.checked) selected.add(r.id);
        else selected.delete(r.id);
        compare.disabled = selected.size < 2;
      });
      const actions = runButtons(
        r,
        async () => retryable(await getRun(r.id)),
        (m) => {
          message.textContent = m ?? '';
          shown = '';
          void load();
        },
      );
      return [
        box,
        link(`/runs/${r.id}`, r.name),
        statusBadge(r.status),
        r.preset ?? '–',
        r.task ?? '–',
        String(r.seed),
        when(r.startedAt ?? r.createdAt),
        duration(r.durationSeconds),
        pct(r.bestPass1),
        el('span', { class: 'actions' }, ...actions),
      ];
    });
    list.replaceChildren(
      rows.length
        ? table(
            null,
            [
              '',
              'run',
              'status',
              'preset',
              'task',
              'seed',
              'started',
              'duration',
              'best pass@1',
              '',
            ],
            rows,
            { 'aria-label': 'Runs' },
          )
        : el('p', {}, 'No runs match. Start one below, or with `npm start`.'),
    );
  };

  const applyFilters = (e: Event) => {
    e.preventDefault();
    shown = '';
    setQuery({
      status: status.value,
      preset: preset.value.trim(),
      task: task.value.trim(),
      q: search.value.trim(),
    });
    void load();
  };
  const filters = el(
    'form',
    { class: 'filters', 'aria-label': 'Filter runs', onsubmit: applyFilters },
    el('label', { for: 'filter-status' }, 'Status'),
    status,
    el('label', { for: 'filter-preset' }, 'Preset'),
    preset,
    el('label', { for: 'filter-task' }, 'Task'),
    task,
    el('label', { for: 'filter-q' }, 'Name'),
    search,
    el('button', { type: 'submit' }, 'Filter'),
  );
  status.addEventListener('change', applyFilters);

  main.append(
    el('h1', {}, 'Runs'),
    filters,
    el('div', { class: 'toolbar' }, compare),
    message,
    list,
  );
  await load();
  main.append(await newRunForm());
  const timer = setInterval(() => {
    if (!document.hidden) void load().catch(() => {});
  }, POLL_MS);
  return () => clearInterval(timer);
};
