/** The Cascade data source engine in Node, configured like the provisioned `cascade` data source. */
import { dateTime, DataQueryRequest, DataQueryResponse, DataSourceInstanceSettings } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import type { CascadeDataSourceOptions, CascadeQuery, CascadeQueryType } from '../../src/datasource/types';
import type { FetchLike } from '../../src/backends/client';
import { MapTemplateSrv } from '../../sandbox/shared/templateSrv';

/** The provisioned Cascade data source's settings, as the sandbox server hands them to Grafana's frontend. */
export async function cascadeSettings(
  serverUrl: string,
  uid = 'cascade'
): Promise<DataSourceInstanceSettings<CascadeDataSourceOptions>> {
  const res = await fetch(`${serverUrl}/api/datasources/uid/${uid}`);
  if (!res.ok) {
    throw new Error(`GET /api/datasources/uid/${uid}: HTTP ${res.status}`);
  }
  const dto = (await res.json()) as {
    id: number;
    uid: string;
    type: string;
    name: string;
    jsonData: CascadeDataSourceOptions;
  };
  return {
    id: dto.id,
    uid: dto.uid,
    type: dto.type,
    name: dto.name,
    access: 'proxy',
    readOnly: true,
    jsonData: dto.jsonData,
    meta: { id: dto.type } as DataSourceInstanceSettings['meta'],
  } as DataSourceInstanceSettings<CascadeDataSourceOptions>;
}

/** CascadeDataSourceBase is the data source minus Grafana's service defaults, which need a browser. */
export function makeDataSource(settings: DataSourceInstanceSettings<CascadeDataSourceOptions>, backendSrv: FetchLike) {
  return new CascadeDataSourceBase(settings, backendSrv, new MapTemplateSrv());
}

/** A dashboard-like request for one query type over the last hour ending at `toMs`. */
export function queryRequest(queryType: CascadeQueryType, toMs: number): DataQueryRequest<CascadeQuery> {
  const from = dateTime(toMs - 3600_000);
  const to = dateTime(toMs);
  return {
    requestId: `bench-${queryType}`,
    interval: '15s',
    intervalMs: 15_000,
    range: { from, to, raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: [{ refId: 'A', queryType } as CascadeQuery],
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
}

/** Runs one query to completion; returns every response packet. */
export function runQuery(
  ds: CascadeDataSourceBase,
  request: DataQueryRequest<CascadeQuery>
): Promise<DataQueryResponse[]> {
  return lastValueFrom(ds.query(request).pipe(toArray()));
}

/** Errors of the responses, as text (a benchmark of a failing query measures nothing). */
export function responseErrors(responses: DataQueryResponse[]): string[] {
  return responses.flatMap((r) => (r.errors ?? (r.error ? [r.error] : [])).map((e) => e.message ?? String(e)));
}

/** Rows of the first frame of the responses (a sanity check that the query returned the pipeline). */
export function firstFrameRows(responses: DataQueryResponse[]): number {
  const frame = responses.flatMap((r) => r.data)[0];
  return frame?.length ?? frame?.fields?.[0]?.values?.length ?? 0;
}
