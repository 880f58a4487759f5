import { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

type Templates = Pick<TemplateSrv, 'replace' | 'containsTemplate'>;
import { CascadeQuery } from './types';

// `$var`, `${var}`, `${var:fmt}` or `[[var]]` and nothing else: the value list can be taken whole.
const WHOLE_VARIABLE = /^(?:\$\w+|\$\{\w+(?::\w+)?\}|\[\[\w+(?::\w+)?\]\])$/;

/** Values Grafana passes for "All" when a variable has a custom all value. */
const ALL_MARKERS = new Set(['$__all', '.*', '*']);

/**
 * Expands one entry of a list field: a whole-variable reference becomes its values (multi-value and
 * All give several), anything else is replaced as text. Values are carried as JSON so no separator
 * can collide with characters inside a value.
 */
export function expandValues(
  templateSrv: Templates,
  entry: string,
  scopedVars: ScopedVars
): { values: string[]; all: boolean } {
  if (!templateSrv.containsTemplate(entry)) {
    return { values: [entry], all: false };
  }
  if (WHOLE_VARIABLE.test(entry.trim())) {
    const json = templateSrv.replace(entry.trim(), scopedVars, (v: string | string[]) =>
      JSON.stringify(Array.isArray(v) ? v : [v])
    );
    try {
      const parsed: unknown = JSON.parse(json);
      if (Array.isArray(parsed)) {
        const values = parsed.map(String);
        return { values, all: values.some((v) => ALL_MARKERS.has(v)) };
      }
    } catch {
      // Unknown variable: replace() returned the reference unchanged; keep it as a literal.
    }
    return { values: [json], all: false };
  }
  return { values: [templateSrv.replace(entry, scopedVars)], all: false };
}

/** Expands a list field (assets): empty result or "All" means no restriction. */
export function expandList(templateSrv: Templates, entries: string[] | undefined, scopedVars: ScopedVars): string[] {
  const out: string[] = [];
  for (const entry of entries ?? []) {
    const { values, all } = expandValues(templateSrv, entry, scopedVars);
    if (all) {
      return [];
    }
    out.push(...values);
  }
  return Array.from(new Set(out.filter((v) => v !== '')));
}

const replaceText = (templateSrv: Templates, v: string | undefined, scopedVars: ScopedVars) =>
  v === undefined || v === '' ? v : templateSrv.replace(v, scopedVars);

/** A query after interpolation: a multi-value level variable keeps all its values in `levels`. */
export interface InterpolatedQuery extends CascadeQuery {
  levels?: string[];
}

/** The query with every template variable resolved. */
export function interpolateQuery(
  templateSrv: Templates,
  query: CascadeQuery,
  scopedVars: ScopedVars
): InterpolatedQuery {
  const levels = query.level ? expandList(templateSrv, [query.level], scopedVars) : [];
  return {
    ...query,
    assets: expandList(templateSrv, query.assets, scopedVars),
    level: levels.length ? levels[0] : undefined,
    levels: levels.length ? levels : undefined,
    search: replaceText(templateSrv, query.search, scopedVars),
    traceId: replaceText(templateSrv, query.traceId, scopedVars)?.trim(),
  };
}
