/**
 * Fuzzing the response parsers and the data source with random and mutated REAL payloads
 * (tests/fixtures, copied from ../shared/fixtures): truncations, byte noise, type swaps, deleted
 * keys, huge numbers, NaN/Inf strings, wrong nesting, payloads of another backend, random JSON.
 * Every parser returns a typed error or a result whose values have the promised types — never
 * throws; `query()` never errors its Observable: every target gets `{ data, errors? }`, errors
 * naming the backend.
 */
import { DataQueryResponse } from '@grafana/data';
import fc from 'fast-check';
import { readdirSync } from 'fs';
import { join } from 'path';
import { lastValueFrom, toArray } from 'rxjs';
import { recordReliability } from '../../tests/integration/faults/report';
import { Answer, makeDataSource, makeRequest } from '../testing/fakes';
import { CascadeQueryError, resolveMapping } from '../model';
import { CascadeQueryType } from './types';
import { toLogLines } from '../backends/loki/logLines';
import { jaegerErrorMessage, parseJaegerServices, parseJaegerTraces } from '../backends/jaeger/parseJaeger';
import { lokiErrorMessage, parseLokiMatrix, parseLokiStreams } from '../backends/loki/parseLoki';
import {
  parsePromAlerts,
  parsePromMatrix,
  parsePromVector,
  promErrorMessage,
} from '../backends/prometheus/parsePrometheus';
import { ParseResult } from '../backends/parseResult';
import { fixtureText } from '../testing/fixtures';
import { traceToFrame } from '../frames/traceFrame';
import { summarizeTrace } from '../backends/jaeger/traceSummary';

const FIXTURES = join(__dirname, '../../tests/fixtures');
const files = (dir: string) => readdirSync(join(FIXTURES, dir)).map((f) => `${dir}/${f}`);
const ALL = [...files('prometheus'), ...files('loki'), ...files('jaeger')];
const m = resolveMapping(undefined);
const RUNS = { parsers: 3000, random: 1000, query: 150 };
const counts: Record<string, number> = {};
const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

afterAll(() => {
  recordReliability('fuzz', {
    fixtures: ALL.length,
    parserInputs: (counts.parserInputs ?? 0) + (counts.randomInputs ?? 0),
    parserCalls: counts.parserCalls ?? 0,
    typedErrors: counts.typedErrors ?? 0,
    okResults: counts.okResults ?? 0,
    queryInputs: counts.queryInputs ?? 0,
    queryRequestsAnswered: counts.requests ?? 0,
    queryErrorsNamed: counts.namedErrors ?? 0,
  });
});

// ---- mutations ---------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const HUGE: Json[] = [
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER * 1024,
  -0,
  1e-320,
  '1e999',
  '-1e999',
  '99999999999999999999999999',
  2 ** 53 + 1,
];
const NANS: Json[] = ['NaN', '+Inf', '-Inf', 'Inf', 'nan', '', ' ', 'null', 'undefined', '0x1F', '1,5', 'true'];

/** Every path (keys/indices) in a JSON value, breadth-first, capped. */
function paths(v: Json, max = 400): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [[]];
  for (let i = 0; i < out.length && out.length < max; i++) {
    const node = get(v, out[i]);
    if (Array.isArray(node)) {
      node.slice(0, 20).forEach((_, j) => out.push([...out[i], j]));
    } else if (node && typeof node === 'object') {
      Object.keys(node).forEach((k) => out.push([...out[i], k]));
    }
  }
  return out;
}

function get(v: Json, path: Array<string | number>): Json {
  return path.reduce<Json>(
    (n, k) => (n && typeof n === 'object' ? ((n as Record<string, Json>)[k as string] ?? null) : null),
    v
  );
}

/** Returns a copy of `root` with the node at `path` replaced (undefined = deleted). */
function set(root: Json, path: Array<string | number>, value: Json | undefined): Json {
  if (path.length === 0) {
    return value === undefined ? null : value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const next = set(copy[head as number] ?? null, rest, value);
    if (rest.length === 0 && value === undefined) {
      copy.splice(head as number, 1);
    } else {
      copy[head as number] = next;
    }
    return copy;
  }
  if (root && typeof root === 'object') {
    const copy = { ...root };
    if (rest.length === 0 && value === undefined) {
      delete copy[head as string];
    } else {
      copy[head as string] = set(copy[head as string] ?? null, rest, value);
    }
    return copy;
  }
  return root;
}

