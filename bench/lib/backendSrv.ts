/**
 * BackendSrv wrappers for the Node sections. Grafana's BackendSrv only exists inside Grafana, so the
 * data source gets the sandbox's fetch-based one (sandbox/shared/fetchBackendSrv.ts) pointed at the
 * sandbox proxy, wrapped to count and record what the data source asks for. The replay variant
 * answers recorded bodies synchronously, so timing a query with it measures only the plugin's own
 * work (query building, parsing, the join, frames) with no I/O.
 */
import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable, of, tap } from 'rxjs';
import type { FetchLike } from '../../src/backends/client';
import { FetchBackendSrv, serializeParams } from '../../sandbox/shared/fetchBackendSrv';

/** One request the data source made: proxy URL with its query string, and the raw body it got. */
export interface RecordedCall {
  url: string;
  body: unknown;
  status: number;
}

export const callKey = (req: BackendSrvRequest) => {
  const qs = serializeParams(req.params);
  return qs ? `${req.url}${req.url.includes('?') ? '&' : '?'}${qs}` : req.url;
};

/** Counts and records every request (and its response body) passing through `inner`. */
export class RecordingBackendSrv implements FetchLike {
  calls: RecordedCall[] = [];
  constructor(private readonly inner: FetchLike) {}

  static forServer(baseUrl: string) {
    return new RecordingBackendSrv(new FetchBackendSrv({ baseUrl }));
  }

  reset() {
    this.calls = [];
  }

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    const call: RecordedCall = { url: callKey(options), body: undefined, status: 0 };
    this.calls.push(call);
    return this.inner.fetch<T>(options).pipe(
      tap({
        next: (r) => {
          call.body = r.data;
          call.status = r.status;
        },
        error: (e: { status?: number; data?: unknown }) => {
          call.status = e?.status ?? 0;
          call.body = e?.data;
        },
      })
    );
  }
}

/** Answers every request from a recording, synchronously; unknown requests fail loudly. */
export class ReplayBackendSrv implements FetchLike {
  private readonly bodies: Map<string, unknown>;
  misses: string[] = [];
  constructor(calls: RecordedCall[]) {
    this.bodies = new Map(calls.map((c) => [c.url, c.body]));
  }

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    const key = callKey(options);
    if (!this.bodies.has(key)) {
      this.misses.push(key);
      throw new Error(`replay: no recorded response for ${key}`);
    }
    return of({
      data: this.bodies.get(key) as T,
      status: 200,
      ok: true,
      statusText: 'OK',
      url: key,
      config: options,
    } as unknown as FetchResponse<T>);
  }
}
