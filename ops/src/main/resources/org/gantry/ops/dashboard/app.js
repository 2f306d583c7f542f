// The dashboard's shell: login, the hash router (#/view/argument) and the live loop.
import { token, whoAmI } from './api.js';
import { h, problem } from './dom.js';
import { follow, stop } from './live.js';
import * as overview from './view-overview.js';
import * as queue from './view-queue.js';
import * as jobs from './view-jobs.js';
import * as job from './view-job.js';
import * as tenants from './view-tenants.js';
import * as submit from './view-submit.js';

const VIEWS = { overview, queue, jobs, job, tenants, submit };
const main = document.getElementById('view');
let who = null;
let leaving = [];

/** Stops what the previous view left running (a followed log). */
function leave() {
  for (const fn of leaving) fn();
  leaving = [];
}

function showLogin(message) {
  stop();
  leave();
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    placeholder: 'bearer token', 'aria-label': 'Bearer token' });
  const form = h('form', { id: 'login', class: 'card' },
    h('h1', {}, 'Log in'),
    h('p', {}, 'Paste a Gantry token: the admin token (', h('code', {}, 'gantry-data/admin.token'),
      ') or a tenant token from ', h('code', {}, 'gantry tenants create'), '.'),
    input, h('button', { type: 'submit' }, 'Log in'), message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    token.set(input.value.trim());
    await start();
  });
  main.replaceChildren(form);
  input.focus();
}

async function start() {
  try {
    who = await whoAmI();
  } catch (e) {
    token.clear();
    return showLogin(problem(e));
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = who.admin ? 'admin' : `tenant ${who.tenants.join(', ')}`;
  route();
}

function route() {
  if (!who) return;
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const view = VIEWS[name] || overview;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === `#/${name === 'job' ? 'jobs' : name}`);
  }
  leave();
  const onLeave = (fn) => leaving.push(fn);
  const refresh = view.render(main, { who, onLeave }, rest.map(decodeURIComponent));
  if (refresh) follow(refresh); else stop();
}

document.getElementById('logout').addEventListener('click', () => {
  token.clear();
  who = null;
  showLogin();
});
window.addEventListener('hashchange', route);
if (token.get()) start(); else showLogin();
