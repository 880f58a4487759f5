/** Reachability of the real backends `npm start` is pointed at, so a wrong URL is said in the terminal. */

/** A backend URL given on the command line and a cheap endpoint that answers when it is up. */
export interface BackendProbe {
  name: string;
  url: string;
  /** Path appended to url (e.g. '/-/ready'). */
  path: string;
}

/**
 * Returns one warning per backend that does not answer within timeoutMs (any HTTP status counts
 * as reachable: a 401 still means the URL is right and the proxy will say more).
 */
export async function unreachableBackends(probes: BackendProbe[], timeoutMs = 3000): Promise<string[]> {
  const results = await Promise.all(
    probes.map(async (p) => {
      const target = `${p.url.replace(/\/$/, '')}${p.path}`;
      try {
        await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
        return undefined;
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name ?? String(e);
        return `${p.name} at ${p.url} is unreachable (${cause}): Cascade's pages will say ${p.name} is unavailable`;
      }
    })
  );
  return results.filter((w): w is string => w !== undefined);
}
