// One job: its state, spec (the API masks secrets), attempts, events, live logs and, for
// djl-train, its loss and MAE per epoch.
import { api, token } from './api.js';
import { badge, h, problem, table, when } from './dom.js';
import { followLogs } from './logs.js';

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function render(main, context, [id]) {
  const head = h('section');
  const attempts = h('section');
  const curves = h('section', { class: 'curves' });
  const events = h('section');
  const logs = h('pre', { class: 'logs', id: 'logs' });
  let charts = null;
  main.replaceChildren(h('h1', {}, 'Job ', h('code', {}, id)), head, curves, attempts, events,
    h('h2', {}, 'Logs (following)'), logs);
  context.onLeave(followLogs(id, token.get(), logs));

  async function cancel() {
    try {
      await api(`/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
    } catch (e) {
      head.append(problem(e));
    }
  }

  return async () => {
    const [job, history] = await Promise.all([api(`/jobs/${encodeURIComponent(id)}`),
      api(`/jobs/${encodeURIComponent(id)}/events`)]);
    head.replaceChildren(
      h('p', {}, badge(job.state), ` ${job.name} · tenant ${job.tenant} · ${gpus(job)} · `,
        `submitted ${when(job.submittedAt)}`, job.reason ? ` · ${job.reason}` : '',
        FINAL.includes(job.state) ? null : h('button', { type: 'button', class: 'small', onclick: cancel }, 'Cancel')),
      h('details', {}, h('summary', {}, 'Spec (secrets masked)'), h('pre', {}, JSON.stringify(job.spec, null, 2))));
    attempts.replaceChildren(h('h2', {}, 'Attempts'), table(['#', 'on', 'scheduled', 'started', 'ended', 'outcome', 'exit', 'reason'],
      (job.attempts || []).map((a) => [String(a.attempt), placement(a.allocation), when(a.scheduledAt), when(a.startedAt),
        when(a.endedAt), a.outcome || '', a.exitCode ?? '', a.reason || '']), { empty: 'Not placed yet.' }));
    events.replaceChildren(h('h2', {}, 'Events'), h('ol', { class: 'timeline' }, (history.events || []).map((e) =>
      h('li', {}, h('time', {}, when(e.at)), ' ', h('strong', {}, e.event), ' ', badge(e.state), ' ', e.detail || ''))));
    charts = await drawCurves(curves, history.events || [], charts);
  };
}

/** The GPUs it holds now, else what it asks for (a number, or an elastic {min, max}). */
function gpus(job) {
  if (job.gpuCount) return job.gpuCount === 1 ? '1 GPU' : `${job.gpuCount} GPUs`;
  const asked = job.spec?.gpus;
  if (typeof asked === 'object') return `${asked.min}–${asked.max} GPUs`;
  return asked === 1 ? '1 GPU' : `${asked} GPUs`;
}

function placement(allocation = {}) {
  return Object.entries(allocation).map(([node, gpus]) => `${node} [${gpus.join(', ')}]`).join(', ');
}

/** Loss and MAE per epoch from the Progressed events; a resumed run's repeated epochs keep the latest. */
async function drawCurves(section, events, charts) {
  const byEpoch = new Map();
  for (const e of events) for (const p of e.epochs || []) byEpoch.set(p.epoch, p);
  if (byEpoch.size === 0) return charts;
  if (!charts) {
    const { lineChart } = await import('./charts.js');
    const loss = h('div', { class: 'chart' });
    const mae = h('div', { class: 'chart' });
    section.replaceChildren(h('h2', {}, 'Training'), loss, mae);
    charts = {
      loss: lineChart(loss, { title: 'Loss per epoch', x: 'epoch', series: ['train loss', 'validation MSE'] }),
      mae: lineChart(mae, { title: 'Validation MAE per epoch', x: 'epoch', series: ['validation MAE'] }),
    };
  }
  const rows = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  const column = (name) => rows.map((r) => r[name]);
  charts.loss.update(column('epoch'), column('trainLoss'), column('validationMse'));
  charts.mae.update(column('epoch'), column('validationMae'));
  return charts;
}
