// Submit a job as JSON. A refusal shows the server's problem, each error at its JSON path.
import { api } from './api.js';
import { h, problem } from './dom.js';

const EXAMPLE = {
  name: 'hello', gpus: 1, maxRetries: 0, requeueable: true,
  workload: { kind: 'process', command: ['sh', '-c', 'for i in 1 2 3; do echo step $i; sleep 1; done'] },
};

export function render(main, { who }) {
  const example = who.admin ? { ...EXAMPLE, tenant: who.tenants[0] || 'default' } : EXAMPLE;
  const spec = h('textarea', { id: 'spec', rows: 14, spellcheck: 'false', 'aria-label': 'job JSON' });
  spec.value = JSON.stringify(example, null, 2);
  const outcome = h('div', { id: 'outcome' });
  const send = (dryRun) => async () => {
    outcome.replaceChildren(h('p', { class: 'muted' }, 'Sending…'));
    try {
      const answer = await api(`/jobs${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: spec.value });
      if (dryRun) {
        outcome.replaceChildren(h('pre', {}, JSON.stringify(answer, null, 2)));
      } else {
        location.hash = `#/job/${answer.id}`;
      }
    } catch (e) {
      outcome.replaceChildren(problem(e));
    }
  };
  main.replaceChildren(h('h1', {}, 'Submit a job'),
    h('p', {}, 'The job JSON of the README (',
      h('code', {}, 'gpus'), ' may be ', h('code', {}, '{"min": 2, "max": 8}'), '; ',
      h('code', {}, 'secretEnv'), ' values are masked once stored; ',
      h('code', {}, '"requeueable": false'), ' ends a job FAILED with reason NODE_LOST when its node is lost, ',
      'instead of running it again).'),
    spec, h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'submit', onclick: send(false) }, 'Submit'),
      h('button', { type: 'button', id: 'dry-run', class: 'secondary', onclick: send(true) }, 'Dry run')),
    outcome);
  return null;
}
