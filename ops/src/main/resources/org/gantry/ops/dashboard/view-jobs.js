// Jobs, newest first, filtered by state; the API's cursor pages them.
import { api } from './api.js';
import { badge, h, link, table, when } from './dom.js';

const STATES = ['', 'PENDING', 'SCHEDULED', 'RUNNING', 'SUSPENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export function render(main) {
  const cursors = [null];
  const state = h('select', { 'aria-label': 'state' }, STATES.map((s) => h('option', { value: s }, s || 'any state')));
  const body = h('section');
  const nav = h('div', { class: 'pager' });
  let index = 0;
  const move = (by) => () => { index += by; refresh(); };
  state.addEventListener('change', () => { cursors.length = 1; index = 0; refresh(); });
  main.replaceChildren(h('h1', {}, 'Jobs'), h('label', {}, 'State ', state), body, nav);

  async function refresh() {
    const query = new URLSearchParams({ limit: '50' });
    if (state.value) query.set('state', state.value);
    if (cursors[index]) query.set('cursor', cursors[index]);
    const page = await api(`/jobs?${query}`);
    cursors[index + 1] = page.nextCursor || null;
    body.replaceChildren(table(['job', 'name', 'tenant', 'state', 'GPUs', 'submitted', 'reason'],
      (page.jobs || []).map((j) => [link(`#/job/${j.id}`, j.id), j.name, j.tenant, badge(j.state),
        String(j.gpuCount ?? ''), when(j.submittedAt), j.reason || '']), { empty: 'No jobs.' }));
    nav.replaceChildren(
      h('button', { type: 'button', onclick: move(-1), disabled: index === 0 }, '‹ Newer'),
      h('span', {}, `page ${index + 1}`),
      h('button', { type: 'button', onclick: move(1), disabled: !page.nextCursor }, 'Older ›'));
  }
  return refresh;
}
