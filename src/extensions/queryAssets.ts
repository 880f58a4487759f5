import { DEFAULT_MAPPING } from '../model';
import { unquoteString } from '../backends/queryEscape';
import { TargetLike } from './contexts';

/** Replaces template variables (Grafana's templateSrv.replace); identity where there is none. */
export type Interpolate = (text: string, scopedVars?: Record<string, unknown>) => string;

const CASCADE_TYPE = 'cascade-pipeline-datasource';
const LABEL_QUERY_TYPES = ['prometheus', 'loki'];
/** The label Prometheus series and Loki streams carry the asset in (the data sources' default mapping). */
const ASSET_LABELS = new Set([DEFAULT_MAPPING.assetLabel, DEFAULT_MAPPING.lokiAssetField]);

/** What a set of queries says about assets: exactly which, or "all / cannot tell". */
export type NamedAssets = { kind: 'assets'; assets: Set<string> } | { kind: 'many' };

/** A value that cannot be one asset: an uninterpolated variable or a multi-value `{a,b}` expansion. */
const notOneValue = (v: string) => v === '' || v.includes('$') || /^\{.*,.*\}$/s.test(v);

/**
 * The values of `label="…"` equality matchers in a PromQL or LogQL expression (stream selectors and
 * Loki label filters alike), string literals decoded as Prometheus and Loki decode them. `!=`, `=~`
 * and `!~` do not name one value; text inside other string literals and `#` comments is skipped.
 */
export function equalityMatcherValues(expr: string, labels: ReadonlySet<string>): string[] | undefined {
  const values: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < expr.length && /\s/.test(expr[i])) {
      i++;
    }
  };
  /** The end (exclusive) of the string literal starting at `start`, or -1 if unterminated. */
  const literalEnd = (start: number) => {
    const quote = expr[start];
    for (let j = start + 1; j < expr.length; j++) {
      if (quote !== '`' && expr[j] === '\\') {
        j++;
      } else if (expr[j] === quote) {
        return j + 1;
      }
    }
    return -1;
  };
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = literalEnd(i);
      if (end < 0) {
        return undefined;
      }
      i = end;
    } else if (ch === '#') {
      const eol = expr.indexOf('\n', i);
      i = eol < 0 ? expr.length : eol;
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < expr.length && /[\w.]/.test(expr[i])) {
        i++;
      }
      const name = expr.slice(start, i);
      if (!labels.has(name)) {
        continue;
      }
      skipSpace();
      if (expr[i] !== '=' || expr[i + 1] === '=' || expr[i + 1] === '~') {
        continue;
      }
      i++;
      skipSpace();
      if (!['"', "'", '`'].includes(expr[i])) {
        return undefined;
      }
      const end = literalEnd(i);
      const value = end < 0 ? undefined : unquoteString(expr.slice(i, end));
      if (value === undefined) {
        return undefined;
      }
      values.push(value);
      i = end;
    } else {
      i++;
    }
  }
  return values;
}

/**
 * The assets a panel's or an Explore pane's queries name: a Cascade query's `assets`, a Prometheus or
 * Loki query's `asset_name="…"` matchers, after template variables are replaced. Hidden queries and
 * queries of other data sources name none; a Cascade query for all assets, a multi-value variable or
 * an expression that cannot be read means "many".
 */
export function assetsNamedBy(
  targets: readonly TargetLike[],
  interpolate: Interpolate,
  scopedVars?: Record<string, unknown>
): NamedAssets {
  const assets = new Set<string>();
  for (const target of targets) {
    if (target.hide) {
      continue;
    }
    const type = target.datasource?.type;
    if (type === CASCADE_TYPE || (type === undefined && Array.isArray(target.assets))) {
      const list = Array.isArray(target.assets) ? target.assets.filter((a) => typeof a === 'string') : [];
      if (list.length === 0) {
        return { kind: 'many' };
      }
      for (const raw of list) {
        const value = interpolate(raw, scopedVars);
        if (notOneValue(value)) {
          return { kind: 'many' };
        }
        assets.add(value);
      }
    } else if ((type === undefined || LABEL_QUERY_TYPES.includes(type)) && typeof target.expr === 'string') {
      const values = equalityMatcherValues(interpolate(target.expr, scopedVars), ASSET_LABELS);
      if (values === undefined || values.some(notOneValue)) {
        return { kind: 'many' };
      }
      values.forEach((v) => assets.add(v));
    }
  }
  return { kind: 'assets', assets };
}

/** The one asset the queries name, or undefined (none, several, or cannot tell). */
export function oneAssetNamedBy(
  targets: readonly TargetLike[] | undefined,
  interpolate: Interpolate,
  scopedVars?: Record<string, unknown>
): string | undefined {
  const named = assetsNamedBy(targets ?? [], interpolate, scopedVars);
  return named.kind === 'assets' && named.assets.size === 1 ? [...named.assets][0] : undefined;
}
