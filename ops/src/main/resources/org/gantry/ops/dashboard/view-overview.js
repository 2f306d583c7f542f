// Pools, then nodes a page at a time with each GPU's allocation and utilization; cordon, drain
// and uncordon for the admin. A thousand nodes stay usable: only one page is drawn.
import { api } from './api.js';
import { badge, h, meter, pager, problem, table } from './dom.js';

const PAGE = 50;

export function render(main, { who }) {
  const page = { index: 0 };
  const filter = h('input', { type: 'search', placeholder: 'filter nodes by name, pool or status' });
  const pools = h('section');
  const nodes = h('section');
  const message = h('div');
  let last = [];
  const draw = () => drawNodes(nodes, last, filter.value, page, who.admin, act, draw);
  filter.addEventListener('input', () => { page.index = 0; draw(); });
  main.replaceChildren(h('h1', {}, 'Overview'), message, pools, h('h2', {}, 'Nodes'), filter, nodes);

  async function act(node, action) {
    try {
      await api(`/nodes/${encodeURIComponent(node)}/${action}`, { method: 'POST' });
      message.replaceChildren(h('p', { class: 'ok' }, `${action} ${node}: done`));
      await refresh();
    } catch (e) {
      message.replaceChildren(problem(e));
    }
  }

  async function refresh() {
    const [p, n] = await Promise.all([api('/pools'), api('/nodes')]);
    drawPools(pools, p.pools || []);
    last = n.nodes || [];
    draw();
  }
  return refresh;
}

function drawPools(section, pools) {
  section.replaceChildren(h('h2', {}, 'Pools'), table(
    ['pool', 'nodes', 'GPUs allocated', 'running', 'pending (GPUs)', 'guaranteed'],
    pools.map((p) => [p.id, String(p.nodes), meter(p.gpus - p.freeGpus, p.gpus, `${p.gpus - p.freeGpus} / ${p.gpus}`),
      String(p.runningJobs), `${p.pendingJobs} (${p.pendingGpus})`,
      p.overcommitted ? h('span', { class: 'warn', title: 'guarantees exceed the pool: not every tenant can have its guarantee at once' },
        `${p.guaranteed} — over-committed`) : String(p.guaranteed ?? 0)])));
}

function drawNodes(section, all, text, page, admin, act, redraw) {
  const needle = text.trim().toLowerCase();
  const shown = needle ? all.filter((n) => `${n.id} ${n.pool} ${n.status}`.toLowerCase().includes(needle)) : all;
  const { rows, controls } = pager(shown, page, PAGE, redraw);
  section.replaceChildren(table(
    ['node', 'pool', 'status', 'GPUs allocated', 'per GPU (green: allocated, white: free; blue: utilization)', 'jobs', admin ? 'actions' : null].filter(Boolean),
    rows.map((n) => [n.id, n.pool, badge(n.status),
      meter(n.gpus - n.freeGpus, n.gpus, `${n.gpus - n.freeGpus} / ${n.gpus}`),
      gpus(n), String((n.jobs || []).length), admin ? actions(n, act) : null].filter((c) => c !== null)),
    { empty: 'No nodes.' }), controls);
}

/** One cell per GPU: allocated (to a job the token may see, named in its title) or free, filled to its utilization. */
function gpus(node) {
  const devices = node.devices || [];
  const allocated = new Map((node.allocated || []).map((a) => [a.gpu, a]));
  return h('span', { class: 'gpus' }, devices.map((d) => {
    const holder = allocated.get(d.index);
    const use = d.healthy === false ? 'sick' : holder ? 'allocated' : 'free';
    const to = !holder ? (d.healthy === false ? `withheld: ${d.reason || 'unhealthy'}` : 'free')
      : holder.job ? `allocated to ${holder.job} (${holder.tenant})` : 'allocated';
    const cell = h('span', { class: `gpu ${use}`, 'data-gpu': String(d.index),
      title: `GPU ${d.index} ${d.model || ''}: ${to}; ${d.utilizationPercent ?? '?'}% busy` });
    cell.style.setProperty('--util', `${d.utilizationPercent ?? 0}%`);
    return cell;
  }));
}

function actions(node, act) {
  const button = (action) => h('button', { type: 'button', class: 'small', 'data-action': action,
    onclick: () => act(node.id, action) }, action);
  return node.status === 'READY' ? h('span', {}, button('cordon'), button('drain')) : button('uncordon');
}
