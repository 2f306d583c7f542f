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
 * Who the token belongs to, as GET /whoami says: the admin sees every tenant, a tenant only
 * itself (the list comes from GET /tenants, which answers the caller's own).
 */
export async function whoAmI() {
  const [who, { tenants = [] }] = await Promise.all([api('/whoami'), api('/tenants')]);
  return { admin: who.kind === 'admin', tenants: tenants.map((t) => t.name) };
}
