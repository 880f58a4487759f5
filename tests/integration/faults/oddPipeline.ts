/**
 * A tiny "pipeline" whose asset names are hostile strings, for the exact-selection properties:
 * a prom-client registry served on a loopback port (scraped by the real Prometheus), log lines
 * pushed to the Loki stand-in's push API and one OTLP trace per asset sent to the Jaeger stand-in.
 * Every expected answer is computed here, from the same table the signals were made from.
 */
import http from 'http';
import { AddressInfo } from 'net';
import fc from 'fast-check';
import { Counter, Gauge, Registry } from 'prom-client';
import { hostileString, INJECTIONS, isWellFormed } from './hostileStrings';

export interface OddAsset {
  name: string;
  index: number;
  layer: string;
  upstream: string;
  traceId: string;
  rowCount: number;
}

export interface OddLine {
  asset: string;
  level: 'error' | 'info';
  line: string;
  ns: string;
}

/** Layers are hostile too (they are matched by `variableQuery(…, layer)`). */
export const ODD_LAYERS = ['bronze', 'si"lv\\er', 'go.l|d', 'ünï 🌙', 'a\nb'];

/**
 * The asset names: injection fragments, each hostile character alone, long names, random hostile
 * strings, and near misses of them (prefix/suffix/metacharacter stand-ins) that an unescaped or
 * unanchored matcher would also select. Lone surrogates are left out: UTF-8 (and so the exposition
 * format, Loki's and Jaeger's JSON) cannot carry them; the builders map them to U+FFFD, which the
 * grammar property covers.
 */
export function oddAssetNames(randomCount: number, seed: number): string[] {
  const random = fc.sample(hostileString({ minLength: 1, maxLength: 12, loneSurrogates: false }), {
    numRuns: randomCount,
    seed,
  });
  const base = [
    ...INJECTIONS,
    '"',
    '\\',
    '\n',
    ' ',
    'a b',
    'tab\there',
    'nul\0byte',
    'é',
    '🌙',
    'a.b',
    'aXb',
    'a+',
    'aa',
    '(a)',
    'a',
    '[ab]',
    'b',
    `long-${'x.'.repeat(1000)}`,
    `long-uni-${'🌙é"\\'.repeat(80)}`,
    ...random,
  ];
  const nearMisses = base.slice(0, 60).flatMap((n) => [`${n}x`, `x${n}`, n.replace(/[.*+?|()[\]{}^$\\]/g, 'Z')]);
  const seen = new Set<string>();
  for (const n of [...base, ...nearMisses]) {
    if (n !== '' && isWellFormed(n)) {
      seen.add(n);
    }
  }
  return Array.from(seen);
}

export function oddAssets(names: string[]): OddAsset[] {
  return names.map((name, index) => ({
    name,
    index,
    layer: ODD_LAYERS[index % ODD_LAYERS.length],
    upstream: names[(index + 1) % names.length],
    traceId: `f${(index + 1).toString(16).padStart(31, '0')}`,
    rowCount: 1000 + index,
  }));
}

/** prom-client metrics named as the data source's default mapping, served on a free loopback port. */
export async function serveOddMetrics(assets: OddAsset[]): Promise<{ target: string; close(): Promise<void> }> {
  const registry = new Registry();
  const rowCount = new Gauge({
    name: 'asset_row_count',
    help: 'rows',
    labelNames: ['asset_name'],
    registers: [registry],
  });
  const info = new Gauge({
    name: 'asset_info',
    help: 'info',
    labelNames: ['asset_name', 'layer', 'owner'],
    registers: [registry],
  });
  const last = new Gauge({
    name: 'asset_last_update_timestamp',
    help: 'last',
    labelNames: ['asset_name'],
    registers: [registry],
  });
  const pass = new Gauge({
    name: 'validation_pass_rate',
    help: 'pass',
    labelNames: ['asset_name', 'check_name'],
    registers: [registry],
  });
  const deps = new Gauge({
    name: 'asset_dependency',
    help: 'deps',
    labelNames: ['asset_name', 'upstream'],
    registers: [registry],
  });
  const runs = new Counter({
    name: 'asset_executions_total',
    help: 'runs',
    labelNames: ['asset_name', 'status'],
    registers: [registry],
  });
  const now = Date.now() / 1000;
  for (const a of assets) {
    rowCount.set({ asset_name: a.name }, a.rowCount);
    info.set({ asset_name: a.name, layer: a.layer, owner: 'team' }, 1);
    last.set({ asset_name: a.name }, now - a.index);
    pass.set({ asset_name: a.name, check_name: 'not_null' }, 100 - (a.index % 10));
    deps.set({ asset_name: a.name, upstream: a.upstream }, 1);
    runs.inc({ asset_name: a.name, status: 'success' }, 1 + (a.index % 3));
  }
  const server = http.createServer(async (_req, res) => {
    const text = await registry.metrics();
    res.writeHead(200, { 'Content-Type': registry.contentType });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    target: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Two JSON lines per asset (one error, one info), pushed through the Loki push API. */
export async function pushOddLogs(lokiUrl: string, assets: OddAsset[], nowMs: number): Promise<OddLine[]> {
  const lines: OddLine[] = [];
  let ns = BigInt(nowMs - 60_000) * BigInt(1_000_000);
  for (const a of assets) {
    for (const level of ['error', 'info'] as const) {
      ns += BigInt(1000);
      const line = JSON.stringify({ level, asset_name: a.name, msg: `${level} in ${a.name}`, trace_id: a.traceId });
      lines.push({ asset: a.name, level, line, ns: ns.toString() });
    }
  }
  const body = JSON.stringify({ streams: [{ stream: { job: 'dagster' }, values: lines.map((l) => [l.ns, l.line]) }] });
  const res = await fetch(`${lokiUrl}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (res.status !== 204) {
    throw new Error(`Loki push failed: ${res.status} ${await res.text()}`);
  }
  return lines;
}

/** One single-span trace per asset (root span tagged with the asset), sent as OTLP/JSON. */
export async function sendOddTraces(jaegerUrl: string, assets: OddAsset[], nowMs: number): Promise<void> {
  const spans = assets.map((a) => ({
    traceId: a.traceId,
    spanId: `c${(a.index + 1).toString(16).padStart(15, '0')}`,
    name: 'materialize',
    kind: 1,
    startTimeUnixNano: String(BigInt(nowMs - 30_000 + a.index) * BigInt(1_000_000)),
    endTimeUnixNano: String(BigInt(nowMs - 29_000 + a.index) * BigInt(1_000_000)),
    attributes: [{ key: 'asset_name', value: { stringValue: a.name } }],
  }));
  const body = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dagster' } }] },
        scopeSpans: [{ spans }],
      },
    ],
  });
  const res = await fetch(`${jaegerUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (!res.ok) {
    throw new Error(`OTLP export failed: ${res.status} ${await res.text()}`);
  }
}
