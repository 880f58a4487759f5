/**
 * A real, minimal TemplateSrv: the interpolation rules of Grafana's template service for plain
 * variables (`$var`, `${var}`, `${var:format}`, `[[var]]`), scoped vars, the time-range builtins
 * `${__from}` / `${__to}`, and Grafana's format names. Variables come from a map (the sandbox fills
 * it from `var-<name>` URL parameters, as dashboards do). Query/datasource variable refresh is not
 * modelled: values are whatever the map holds.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';

/** Grafana's variable syntax regex (public/app/features/variables/utils.ts). */
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

export type VariableValue = string | string[];

/** Grafana's escapeRegex (@grafana/data text/string). */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

function luceneEscape(value: string): string {
  return value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

/** Formats a value the way Grafana's formatRegistry does for the common format ids. */
export function formatValue(value: VariableValue, format: string | undefined, name = ''): string {
  const values = Array.isArray(value) ? value : [value];
  const one = (f: (v: string) => string) => (Array.isArray(value) ? values.map(f) : [f(value)]);
  switch (format) {
    case 'regex': {
      const escaped = values.map(escapeRegex);
      return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
    }
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    case 'json':
      return JSON.stringify(value);
    case 'raw':
      return values.join(',');
    case 'text':
      return values.join(' + ');
    case 'singlequote':
      return one((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return one((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'sqlstring':
      return one((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'lucene':
      return values.length === 1
        ? luceneEscape(values[0])
        : `(${values.map((v) => `"${luceneEscape(v)}"`).join(' OR ')})`;
    case 'percentencode':
      return values.length === 1 ? encodeURIComponent(values[0]) : encodeURIComponent(`{${values.join(',')}}`);
    case 'queryparam':
      return values.map((v) => `var-${encodeURIComponent(name)}=${encodeURIComponent(v)}`).join('&');
    case 'glob':
    default:
      // Grafana's default for multi-value variables is glob.
      return values.length === 1 ? values[0] : `{${values.join(',')}}`;
  }
}

/** Minimal TemplateSrv backed by a variables map. */
export class MapTemplateSrv implements TemplateSrv {
  private variables: Map<string, VariableValue>;
  private timeRange?: TimeRange;

  constructor(variables: Record<string, VariableValue> = {}) {
    this.variables = new Map(Object.entries(variables));
  }

  /** Replaces all variables (the host calls this when `var-*` URL parameters change). */
  setVariables(variables: Record<string, VariableValue>) {
    this.variables = new Map(Object.entries(variables));
  }

  getVariables(): TypedVariableModel[] {
    return Array.from(this.variables.entries()).map(([name, value], index) => {
      const values = Array.isArray(value) ? value : [value];
      const model = {
        id: name,
        name,
        label: name,
        type: 'custom' as const,
        rootStateKey: null,
        global: false,
        hide: 0,
        skipUrlSync: false,
        index,
        state: 'Done',
        error: null,
        description: null,
        query: values.join(','),
        multi: Array.isArray(value),
        includeAll: false,
        current: { text: values, value, selected: true },
        options: values.map((v) => ({ text: v, value: v, selected: true })),
      };
      return model as unknown as TypedVariableModel;
    });
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.timeRange = timeRange;
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    VARIABLE_REGEX.lastIndex = 0;
    for (const match of target.matchAll(VARIABLE_REGEX)) {
      const name = match[1] || match[2] || match[4];
      if (this.lookup(name, undefined) !== undefined) {
        return true;
      }
    }
    return false;
  }

  replace(
    target?: string,
    scopedVars?: ScopedVars,
    format?: string | Function,
    interpolations?: VariableInterpolation[]
  ): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(VARIABLE_REGEX, (match, var1, var2, fmt2, var3, fieldPath, fmt3) => {
      const name: string = var1 || var2 || var3;
      const explicitFormat: string | undefined = fmt2 || fmt3;
      const value = this.lookup(name, scopedVars, fieldPath);
      if (value === undefined) {
        interpolations?.push({
          match,
          variableName: name,
          fieldPath,
          format: explicitFormat,
          value: match,
          found: false,
        });
        return match;
      }
      let result: string;
      if (explicitFormat) {
        result = formatValue(value, explicitFormat, name);
      } else if (typeof format === 'function') {
        result = String(format(value, { name }));
      } else {
        result = formatValue(value, format, name);
      }
      interpolations?.push({
        match,
        variableName: name,
        fieldPath,
        format: explicitFormat,
        value: result,
        found: true,
      });
      return result;
    });
  }

  private lookup(name: string, scopedVars: ScopedVars | undefined, fieldPath?: string): VariableValue | undefined {
    const scoped = scopedVars?.[name];
    if (scoped) {
      const v = fieldPath ? (scoped.value as Record<string, unknown>)?.[fieldPath] : scoped.value;
      return Array.isArray(v) ? v.map(String) : v === undefined ? undefined : String(v);
    }
    if (name === '__from' && this.timeRange) {
      return String(this.timeRange.from.valueOf());
    }
    if (name === '__to' && this.timeRange) {
      return String(this.timeRange.to.valueOf());
    }
    return this.variables.get(name);
  }
}

/** `var-<name>` URL parameters → variables map (repeated parameters make multi-values). */
export function variablesFromSearch(search: string): Record<string, VariableValue> {
  const params = new URLSearchParams(search);
  const out: Record<string, VariableValue> = {};
  for (const key of new Set(params.keys())) {
    if (key.startsWith('var-')) {
      const all = params.getAll(key);
      out[key.slice(4)] = all.length === 1 ? all[0] : all;
    }
  }
  return out;
}
