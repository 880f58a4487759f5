/**
 * What a Grafana Explore URL would open, decoded for the sandbox's /explore page (the sandbox has
 * no Explore): the panes' data sources, queries and time ranges. Reads both URL formats Grafana
 * writes: `?schemaVersion=1&panes={"<id>":{datasource,queries,range}}` and the older
 * `?left={datasource,queries,range}` (or its legacy array `[from, to, datasource, ...queries]`).
 */

/** One Explore pane: the data source uid, its queries and its time range. */
export interface ExplorePaneView {
  id: string;
  datasourceUid?: string;
  queries: Array<Record<string, unknown>>;
  range?: { from: string; to: string };
}

export interface DecodedExplore {
  panes: ExplorePaneView[];
  /** Why nothing could be decoded (no parameter, bad JSON, unexpected shape). */
  error?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function uidOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') {
    return ref;
  }
  return isObject(ref) && typeof ref.uid === 'string' ? ref.uid : undefined;
}

function rangeOf(v: unknown): ExplorePaneView['range'] {
  if (isObject(v) && v.from !== undefined && v.to !== undefined) {
    return { from: String(v.from), to: String(v.to) };
  }
  return undefined;
}

function pane(id: string, v: unknown): ExplorePaneView {
  if (Array.isArray(v)) {
    // Legacy compact `left`: [from, to, datasource, ...queries].
    const [from, to, datasource, ...queries] = v;
    return { id, datasourceUid: uidOf(datasource), queries: queries.filter(isObject), range: rangeOf({ from, to }) };
  }
  if (!isObject(v)) {
    throw new Error(`pane "${id}" is not an object`);
  }
  const queries = Array.isArray(v.queries) ? v.queries.filter(isObject) : [];
  return {
    id,
    datasourceUid: uidOf(v.datasource) ?? queries.map((q) => uidOf(q.datasource)).find(Boolean),
    queries,
    range: rangeOf(v.range),
  };
}

/** Decodes the search part of an /explore URL. */
export function decodeExploreSearch(search: string): DecodedExplore {
  const params = new URLSearchParams(search);
  const panes = params.get('panes');
  const left = params.get('left');
  try {
    if (panes !== null) {
      const parsed: unknown = JSON.parse(panes);
      if (!isObject(parsed)) {
        return { panes: [], error: 'the panes parameter is not a JSON object' };
      }
      return { panes: Object.entries(parsed).map(([id, v]) => pane(id, v)) };
    }
    if (left !== null) {
      return { panes: [pane('left', JSON.parse(left))] };
    }
  } catch (e) {
    return {
      panes: [],
      error: `the link's ${panes !== null ? 'panes' : 'left'} parameter cannot be read: ${(e as Error).message}`,
    };
  }
  return { panes: [], error: 'the link carries no panes or left parameter' };
}

/** The query text a person reads first: PromQL/LogQL `expr`, a trace id `query`, or Jaeger search fields. */
export function queryText(q: Json): string {
  for (const key of ['expr', 'query']) {
    if (typeof q[key] === 'string' && q[key] !== '') {
      return q[key] as string;
    }
  }
  const search = ['service', 'operation', 'tags']
    .filter((k) => typeof q[k] === 'string' && q[k] !== '')
    .map((k) => `${k}: ${q[k]}`);
  return search.join('\n');
}
