// A job's logs, followed live: one streamed GET /jobs/{id}/logs?follow=true that the API keeps
// open across attempts until the job ends. Returns what stops it when the page is left.
const MAX_CHARS = 200_000;

export function followLogs(id, bearer, pre) {
  const abort = new AbortController();
  (async () => {
    try {
      const response = await fetch(`/api/v1/jobs/${encodeURIComponent(id)}/logs?follow=true`,
        { headers: { Authorization: `Bearer ${bearer}` }, signal: abort.signal });
      if (!response.ok) {
        pre.textContent = `(logs: HTTP ${response.status})`;
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // Keep the tail only: a chatty job must not grow the page without bound.
        pre.textContent = (pre.textContent + value).slice(-MAX_CHARS);
        pre.scrollTop = pre.scrollHeight;
      }
      pre.dataset.ended = 'true';
    } catch (e) {
      if (e.name !== 'AbortError') pre.append(`\n(logs stopped: ${e.message})`);
    }
  })();
  return () => abort.abort();
}