type Mutation =
  | {
      kind: 'delete' | 'wrapArray' | 'wrapObject' | 'unwrap' | 'swapType' | 'huge' | 'nan' | 'duplicate';
      at: number;
      pick: number;
    }
  | { kind: 'random'; at: number; value: Json };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete', 'wrapArray', 'wrapObject', 'unwrap', 'swapType', 'huge', 'nan', 'duplicate'),
    at: fc.nat(),
    pick: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    kind: fc.constant('random' as const),
    at: fc.nat(),
    value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  })
);

function mutate(v: Json, mu: Mutation): Json {
  const ps = paths(v);
  const path = ps[mu.at % ps.length];
  const node = get(v, path);
  switch (mu.kind) {
    case 'delete':
      return set(v, path, undefined);
    case 'wrapArray':
      return set(v, path, [node]);
    case 'wrapObject':
      return set(v, path, { value: node });
    case 'unwrap':
      return set(
        v,
        path,
        Array.isArray(node)
          ? (node[0] ?? null)
          : node && typeof node === 'object'
            ? (Object.values(node)[0] ?? null)
            : node
      );
    case 'swapType': {
      const swaps: Json[] = [null, true, 0, '0', [], {}, String(node), Number(node as never)];
      return set(v, path, swaps[mu.pick % swaps.length]);
    }
    case 'huge':
      return set(v, path, HUGE[mu.pick % HUGE.length]);
    case 'nan':
      return set(v, path, NANS[mu.pick % NANS.length]);
    case 'duplicate':
      return set(v, path, Array.isArray(node) ? [...node, ...node, ...node] : node);
    case 'random':
      return set(v, path, mu.value);
  }
}

type TextMutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'noise'; at: number; text: string }
  | { kind: 'wrap'; text: string };

const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('noise' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: fc.string({ unit: 'binary', maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wrap' as const),
      text: fc.constantFrom('\uFEFF', ' \n', '<html>', ")]}'\n"),
    }),
  }
);

function mutateText(text: string, t: TextMutation): string {
  switch (t.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, Math.floor(text.length * t.at));
    case 'noise': {
      const i = Math.floor(text.length * t.at);
      return text.slice(0, i) + t.text + text.slice(i + 1);
    }
    case 'wrap':
      return t.text + text;
  }
}

/** A fixture, mutated 0–4 times structurally, then maybe at the text level. */
const TEXT = new Map(ALL.map((f) => [f, fixtureText(f)]));
const JSON_OF = new Map(ALL.filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(TEXT.get(f)!) as Json]));

const payloadArb = (pool: string[]) =>
  fc
    .record({
      file: fc.constantFrom(...pool),
      mutations: fc.array(mutationArb, { maxLength: 4 }),
      text: textMutationArb,
    })
    .map(({ file, mutations, text }) => {
      let body = TEXT.get(file)!;
      const json = JSON_OF.get(file);
      if (json !== undefined && mutations.length) {
        body = JSON.stringify(mutations.reduce<Json>((v, mu) => mutate(v, mu), json));
      }
      return { file, body: mutateText(body, text) };
    });

// ---- type checks of successful results ---------------------------------------------------------

const isStr = (x: unknown) => typeof x === 'string';
const isNum = (x: unknown) => typeof x === 'number';
const strRecord = (r: unknown) => !!r && typeof r === 'object' && Object.values(r).every(isStr);

