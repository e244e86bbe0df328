// Start a run: from a preset (with seed and task) or from a pasted spec. The API validates both;
// its field errors (`seed`, `spec.stages.1.lr`, …) are shown at the field they name.
import { ApiError, api, type FieldError, ok } from '../api.ts';
import { el } from '../dom.ts';
import { navigate } from '../router.ts';

interface Choices {
  presets: string[];
  tasks: string[];
}

async function choices(): Promise<Choices> {
  // The create schema's enums, from the API's own OpenAPI document (no list kept here).
  const doc = (await (await fetch('/openapi.json')).json()) as {
    components: { schemas: { CreateRun: { properties: Record<string, { enum?: string[] }> } } };
  };
  const p = doc.components.schemas.CreateRun.properties;
  return { presets: p.preset?.enum ?? [], tasks: p.task?.enum ?? [] };
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id = id;
  control.setAttribute('aria-describedby', `${id}-error`);
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, label),
    control,
    hint ? el('small', {}, hint) : null,
    el('div', { class: 'field-error', id: `${id}-error`, role: 'alert' }),
  );
}

function showErrors(form: HTMLElement, errors: FieldError[], fallback: string): void {
  for (const e of form.querySelectorAll('.field-error')) e.textContent = '';
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const general = form.querySelector('.form-error')!;
  general.textContent = '';
  let placed = 0;
  for (const e of errors) {
    const name = e.path.split('.')[0]!;
    const id = `new-run-${name}`;
    const slot = form.querySelector(`#${id}-error`);
    if (!slot) continue;
    form.querySelector(`#${id}`)?.setAttribute('aria-invalid', 'true');
    const at = e.path.includes('.') ? `${e.path.slice(name.length + 1)}: ` : '';
    slot.append(el('div', {}, `${at}${e.message}`));
    placed += 1;
  }
  if (placed === 0) general.textContent = fallback;
}

export async function newRunForm(): Promise<HTMLElement> {
  const { presets, tasks } = await choices();
  const mode = el(
    'select',
    {},
    el('option', { value: 'preset' }, 'a preset'),
    el('option', { value: 'spec' }, 'a pasted spec'),
  );
  const preset = el('select', {}, ...presets.map((p) => el('option', { value: p }, p)));
  const seed = el('input', {
    type: 'number',
    min: 0,
    step: 1,
    inputmode: 'numeric',
    placeholder: 'preset default',
  });
  const task = el(
    'select',
    {},
    el('option', { value: '' }, 'preset default'),
    ...tasks.map((t) => el('option', { value: t }, t)),
  );
  const name = el('input', { type: 'text', placeholder: 'from the preset or spec' });
  const spec = el('textarea', {
    rows: 10,
    spellcheck: 'false',
    placeholder: '{ "name": "…", "model": {…}, "task": {…}, "stages": [ … ] }',
  });
  const presetFields = el('div', { class: 'fields' }, field('new-run-preset', 'Preset', preset));
  const specFields = el(
    'div',
    { class: 'fields', hidden: true },
    field(
      'new-run-spec',
      'Spec (JSON)',
      spec,
      'a full pipeline spec, as `r1lab run --spec` reads it',
    ),
  );
  mode.addEventListener('change', () => {
    presetFields.hidden = mode.value !== 'preset';
    specFields.hidden = mode.value !== 'spec';
  });
  const submit = el('button', { type: 'submit' }, 'Start run');
  const form = el(
    'form',
    { class: 'new-run', 'aria-label': 'Start a run', novalidate: true },
    el('h2', {}, 'Start a run'),
    el('div', { class: 'fields' }, field('new-run-mode', 'From', mode)),
    presetFields,
    specFields,
    el(
      'div',
      { class: 'fields' },
      field('new-run-seed', 'Seed', seed),
      field('new-run-task', 'Task', task),
      field('new-run-name', 'Name', name),
    ),
    el('p', { class: 'form-error', role: 'alert' }),
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (mode.value === 'preset') body.preset = preset.value;
    else {
      try {
        body.spec = JSON.parse(spec.value);
      } catch (err) {
        showErrors(form, [{ path: 'spec', message: `not JSON: ${(err as Error).message}` }], '');
        return;
      }
    }
    if (seed.value !== '') body.seed = Number(seed.value);
    if (task.value) body.task = task.value;
    if (name.value.trim()) body.name = name.value.trim();
    submit.disabled = true;
    try {
      const run = await ok(api.v1.runs.$post({ json: body as never }));
      navigate(`/runs/${run.id}`);
    } catch (err) {
      if (err instanceof ApiError) showErrors(form, err.errors, err.message);
      else showErrors(form, [], String(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
