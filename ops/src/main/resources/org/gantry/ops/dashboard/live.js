// Live updates by polling: the current view refreshes every 2 s while the tab is visible and
// stops while it is hidden, so an idle tab costs the control plane nothing. A failed refresh
// shows the server's problem above the view and keeps trying.
import { problem } from './dom.js';

const INTERVAL_MS = 2000;
let current = null;
let timer = null;
/** Bumped whenever a loop starts, so an older loop that is mid-request ends instead of running twice. */
let generation = 0;

/** Runs `refresh` now and every 2 s until the next `follow` (or `stop`) replaces it. */
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
    status(`updated ${new Date().toLocaleTimeString()} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    if (mine !== generation) return;
    showAlert(problem(e));
    status(`update failed: ${e.message}`);
  }
  timer = setTimeout(() => tick(mine), INTERVAL_MS);
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
