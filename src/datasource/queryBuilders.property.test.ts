/**
 * Property-based tests (fast-check) of every query builder with hostile asset names and template
 * variable values (tests/integration/faults/hostileStrings.ts): the built PromQL and LogQL parse
 * with the languages' own Lezer grammars with no error node, and — read back from the parse tree —
 * contain exactly the matchers and line filters intended, each literal decoding (Go unquote rules)
 * to the intended value: no matcher, stage or alternation can be injected. Jaeger tag JSON and
 * trace paths round-trip. Exact selection against the real Prometheus and the stand-ins is in
 * tests/integration/reliability.selection.test.ts.
 */
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';
import { MapTemplateSrv } from '../../sandbox/shared/templateSrv';
import { hostileOrLong, hostileString } from '../../tests/integration/faults/hostileStrings';
import { recordReliability } from '../../tests/integration/faults/report';
import { interpolateQuery } from './templating';
import { CascadeMetric, DurationStat, resolveMapping } from '../model';
import { CascadeQuery } from './types';
import { assetTraceSearch, isValidTraceId, searchParams, tagsJson, tracePath } from '../backends/jaeger/jaegerQuery';
import { errorCountQuery, logsQuery } from '../backends/loki/logql';
import { healthQueries, metricsQuery, variableQuery } from '../backends/prometheus/promql';
import { cleanValues, regexAlternation, toWellFormed } from '../backends/queryEscape';

const m = resolveMapping(undefined);
const METRICS: CascadeMetric[] = ['duration', 'runs', 'failures', 'rows', 'rowCount', 'freshness', 'passRate'];
const STATS: DurationStat[] = ['avg', 'p50', 'p95', 'p99'];
const RUNS = { promql: 250, logql: 400, jaeger: 400, variables: 200, regex: 300 };
const tried: Record<string, number> = {};
const count = (key: string) => (tried[key] = (tried[key] ?? 0) + 1);

afterAll(() => {
  recordReliability('builders-grammar', { inputs: Object.values(tried).reduce((a, b) => a + b, 0), byProperty: tried });
});

/** Go's strconv.Unquote for double-quoted literals (what Prometheus and Loki apply); throws on bad escapes. */
function goUnquote(lit: string): string {
  if (lit.length < 2 || lit[0] !== '"' || lit[lit.length - 1] !== '"') {
    throw new Error(`not a double-quoted literal: ${lit}`);
  }
  const body = lit.slice(1, -1);
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
    "'": "'",
  };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === '\n') {
      throw new Error(`unescaped ${JSON.stringify(c)} inside a literal`);
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in simple) {
      out += simple[e];
    } else if (e === 'u' || e === 'U' || e === 'x') {
      const n = e === 'u' ? 4 : e === 'U' ? 8 : 2;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) {
        throw new Error(`bad \\${e} escape`);
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else {
      throw new Error(`unknown escape \\${e}`);
    }
  }
  return out;
}

interface Matcher {
  label: string;
  op: string;
  value: string;
}

/** Syntax errors and every label matcher of a PromQL query, read from Prometheus' Lezer tree. */
function promqlMatchers(query: string): { errors: number; matchers: Matcher[] } {
  let errors = 0;
  const matchers: Matcher[] = [];
  promqlParser.parse(query).iterate({
    enter: (n) => {
      if (n.type.isError) {
        errors++;
      }
      if (n.name === 'UnquotedLabelMatcher' || n.name === 'QuotedLabelMatcher') {
        const label = n.node.getChild('LabelName');
        const op = n.node.getChild('MatchOp');
        const lit = n.node.getChild('StringLiteral');
        matchers.push({
          label: label ? query.slice(label.from, label.to) : '?',
          op: op ? query.slice(op.from, op.to) : '?',
          value: lit ? goUnquote(query.slice(lit.from, lit.to)) : '?',
        });
      }
    },
  });
  return { errors, matchers };
}

/** Syntax errors, label matchers (selector and label filters) and line filters of a LogQL query. */
function logqlParts(query: string): {
  errors: number;
  matchers: Matcher[];
  lineFilters: Array<{ op: string; value: string }>;
} {
  let errors = 0;
  const matchers: Matcher[] = [];
  const lineFilters: Array<{ op: string; value: string }> = [];
  logqlParser.parse(query).iterate({
    enter: (n) => {
      if (n.type.isError) {
        errors++;
      }
      const text = (x: { from: number; to: number } | null) => (x ? query.slice(x.from, x.to) : '?');
      if (n.name === 'Matcher') {
        const id = n.node.getChild('Identifier');
        const str = n.node.getChild('String');
        const op = id && str ? query.slice(id.to, str.from).trim() : '?';
        matchers.push({ label: text(id), op, value: str ? goUnquote(text(str)) : '?' });
      }
      if (n.name === 'LineFilter') {
        const f = n.node.getChild('Filter');
        const str = n.node.getChild('String');
        lineFilters.push({ op: text(f), value: str ? goUnquote(text(str)) : '?' });
      }
    },
  });
  return { errors, matchers, lineFilters };
}

