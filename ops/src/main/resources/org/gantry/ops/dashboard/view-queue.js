// The queue in scheduling order with each job's reason and estimated start, a page at a time:
// the API lists up to 10,000 pending jobs, the page draws 50 of them.
import { api } from './api.js';
import { h, link, pager, table, when } from './dom.js';

const PAGE = 50;

export function render(main) {
  const page = { index: 0 };
  const body = h('section');
  let last = [];
  const draw = () => {
    const { rows, controls } = pager(last, page, PAGE, draw);
    body.replaceChildren(table(['#', 'job', 'tenant', 'pool', 'GPUs', 'submitted', 'why it waits', 'estimated start'],
      rows.map((q) => [String(q.position), link(`#/job/${q.id}`, q.name || q.id), q.tenant || '', q.pool || '',
        String(q.gpus), when(q.submittedAt), q.reason || '', q.estimatedStart ? when(q.estimatedStart) : 'unknown']),
      { empty: 'The queue is empty.' }), controls);
  };
  main.replaceChildren(h('h1', {}, 'Queue'), body);
  return async () => {
    last = (await api('/queue')).queue || [];
    draw();
  };
}
