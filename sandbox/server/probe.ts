/** Reachability of the real backends `npm start` is pointed at, so a wrong URL is said in the terminal. */
import http from 'http';
import https from 'https';

/** A backend URL given on the command line and a cheap endpoint that answers when it is up. */
export interface BackendProbe {
  name: string;
  url: string;
  /** Path appended to url (e.g. '/-/ready'). */
  path: string;
}

/** Resolves when `target` answers with any status; rejects with the connection error (e.g. ECONNREFUSED). */
function answers(target: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = new URL(target);
    // node:http, as the sandbox proxy uses: fetch refuses "bad ports" (e.g. 9) that the proxy would still try.
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve();
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
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
        await answers(target, timeoutMs);
        return undefined;
      } catch (e) {
        const cause = (e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e);
        return `${p.name} at ${p.url} is unreachable (${cause}): Cascade's pages will say ${p.name} is unavailable`;
      }
    })
  );
  return results.filter((w): w is string => w !== undefined);
}