/** The matcher a list of values must become: `=` for one value, `=~` alternation for several. */
function intended(label: string, values: string[]): Matcher | undefined {
  const vals = cleanValues(values);
  if (vals.length === 0) {
    return undefined;
  }
  return vals.length === 1
    ? { label, op: '=', value: toWellFormed(vals[0]) }
    : { label, op: '=~', value: regexAlternation(vals) };
}

const assetsArb = fc.array(hostileOrLong({ maxLength: 16, longLength: 3000 }), { maxLength: 6 });

describe('PromQL builders with hostile asset names', () => {
  it('every health, metrics and variable query parses and holds only the intended asset matchers', () => {
    fc.assert(
      fc.property(assetsArb, fc.integer({ min: 1, max: 30 * 86400 }), hostileString(), (assets, range, layer) => {
        count('promql');
        const asset = intended(m.assetLabel, assets);
        const upstream = intended(m.upstreamLabel, assets);
        const queries: Array<[string, string]> = [
          ...Object.entries(healthQueries(m, assets, range)),
          // The stat only changes `duration` queries.
          ...METRICS.flatMap((metric) =>
            (metric === 'duration' ? STATS : STATS.slice(0, 1)).map((stat): [string, string] => [
              `${metric}/${stat}`,
              metricsQuery(m, assets, metric, stat, range),
            ])
          ),
        ];
        for (const [key, q] of queries) {
          const { errors, matchers } = promqlMatchers(q);
          expect({ key, errors }).toEqual({ key, errors: 0 });
          const allowed = [asset, key === 'dependencies' ? upstream : undefined].filter(Boolean);
          for (const x of matchers) {
            expect({
              key,
              matcher: x,
              ok: allowed.some((a) => a!.label === x.label && a!.op === x.op && a!.value === x.value),
            }).toEqual({
              key,
              matcher: x,
              ok: true,
            });
          }
          // Every selector of an asset-scoped query carries the asset matcher (none was dropped).
          if (asset) {
            expect(matchers.length).toBeGreaterThan(0);
          }
        }
        const byLayer = promqlMatchers(variableQuery(m, 'assets', layer));
        expect(byLayer.errors).toBe(0);
        expect(byLayer.matchers).toEqual(layer ? [{ label: m.layerLabel, op: '=', value: toWellFormed(layer) }] : []);
      }),
      { numRuns: RUNS.promql, seed: 7001 }
    );
  });
});

describe('LogQL builders with hostile values', () => {
  it('log and error-count queries parse and hold exactly the intended matchers and line filters', () => {
    fc.assert(
      fc.property(
        assetsArb,
        fc.array(hostileString({ maxLength: 8 }), { maxLength: 3 }),
        fc.option(hostileOrLong({ maxLength: 16, longLength: 2000 })),
        fc.option(hostileString({ maxLength: 40 })),
        (assets, levels, search, traceId) => {
          count('logql');
          const q = logsQuery(m, { assets, levels, search: search ?? undefined, traceId: traceId ?? undefined });
          const parts = logqlParts(q);
          expect(parts.errors).toBe(0);
          const expectedMatchers = [
            { label: 'job', op: '=', value: 'dagster' },
            intended(m.lokiAssetField, assets),
            intended(m.lokiLevelField, levels),
            traceId ? intended(m.lokiTraceIdField, [traceId]) : undefined,
          ].filter(Boolean);
          expect(parts.matchers).toEqual(expectedMatchers);
          const expectedFilters = [search, traceId]
            .filter((v) => v)
            .map((v) => ({ op: '|=', value: toWellFormed(v!) }));
          expect(parts.lineFilters).toEqual(expectedFilters);

          const counts = logqlParts(errorCountQuery(m, assets, 3600));
          expect(counts.errors).toBe(0);
          expect(counts.matchers).toEqual([
            { label: 'job', op: '=', value: 'dagster' },
            ...[intended(m.lokiAssetField, assets)].filter(Boolean),
            { label: m.lokiLevelField, op: '=', value: 'error' },
          ]);
        }
      ),
      { numRuns: RUNS.logql, seed: 7002 }
    );
  });
});

