// Line charts with uPlot (from its WebJar). A chart is made once and fed new data on each
// refresh, so a live page does not rebuild its canvas every 2 s.
import uPlot from '/dashboard/uplot/uPlot.esm.js';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

/** A chart in `host` with an x axis and named series; returns {update(x, ...ys)}. */
export function lineChart(host, { title, x = 'x', series, time = false }) {
  const width = () => Math.max(320, host.clientWidth || 640);
  const options = {
    title, width: width(), height: 240, scales: { x: { time } },
    series: [{ label: x }, ...series.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 2 }))],
    axes: [{}, {}],
  };
  const plot = new uPlot(options, [[], ...series.map(() => [])], host);
  return { update: (xs, ...ys) => plot.setData([xs, ...ys]) };
}
