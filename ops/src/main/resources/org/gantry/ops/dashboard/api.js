// The REST API with the token the user logged in with. The token lives in sessionStorage: it
// goes when the tab closes and is never written into the page.
const KEY = 'gantry.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

/** A refused request, carrying the server's RFC 9457 problem body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls /api/v1{path}; resolves to the JSON answer, rejects with an ApiError. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Authorization: `Bearer ${token.get()}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = { detail: text }; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/**
 * Who the token belongs to: the admin sees every tenant, a tenant only itself. Creating a tenant
 * without a name tells them apart and can never create one: a tenant token is refused (403)
 * before the body is read, the admin's empty body is refused as invalid (422).
 */
export async function whoAmI() {
  const probe = api('/tenants', { method: 'POST', body: '{}' })
    .then(() => true, (e) => e.status !== 403);
  const [{ tenants = [] }, admin] = await Promise.all([api('/tenants'), probe]);
  return { admin, tenants: tenants.map((t) => t.name) };
}
