// Line charts with uPlot (from its WebJar). A chart is made once and fed new data on each
// refresh, so a live page does not rebuild its canvas every second.
import uPlot from '/dashboard/uplot/uPlot.esm.js';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

// uPlot's stylesheet joins the page with the first chart, so pages without one never wait for it.
document.head.append(Object.assign(document.createElement('link'),
  { rel: 'stylesheet', href: '/dashboard/uplot/uPlot.min.css' }));

/** A chart in `host` with an x axis and named series; returns {update(x, ...ys)}. */
export function lineChart(host, { title, x = 'x', series, time = false }) {
  const options = {
    title, width: Math.max(320, host.clientWidth || 640), height: 240, scales: { x: { time } },
    // The first series is filled, so the others stay visible where they run along it.
    series: [{ label: x }, ...series.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 2,
      fill: i === 0 ? 'rgba(37, 99, 235, 0.12)' : undefined }))],
    axes: [{}, {}],
  };
  const plot = new uPlot(options, [[], ...series.map(() => [])], host);
  return { update: (xs, ...ys) => plot.setData([xs, ...ys]) };
}
