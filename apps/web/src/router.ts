// Client routes on the History API: the URL holds the view (run, stage, step, chart keys), so a
// copied link reproduces it. Views render into <main> and return what to tear down on leaving.
export type Cleanup = () => void;
export type View = (main: HTMLElement, url: URL, params: string[]) => Promise<Cleanup | undefined>;

const routes: Array<[RegExp, View]> = [];
let cleanup: Cleanup | undefined;
let renderId = 0;

export function route(pattern: RegExp, view: View): void {
  routes.push([pattern, view]);
}

export function navigate(href: string): void {
  history.pushState(null, '', href);
  void render();
}

/** Changes the query of the current URL without re-rendering (view state such as smoothing). */
export function setQuery(changes: Record<string, string | null>): void {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  history.replaceState(null, '', url);
}

export async function render(): Promise<void> {
  const id = ++renderId;
  cleanup?.();
  cleanup = undefined;
  const main = document.getElementById('main')!;
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  const url = new URL(location.href);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const here = url.pathname.startsWith(new URL(a.href).pathname);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const [pattern, view] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    try {
      const done = await view(main, url, m.slice(1));
      if (id !== renderId) done?.();
      else cleanup = done;
    } catch (err) {
      if (id === renderId) showError(main, err);
    }
    main.removeAttribute('aria-busy');
    return;
  }
  main.textContent = `No page at ${url.pathname}.`;
  main.removeAttribute('aria-busy');
}

export function showError(main: HTMLElement, err: unknown): void {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = err instanceof Error ? err.message : String(err);
  main.append(p);
  window.dispatchEvent(new CustomEvent('r1lab:error', { detail: err }));
}

/** Same-origin links move between views without a reload. */
export function interceptLinks(): void {
  document.addEventListener('click', (e) => {
    const a = (e.target as Element).closest?.('a');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || a.target || a.hasAttribute('download')) return;
    if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/docs')) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => void render());
}
