// Live updates by polling: the current view refreshes every second (start to start, never two at
// once) while the tab is visible, and stops while it is hidden, so an idle tab costs the control
// plane nothing. A second, not two: a change then shows within the interval plus one refresh's
// time, which keeps the page within 2 s of the API even when a refresh of 1,000 nodes takes
// half a second. A failed refresh shows the server's problem above the view and keeps trying.
import { problem } from './dom.js';

const INTERVAL_MS = 1000;
let current = null;
let timer = null;
/** Bumped whenever a loop starts, so an older loop that is mid-request ends instead of running twice. */
let generation = 0;

/** Runs `refresh` now and every second until the next `follow` (or `stop`) replaces it. */
export function follow(refresh) {
  current = refresh;
  showAlert();
  restart();
}

export function stop() {
  current = null;
  generation++;
  clearTimeout(timer);
  showAlert();
}

function restart() {
  generation++;
  clearTimeout(timer);
  tick(generation);
}

async function tick(mine) {
  if (!current || document.hidden || mine !== generation) return;
  const started = performance.now();
  try {
    await current();
    if (mine !== generation) return;
    showAlert();
    performance.mark('gantry-updated'); // what the at-scale test reads as "data shown"
    status(`updated ${new Date().toLocaleTimeString()} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    if (mine !== generation) return;
    showAlert(problem(e));
    status(`update failed: ${e.message}`);
  }
  timer = setTimeout(() => tick(mine), Math.max(0, INTERVAL_MS - (performance.now() - started)));
}

function showAlert(...content) {
  document.getElementById('alert').replaceChildren(...content);
}

function status(text) {
  const el = document.getElementById('live');
  el.textContent = text;
  el.dataset.updatedAt = String(Date.now());
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) restart();
});