const VALID: Record<string, (v: any) => boolean> = {
  vector: (v) =>
    Array.isArray(v) && v.every((s) => strRecord(s.labels) && isNum(s.value) && Number.isFinite(s.timestamp)),
  matrix: (v) =>
    Number.isInteger(v.truncated) &&
    v.series.every(
      (s: any) =>
        strRecord(s.labels) &&
        s.timestamps.length === s.values.length &&
        s.timestamps.every(Number.isFinite) &&
        s.values.every(isNum)
    ),
  alerts: (v) =>
    Array.isArray(v) &&
    v.every(
      (a) =>
        strRecord(a.labels) &&
        strRecord(a.annotations) &&
        isStr(a.state) &&
        (a.activeAt === undefined || Number.isFinite(a.activeAt))
    ),
  streams: (v) =>
    Number.isInteger(v.truncated) &&
    v.entries.every(
      (e: any) => /^\d+$/.test(e.tsNs) && Number.isFinite(e.tsMs) && isStr(e.line) && strRecord(e.labels)
    ),
  lokiMatrix: (v) =>
    Array.isArray(v) &&
    v.every((s) => strRecord(s.labels) && s.timestamps.every(Number.isFinite) && s.values.every(isNum)),
  traces: (v) =>
    Array.isArray(v) &&
    v.every(
      (t) =>
        isStr(t.traceID) &&
        t.spans.every(
          (s: any) =>
            isStr(s.spanID) && Number.isFinite(s.startTime) && Number.isFinite(s.duration) && Array.isArray(s.tags)
        )
    ),
  services: (v) => Array.isArray(v) && v.every(isStr),
};

const PARSERS: Array<[string, (body: unknown) => ParseResult<unknown>]> = [
  ['vector', parsePromVector],
  ['matrix', (b) => parsePromMatrix(b, 50)],
  ['alerts', parsePromAlerts],
  ['streams', (b) => parseLokiStreams(b, 50)],
  ['lokiMatrix', parseLokiMatrix],
  ['traces', parseJaegerTraces],
  ['services', parseJaegerServices],
];

/** Fails with the parser's name and the offending body (plain checks: 70k jest expect() calls are slow). */
function check(ok: boolean, what: string, body: unknown) {
  if (!ok) {
    throw new Error(
      `${what} for body ${JSON.stringify(typeof body === 'string' ? body.slice(0, 300) : body)?.slice(0, 400)}`
    );
  }
}

/** Every parser (and the transforms downstream of a successful parse) on one body. */
function checkAllParsers(body: unknown) {
  for (const [name, parse] of PARSERS) {
    bump('parserCalls');
    const r = parse(body);
    if (r.ok) {
      bump('okResults');
      check(VALID[name](r.value) && r.warnings.every(isStr), `${name}: ill-typed result`, body);
      if (name === 'traces') {
        for (const t of r.value as ReturnType<typeof parseJaegerTraces> extends ParseResult<infer T> ? T : never) {
          summarizeTrace(t, 'asset_name');
          traceToFrame(t, 'A', 100);
        }
      }
      if (name === 'streams') {
        toLogLines((r.value as { entries: Parameters<typeof toLogLines>[0] }).entries, m);
      }
    } else {
      bump('typedErrors');
      check(
        ['syntax', 'shape', 'backend'].includes(r.error.kind) && isStr(r.error.message) && r.error.message.length > 0,
        `${name}: untyped error`,
        body
      );
    }
  }
  for (const status of [400, 500, 503]) {
    for (const msg of [promErrorMessage, lokiErrorMessage, jaegerErrorMessage]) {
      bump('parserCalls');
      check(/\S/.test(msg(status, body)), `${msg.name}: empty message`, body);
    }
  }
}

describe('parsers on mutated real payloads', () => {
  it('return a typed error or a well-typed result, never throw (text and pre-parsed bodies)', () => {
    fc.assert(
      fc.property(payloadArb(ALL), ({ body }) => {
        bump('parserInputs');
        checkAllParsers(body);
        // backendSrv may hand over an already-parsed body.
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return;
        }
        checkAllParsers(parsed);
      }),
      { numRuns: RUNS.parsers, seed: 9001 }
    );
  });

  it('random JSON and random text never make a parser throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.string({ unit: 'binary' }), fc.anything()), (v) => {
        bump('randomInputs');
        checkAllParsers(v);
        if (typeof v !== 'string') {
          checkAllParsers(JSON.stringify(v) ?? '');
        }
      }),
      { numRuns: RUNS.random, seed: 9002 }
    );
  });

  it('survive deep nesting and large payloads', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const manySeries = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: Array.from({ length: 20000 }, (_, i) => ({ metric: { asset_name: `a${i}` }, values: [[1, 'NaN']] })),
      },
    });
    for (const body of [
      deep,
      manySeries,
      '{"status":"success","data":' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3001),
    ]) {
      bump('parserInputs');
      checkAllParsers(body);
    }
    const matrix = parsePromMatrix(manySeries, 100);
    expect(matrix.ok && [matrix.value.series.length, matrix.value.truncated]).toEqual([100, 19900]);
  });
});

