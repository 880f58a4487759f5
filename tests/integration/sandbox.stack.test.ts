/**
 * startStack end to end in Node: the demo pipeline, a real Prometheus (Debian binary) scraping it,
 * the Loki/Jaeger stand-ins and the sandbox server, wired through the repository's provisioning
 * files — then stop() leaves nothing listening.
 */
import { execFileSync } from 'child_process';
import { startStack, Stack } from '../../sandbox/server/stack';

jest.setTimeout(90_000);

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ port: 0, scenario: { autoRun: false }, warmupRuns: 2 });
});

afterAll(async () => {
  await stack?.stop();
});

const proxy = (uid: string, rest: string) => `${stack.url}/api/datasources/proxy/uid/${uid}/${rest}`;

it('serves the demo series from the real Prometheus through the cascade-prometheus proxy', async () => {
  const res = await fetch(
    proxy('cascade-prometheus', `api/v1/query?query=${encodeURIComponent('asset_executions_total')}`)
  );
  expect(res.status).toBe(200);
  const body = await res.json();
  const state = (await (await fetch(`${stack.url}/sandbox/api/demo/state`)).json()).state as Record<
    string,
    { runs: number }
  >;
  const byAsset = Object.fromEntries(
    body.data.result.map((r: { metric: { asset_name: string }; value: [number, string] }) => [
      r.metric.asset_name,
      Number(r.value[1]),
    ])
  );
  // The stale asset never runs, so it exports no counter; every other asset ran twice.
  expect(Object.keys(byAsset).length).toBeGreaterThanOrEqual(4);
  for (const [asset, runs] of Object.entries(byAsset)) {
    expect(runs).toBe(state[asset].runs);
  }
  const rules = await (await fetch(proxy('cascade-prometheus', 'api/v1/rules'))).json();
  expect(JSON.stringify(rules.data)).toMatch(/freshness/i);
});

it('reaches the Loki and Jaeger stand-ins through their proxies', async () => {
  const services = await (await fetch(proxy('cascade-jaeger', 'api/services'))).json();
  expect(services.data).toContain('dagster');
  const labels = await (await fetch(proxy('cascade-loki', 'loki/api/v1/labels'))).json();
  expect(labels.data).toContain('job');
});

it('stop() stops Prometheus and the servers it started', async () => {
  const urls = [stack.url, stack.prometheusUrl, stack.lokiUrl!, stack.jaegerUrl!];
  await stack.stop();
  for (const url of urls) {
    await expect(fetch(url)).rejects.toThrow();
  }
  const prometheusPort = new URL(urls[1]).port;
  const procs = execFileSync('ps', ['-eo', 'args']).toString();
  expect(procs).not.toContain(`127.0.0.1:${prometheusPort}`);
});
