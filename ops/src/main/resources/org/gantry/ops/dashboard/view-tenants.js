// Tenants: quota gauges per pool (guaranteed, borrowed, used against the limit) and GPU-hours
// over time. The admin picks any tenant; a tenant sees only its own.
import { api } from './api.js';
import { h, link, meter, table } from './dom.js';

const RANGES = { '1h': '1m', '24h': '1h', '7d': '1d' };

export function render(main, { who }, [name]) {
  const tenant = name || (who.admin ? null : who.tenants[0]);
  if (!tenant) return listTenants(main);
  const range = h('select', { 'aria-label': 'range' },
    Object.keys(RANGES).map((r) => h('option', { value: r }, `last ${r}`)));
  const gauges = h('section');
  const chartHost = h('div', { class: 'chart' });
  let chart = null;
  main.replaceChildren(h('h1', {}, 'Tenant ', h('code', {}, tenant)), gauges,
    h('h2', {}, 'GPU-hours ', range), chartHost);
  range.addEventListener('change', () => refresh());

  async function refresh() {
    const t = encodeURIComponent(tenant);
    const [quota, usage] = await Promise.all([api(`/tenants/${t}/quota`),
      api(`/tenants/${t}/usage?from=${range.value}&step=${RANGES[range.value]}`)]);
    drawQuota(gauges, quota);
    if (!chart) {
      const { lineChart } = await import('./charts.js');
      chart = lineChart(chartHost, { title: 'GPU-hours per step', x: 'time', time: true,
        series: ['used', 'within guarantee', 'borrowed'] });
    }
    const steps = sumSteps(usage.pools || []);
    chart.update(steps.map((s) => s.t), steps.map((s) => s.used), steps.map((s) => s.guaranteed),
      steps.map((s) => s.borrowed));
  }
  return refresh;
}

function listTenants(main) {
  const body = h('section');
  main.replaceChildren(h('h1', {}, 'Tenants'), body);
  return async () => {
    const { tenants = [] } = await api('/tenants');
    body.replaceChildren(table(['tenant', 'quotas (guaranteed / limit per pool)'], tenants.map((t) => [
      link(`#/tenants/${encodeURIComponent(t.name)}`, t.name),
      Object.entries(t.quotas || {}).map(([pool, q]) => `${pool}: ${q.guaranteed} / ${q.limit ?? q.guaranteed}`).join(', ')])));
  };
}

function drawQuota(section, quota) {
  const pools = Object.entries(quota.pools || {});
  section.replaceChildren(h('h2', {}, 'Quota'),
    (quota.warnings || []).map((w) => h('p', { class: 'warn' }, w)),
    table(['pool', 'used of limit', 'within guarantee', 'borrowed', 'pending GPUs'], pools.map(([pool, p]) => {
      const limit = p.limit >= 2147483647 ? Math.max(p.used, p.guaranteed, 1) : p.limit;
      const within = Math.min(p.used, p.guaranteed);
      return [pool, meter(p.used, limit, `${p.used} / ${p.limit >= 2147483647 ? 'no limit' : p.limit}`),
        meter(within, p.guaranteed, `${within} / ${p.guaranteed} guaranteed`, 'ok'),
        meter(p.borrowed, Math.max(1, limit - p.guaranteed), `${p.borrowed} borrowed`, 'borrowed'), String(p.pendingGpus ?? 0)];
    }), { empty: 'No quota in any pool.' }));
}

/** The pools' steps added up per step start, as seconds since the epoch for uPlot. */
function sumSteps(pools) {
  const byStart = new Map();
  for (const pool of pools) {
    for (const s of pool.steps || []) {
      const t = Date.parse(s.start) / 1000;
      const sum = byStart.get(t) || { t, used: 0, guaranteed: 0, borrowed: 0 };
      sum.used += s.usedGpuHours;
      sum.guaranteed += s.guaranteedGpuHours;
      sum.borrowed += s.borrowedGpuHours;
      byStart.set(t, sum);
    }
  }
  return [...byStart.values()].sort((a, b) => a.t - b.t);
}
