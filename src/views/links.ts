/** URL parameters that describe the view's time, carried over when navigating between Cascade pages. */
const CARRIED = ['from', 'to', 'timezone', 'refresh'];

/** `url` with the current page's time parameters appended (deep links keep the range). */
export function withTimeParams(url: string, currentSearch: string): string {
  const current = new URLSearchParams(currentSearch);
  const [path, query = ''] = url.split('?');
  const next = new URLSearchParams(query);
  for (const key of CARRIED) {
    const v = current.get(key);
    if (v !== null && !next.has(key)) {
      next.set(key, v);
    }
  }
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}
