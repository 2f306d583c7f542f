// Small DOM helpers. Text always goes in as text nodes, never as HTML: job names, reasons and
// log lines come from users and must not become markup.

/** h('td', {class: 'num'}, 'text', childNode, [more]) → an element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

/** A table with a header row; each row is a list of cells (strings or nodes). */
export function table(headers, rows, { empty = 'Nothing here.' } = {}) {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', {}, name)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))));
}

/** Renders one page of `items`: `page` holds {index}; the buttons call `onChange`. */
export function pager(items, page, size, onChange) {
  const controls = pageControls(page, items.length, size, onChange);
  return { rows: items.slice(page.index * size, (page.index + 1) * size), controls };
}

/**
 * Previous/next buttons over `total` items in pages of `size`, for lists the server pages:
 * clamps `page.index` to the last page and calls `onChange` after a button moved it.
 */
export function pageControls(page, total, size, onChange) {
  const pages = Math.max(1, Math.ceil(total / size));
  page.index = Math.min(page.index, pages - 1);
  const go = (index) => () => { page.index = index; onChange(); };
  return h('div', { class: 'pager' },
    h('button', { type: 'button', onclick: go(page.index - 1), disabled: page.index === 0 }, '‹ Previous'),
    h('span', {}, `page ${page.index + 1} of ${pages} (${total} in all)`),
    h('button', { type: 'button', onclick: go(page.index + 1), disabled: page.index >= pages - 1 }, 'Next ›'));
}

export const link = (href, text) => h('a', { href }, text);

export function when(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  const seconds = Math.round((date - Date.now()) / 1000);
  if (Math.abs(seconds) < 2) return `${date.toLocaleTimeString()} (now)`;
  const ago = Math.abs(seconds) < 90 ? `${Math.abs(seconds)} s` : `${Math.round(Math.abs(seconds) / 60)} min`;
  return `${date.toLocaleTimeString()} (${seconds >= 0 ? 'in ' + ago : ago + ' ago'})`;
}

export const badge = (state) => h('span', { class: `badge ${String(state).toLowerCase()}` }, state);

/** A horizontal bar filled to value/max with a label: GPU allocation, quota use. */
export function meter(value, max, label, kind = '') {
  const percent = max > 0 ? Math.min(100, (100 * value) / max) : 0;
  const bar = h('span', { class: `fill ${kind}` });
  bar.style.width = `${percent}%`;
  return h('span', { class: 'meter', title: label }, bar, h('span', { class: 'label' }, label));
}

/** Shows a refusal: the problem's title, detail and each {path, message} error. */
export function problem(error) {
  const p = error.problem || {};
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, `${error.status || ''} ${p.title || 'Error'}`), h('p', {}, p.detail || error.message),
    (p.errors || []).length ? h('ul', {}, p.errors.map((e) => h('li', {}, h('code', {}, e.path), ' ', e.message))) : null);
}
