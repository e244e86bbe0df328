// A tiny DOM builder: el('td', { class: 'num' }, '94.2 %'). Strings become text nodes (never HTML).
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * @example
 * el('button', { type: 'button', onclick: () => alert('hi') }, 'Say hi');
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** A table with a header row; `rows` are arrays of cells (strings or nodes). */
export function table(
  caption: string | null,
  head: string[],
  rows: Child[][],
  attrs: Attrs = {},
): HTMLElement {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      attrs,
      caption ? el('caption', {}, caption) : null,
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => cell(c))))),
    ),
  );
}

function cell(c: Child): HTMLElement {
  if (c instanceof HTMLTableCellElement) return c;
  const numeric =
    typeof c === 'number' || (typeof c === 'string' && /^[-+−]?[\d.,]+\s?%?$/.test(c));
  return el('td', numeric ? { class: 'num' } : {}, c);
}

export function statusBadge(status: string): HTMLElement {
  return el('span', { class: `badge status-${status}` }, status);
}

export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return el('a', { href }, ...children);
}
