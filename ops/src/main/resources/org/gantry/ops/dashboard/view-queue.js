// The queue in scheduling order with each job's reason and estimated start, a page at a time:
// the server pages it (?offset&limit), so each refresh fetches only the 50 entries drawn.
import { api } from './api.js';
import { h, link, pageControls, problem, table, when } from './dom.js';

const PAGE = 50;

export function render(main) {
  const page = { index: 0 };
  const body = h('section');
  const refresh = async () => {
    const answer = await api(`/queue?offset=${page.index * PAGE}&limit=${PAGE}`);
    const total = answer.total || 0;
    if (page.index > 0 && page.index * PAGE >= total) { // the queue shrank under this page
      page.index = Math.max(0, Math.ceil(total / PAGE) - 1);
      return refresh();
    }
    const controls = pageControls(page, total, PAGE, () => refresh().catch(
      (e) => body.replaceChildren(problem(e))));
    body.replaceChildren(table(['#', 'job', 'tenant', 'pool', 'GPUs', 'submitted', 'why it waits', 'estimated start'],
      (answer.queue || []).map((q) => [String(q.position), link(`#/job/${q.id}`, q.name || q.id), q.tenant || '',
        q.pool || '', String(q.gpus), when(q.submittedAt), q.reason || '',
        q.estimatedStart ? when(q.estimatedStart) : 'unknown']),
      { empty: 'The queue is empty.' }), controls);
  };
  main.replaceChildren(h('h1', {}, 'Queue'), body);
  return refresh;
}