describe('Jaeger parameters with hostile values', () => {
  it('tags JSON round-trips the asset; trace ids never escape the trace path', () => {
    fc.assert(
      fc.property(hostileOrLong({ maxLength: 16 }), hostileString(), (asset, traceId) => {
        count('jaeger');
        const params = searchParams(assetTraceSearch('dagster', m.jaegerAssetTag, [asset], 0, 1000, 20));
        // What reaches Jaeger: the query string as the browser encodes it, decoded by the server.
        const decoded = new URLSearchParams(new URLSearchParams(params).toString());
        expect(JSON.parse(decoded.get('tags')!)).toEqual({ [m.jaegerAssetTag]: toWellFormed(asset) });
        expect(decoded.get('service')).toBe('dagster');
        expect([...decoded.keys()].sort()).toEqual(['end', 'limit', 'lookback', 'service', 'start', 'tags']);
        // Several assets are filtered in the browser: no tag, so no partial server-side filter.
        expect(
          searchParams(assetTraceSearch('dagster', m.jaegerAssetTag, [asset, `${asset}x`], 0, 1000, 20)).tags
        ).toBeUndefined();
        const path = tracePath(traceId);
        expect(path.startsWith('/api/traces/')).toBe(true);
        expect(/[/?#]/.test(path.slice('/api/traces/'.length))).toBe(false);
        expect(isValidTraceId(traceId)).toBe(/^[0-9a-fA-F]{1,32}$/.test(traceId));
        expect(tagsJson({ [m.jaegerAssetTag]: asset })).toBe(
          JSON.stringify({ [m.jaegerAssetTag]: toWellFormed(asset) })
        );
      }),
      { numRuns: RUNS.jaeger, seed: 7003 }
    );
  });
});

describe('template variables with hostile values', () => {
  // Grafana's "All" markers mean "no restriction" by design; a real value equal to one is not generated.
  const value = hostileOrLong({ maxLength: 12, longLength: 1000 }).filter((v) => !['$__all', '.*', '*'].includes(v));

  it('multi-value, single-value and inline variables expand to exactly their values, then build valid queries', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), value, value, (multi, single, search) => {
        count('variables');
        // Sandbox TemplateSrv: Grafana's interpolation rules (sandbox/shared/templateSrv.ts); TemplateSrv only exists inside Grafana.
        const srv = new MapTemplateSrv({ assets: multi, one: single, text: search });
        const base: CascadeQuery = {
          refId: 'A',
          queryType: 'logs',
          assets: ['$assets'],
          search: 'pre ${text} post',
          traceId: '[[one]]',
        };
        const q = interpolateQuery(srv, base, {});
        expect(q.assets).toEqual(cleanValues(multi));
        expect(q.search).toBe(`pre ${search} post`);
        expect(q.traceId).toBe(single.trim());
        const withOne = interpolateQuery(srv, { ...base, assets: ['${one}', 'literal'] }, {});
        expect(withOne.assets).toEqual(cleanValues([single, 'literal']));
        const parts = logqlParts(logsQuery(m, { assets: q.assets, search: q.search }));
        expect(parts.errors).toBe(0);
        expect(parts.matchers[1]).toEqual(intended(m.lokiAssetField, multi));
        for (const [key, pq] of Object.entries(healthQueries(m, q.assets, 600))) {
          expect({ key, errors: promqlMatchers(pq).errors }).toEqual({ key, errors: 0 });
        }
      }),
      { numRuns: RUNS.variables, seed: 7004 }
    );
  });
});

describe('regex alternations', () => {
  it('match exactly their values (anchored like Prometheus and Loki) and no near miss', () => {
    const wellFormed = hostileString({ minLength: 1, maxLength: 10, loneSurrogates: false });
    fc.assert(
      fc.property(fc.uniqueArray(wellFormed, { minLength: 1, maxLength: 5 }), wellFormed, (values, probe) => {
        count('regex');
        // JS regexes with the u flag read the escaped metacharacters as RE2 does; Prometheus itself is checked in the selection test.
        const re = new RegExp(`^(?:${regexAlternation(values)})$`, 'su');
        for (const v of values) {
          expect(re.test(v)).toBe(true);
          expect(re.test(`${v}${probe}`)).toBe(values.includes(`${v}${probe}`));
          expect(re.test(`${probe}${v}`)).toBe(values.includes(`${probe}${v}`));
        }
        expect(re.test(probe)).toBe(values.includes(probe));
      }),
      { numRuns: RUNS.regex, seed: 7005 }
    );
  });
});
