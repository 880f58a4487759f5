import { quoteString } from '../backends/queryEscape';
import { TargetLike } from './contexts';
import { assetsNamedBy, equalityMatcherValues, oneAssetNamedBy } from './queryAssets';

const LABELS = new Set(['asset_name']);
const identity = (text: string) => text;
const prom = (expr: string, hide = false): TargetLike => ({
  refId: 'A',
  hide,
  datasource: { type: 'prometheus', uid: 'cascade-prometheus' },
  expr,
});
const loki = (expr: string): TargetLike => ({ refId: 'B', datasource: { type: 'loki', uid: 'cascade-loki' }, expr });
const cascade = (assets: string[] | undefined): TargetLike => ({
  refId: 'C',
  datasource: { type: 'cascade-pipeline-datasource', uid: 'cascade' },
  assets,
});

// Names nothing in PromQL/LogQL would choke on, and everything a hostile asset name could hold.
const NAMES = [
  'fct_glucose_readings',
  'we"ird',
  'back\\slash',
  'new\nline',
  "it's",
  'tab\there',
  'glüc😀se',
  '}{,=~"',
  '$notAVariable',
];

describe('equalityMatcherValues', () => {
  it('reads `label="…"` in selectors and Loki label filters, decoding the literal as Prometheus does', () => {
    for (const name of NAMES) {
      const expr = `rate(asset_executions_total{job="demo", asset_name=${quoteString(name)}}[5m])`;
      expect({ name, values: equalityMatcherValues(expr, LABELS) }).toEqual({ name, values: [name] });
    }
    expect(equalityMatcherValues('{job="dagster"} | json | asset_name = `raw\\n`', LABELS)).toEqual(['raw\\n']);
    expect(equalityMatcherValues("x{asset_name='single \\' quoted'}", LABELS)).toEqual(["single ' quoted"]);
    expect(equalityMatcherValues('x{asset_name="\\x41\\101\\u00e9\\U0001F600"}', LABELS)).toEqual(['AAé😀']);
  });

  it('ignores !=, =~, !~, other labels, the label inside string literals and comments', () => {
    expect(
      equalityMatcherValues(
        'x{asset_name!="a", asset_name=~"b|c", asset_name!~"d", other_asset_name="e", job="asset_name=\\"f\\""} # asset_name="g"',
        LABELS
      )
    ).toEqual([]);
    expect(equalityMatcherValues('sum by (asset_name) (rate(x[5m])) == 1', LABELS)).toEqual([]);
  });

  it('cannot read an invalid literal', () => {
    expect(equalityMatcherValues('x{asset_name="unterminated}', LABELS)).toBeUndefined();
    expect(equalityMatcherValues('x{asset_name="bad \\q escape"}', LABELS)).toBeUndefined();
    expect(equalityMatcherValues('x{asset_name=unquoted}', LABELS)).toBeUndefined();
  });
});

describe('oneAssetNamedBy', () => {
  it('finds the one asset of a Cascade query, a Prometheus query or a Loki query', () => {
    expect(oneAssetNamedBy([cascade(['fct_glucose_readings'])], identity)).toBe('fct_glucose_readings');
    expect(oneAssetNamedBy([prom('asset_row_count{asset_name="stg_a"}')], identity)).toBe('stg_a');
    expect(oneAssetNamedBy([loki('{job="dagster", asset_name="stg_a"} |= "error"')], identity)).toBe('stg_a');
  });

  it('counts an asset named by several queries (or twice in one) once', () => {
    const ratio = 'rate(f{asset_name="a"}[5m]) / rate(e{asset_name="a"}[5m])';
    expect(oneAssetNamedBy([prom(ratio), cascade(['a']), loki('{asset_name="a"}')], identity)).toBe('a');
    // A query naming no asset (a whole-pipeline total) does not change which one the panel shows.
    expect(oneAssetNamedBy([prom('sum(up)'), prom('x{asset_name="a"}')], identity)).toBe('a');
  });

  it('names no single asset for several, all (an empty Cascade list), none, or a regex', () => {
    expect(oneAssetNamedBy([prom('x{asset_name="a"}'), prom('x{asset_name="b"}')], identity)).toBeUndefined();
    expect(oneAssetNamedBy([cascade(['a', 'b'])], identity)).toBeUndefined();
    expect(oneAssetNamedBy([cascade([]), prom('x{asset_name="a"}')], identity)).toBeUndefined();
    expect(oneAssetNamedBy([cascade(undefined)], identity)).toBeUndefined();
    expect(oneAssetNamedBy([prom('sum(rate(asset_executions_total[5m]))')], identity)).toBeUndefined();
    expect(oneAssetNamedBy([prom('x{asset_name=~"a|b"}')], identity)).toBeUndefined();
    expect(oneAssetNamedBy([], identity)).toBeUndefined();
    expect(oneAssetNamedBy(undefined, identity)).toBeUndefined();
  });

  it('skips hidden queries and queries of other data sources', () => {
    expect(oneAssetNamedBy([prom('x{asset_name="a"}'), prom('x{asset_name="b"}', true)], identity)).toBe('a');
    const other: TargetLike = { refId: 'D', datasource: { type: 'influxdb' }, expr: 'x{asset_name="b"}' };
    expect(oneAssetNamedBy([prom('x{asset_name="a"}'), other], identity)).toBe('a');
  });

  it('replaces template variables first; a multi-value or unknown variable names no single asset', () => {
    const vars: Record<string, string> = { $asset: 'fct_glucose_readings', $many: '{a,b}' };
    const interpolate = (text: string) => text.replace(/\$\w+/g, (v) => vars[v] ?? v);
    expect(oneAssetNamedBy([cascade(['$asset'])], interpolate)).toBe('fct_glucose_readings');
    expect(oneAssetNamedBy([prom('x{asset_name="$asset"}')], interpolate)).toBe('fct_glucose_readings');
    expect(oneAssetNamedBy([cascade(['$many'])], interpolate)).toBeUndefined();
    expect(oneAssetNamedBy([cascade(['$unknown'])], interpolate)).toBeUndefined();
    expect(assetsNamedBy([prom('x{asset_name="$many"}')], interpolate)).toEqual({ kind: 'many' });
  });

  it('passes the panel scoped variables to the interpolation', () => {
    const seen: unknown[] = [];
    const scopedVars = { asset: { text: 'a', value: 'a' } };
    oneAssetNamedBy([cascade(['$asset'])], (t, vars) => (seen.push(vars), t), scopedVars);
    expect(seen).toEqual([scopedVars]);
  });
});
