// The dashboard's entry: token from the URL, theme, the routes, and the token prompt on a 401.
import './style.css';
import { ApiError, setToken, takeTokenFromUrl } from './api.ts';
import { el } from './dom.ts';
import { interceptLinks, navigate, render, route } from './router.ts';
import { checkpointView } from './views/checkpoint.ts';
import { compareView } from './views/compare.ts';
import { evaluationsView } from './views/evaluations.ts';
import { runView } from './views/run.ts';
import { runsView } from './views/runs.ts';
import { samplesView } from './views/samples.ts';
import { workersView } from './views/workers.ts';

const THEME_KEY = 'r1lab.theme';

function applyTheme(theme: string | null): void {
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  const button = document.getElementById('theme')!;
  button.textContent = dark ? 'Light theme' : 'Dark theme';
}

function tokenPrompt(message: string): void {
  const banner = document.getElementById('banner')!;
  const input = el('input', {
    id: 'token-input',
    type: 'password',
    autocomplete: 'off',
    placeholder: 'r1l_…',
  });
  banner.replaceChildren(
    el(
      'form',
      {
        class: 'token-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          setToken(input.value.trim() || null);
          banner.replaceChildren();
          void render();
        },
      },
      el(
        'p',
        {},
        message,
        ' Paste the token from `r1lab token create` (or the URL `r1lab serve` printed):',
      ),
      el('label', { for: 'token-input' }, 'API token'),
      input,
      el('button', { type: 'submit' }, 'Use token'),
    ),
  );
}

takeTokenFromUrl();
applyTheme(localStorage.getItem(THEME_KEY));
document.getElementById('theme')!.addEventListener('click', () => {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(THEME_KEY, next);
  applyTheme(next);
  void render();
});
window.addEventListener('r1lab:error', (e) => {
  const err = (e as CustomEvent).detail;
  if (err instanceof ApiError && err.status === 401) tokenPrompt(err.message);
});

route(/^\/$/, async () => {
  navigate('/runs');
  return undefined;
});
route(/^\/runs\/?$/, runsView);
route(/^\/runs\/([0-9a-f-]{36})\/samples\/?$/, samplesView);
route(/^\/runs\/([0-9a-f-]{36})\/?$/, runView);
route(/^\/checkpoints\/([0-9a-f-]{36})\/?$/, checkpointView);
route(/^\/compare\/?$/, compareView);
route(/^\/evaluations\/?$/, evaluationsView);
route(/^\/workers\/?$/, workersView);
interceptLinks();
void render();