describe('error messages of failed responses', () => {
  // Grafana's backendSrv wraps a non-JSON 500 body as { error, response, message: body }; other statuses keep the text.
  const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
  it.each([
    ['prometheus', promErrorMessage],
    ['loki', lokiErrorMessage],
    ['jaeger', jaegerErrorMessage],
  ])('%s: an HTML error page becomes its title, never markup', (_name, msg) => {
    expect(msg(500, { error: 'Internal Server Error', response: page, message: page })).toBe(
      'HTTP 500: 502 Bad Gateway'
    );
    expect(msg(502, page)).toBe('HTTP 502: 502 Bad Gateway');
    expect(msg(503, { message: 'Data source "X" is unreachable: ECONNREFUSED' })).toBe(
      'HTTP 503: Data source "X" is unreachable: ECONNREFUSED'
    );
    expect(msg(500, '')).toBe('HTTP 500');
  });
});

// ---- the data source ---------------------------------------------------------------------------

const FAMILY = {
  promQuery: files('prometheus').filter((f) => /vector|error/.test(f)),
  promRange: files('prometheus').filter((f) => /matrix|error/.test(f)),
  promAlerts: files('prometheus').filter((f) => /alerts|error|rules/.test(f)),
  loki: files('loki'),
  jaeger: files('jaeger'),
};

const TYPES: CascadeQueryType[] = ['health', 'lineage', 'metrics', 'logs', 'traces', 'trace', 'alerts', 'system'];
const BACKENDS = new Set(['prometheus', 'loki', 'jaeger']);

describe('query() on mutated payloads', () => {
  it('never errors the Observable: every target answers { data, errors? } and errors name their backend', async () => {
    // Answers per request: the family's fixture (usually mutated), sometimes another backend's payload, random statuses.
    const answerArb = (family: string[]) =>
      fc.record({
        payload: fc.oneof({ weight: 4, arbitrary: payloadArb(family) }, { weight: 1, arbitrary: payloadArb(ALL) }),
        status: fc.constantFrom(200, 200, 200, 200, 400, 422, 500, 503),
      });
    const scenarioArb = fc.record({
      promQuery: fc.array(answerArb(FAMILY.promQuery), { minLength: 12, maxLength: 12 }),
      promRange: answerArb(FAMILY.promRange),
      promAlerts: answerArb(FAMILY.promAlerts),
      loki: fc.array(answerArb(FAMILY.loki), { minLength: 3, maxLength: 3 }),
      jaeger: fc.array(answerArb(FAMILY.jaeger), { minLength: 2, maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        bump('queryInputs');
        const next = { promQuery: 0, loki: 0, jaeger: 0 };
        const { ds, requests } = makeDataSource((req): Answer => {
          const url = req.url;
          const pick = url.includes('/loki/')
            ? sc.loki[next.loki++ % 3]
            : url.includes('/api/traces') || url.endsWith('/api/services')
              ? sc.jaeger[next.jaeger++ % 2]
              : url.endsWith('/query_range')
                ? sc.promRange
                : url.endsWith('/alerts')
                  ? sc.promAlerts
                  : sc.promQuery[next.promQuery++ % 12];
          return { status: pick.status, body: pick.payload.body };
        });
        const targets = TYPES.map((queryType) => ({
          queryType,
          traceId: queryType === 'trace' ? 'abc123' : undefined,
        }));
        const responses: DataQueryResponse[] = await lastValueFrom(ds.query(makeRequest(targets)).pipe(toArray()));
        bump('requests', requests.length);
        expect(responses).toHaveLength(TYPES.length);
        for (const r of responses) {
          expect(Array.isArray(r.data)).toBe(true);
          for (const e of (r.errors ?? []) as CascadeQueryError[]) {
            bump('namedErrors');
            expect(BACKENDS.has(e.backend ?? '')).toBe(true);
            expect(e.message).toMatch(/^(Prometheus|Loki|Jaeger): \S/);
          }
        }
      }),
      { numRuns: RUNS.query, seed: 9003 }
    );
  });
});
