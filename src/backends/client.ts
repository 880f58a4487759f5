import type { BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { catchError, defer, finalize, map, Observable, of, share, tap, throwError, timeout } from 'rxjs';
import { Backend, CascadeQueryError } from '../model';
import { jaegerErrorMessage } from './jaeger/parseJaeger';
import { tempoErrorMessage } from './tempo/parseTempo';
import { lokiErrorMessage } from './loki/parseLoki';
import { promErrorMessage } from './prometheus/parsePrometheus';
import { isRecord, ParseError } from './parseResult';

/** The one BackendSrv method the data source uses (Grafana's, or a fetch-based stand-in in tests). */
export interface FetchLike {
  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>>;
}

export const BACKEND_LABEL: Record<Backend, string> = {
  prometheus: 'Prometheus',
  loki: 'Loki',
  jaeger: 'Jaeger',
  tempo: 'Tempo',
};

/** One GET to a backend through Grafana's data source proxy. */
export interface BackendCall {
  backend: Backend;
  uid: string;
  /** Backend path, e.g. `/api/v1/query`. */
  path: string;
  params?: Record<string, string>;
}

/** A request never errors the stream: it yields the body or a CascadeQueryError naming the backend. */
export type CallResult = { ok: true; body: unknown } | { ok: false; error: CascadeQueryError };

/** `/api/datasources/proxy/uid/<uid><path>`: the only URLs the plugin requests. */
export function proxyUrl(uid: string, path: string): string {
  return `/api/datasources/proxy/uid/${encodeURIComponent(uid)}${path}`;
}

class RequestTimeout extends Error {}

const ERROR_TEXT: Record<Backend, (status: number, body: unknown) => string> = {
  prometheus: promErrorMessage,
  loki: lokiErrorMessage,
  jaeger: jaegerErrorMessage,
  tempo: tempoErrorMessage,
};

/** A CascadeQueryError whose message starts with the backend's name ("Loki: …"). */
export function backendError(backend: Backend, message: string, refId?: string, status?: number): CascadeQueryError {
  return { message: `${BACKEND_LABEL[backend]}: ${message}`, backend, refId, status };
}

export function parseErrorToQueryError(backend: Backend, e: ParseError, refId?: string): CascadeQueryError {
  const what = e.kind === 'backend' ? '' : e.kind === 'syntax' ? 'unreadable response: ' : 'unexpected response: ';
  return backendError(backend, `${what}${e.message}`, refId);
}

/**
 * Grafana's FetchError shape (the type is @grafana/runtime's). Its `isFetchError` is not imported as a value:
 * loading @grafana/runtime's code pulls in @grafana/ui, which breaks the Node-side tests that drive this
 * client against the real Prometheus; only its type is used.
 */
function isFetchError(e: unknown): e is FetchError {
  return isRecord(e) && 'data' in e && typeof e.status === 'number';
}

/** The message Grafana's `toDataQueryError` would read from an error: message, data.message, data.error, statusText. */
function errorText(err: unknown): string {
  if (err instanceof Error || (isRecord(err) && typeof err.message === 'string' && err.message)) {
    return String((err as { message: string }).message);
  }
  if (isRecord(err)) {
    const data = isRecord(err.data) ? err.data : {};
    for (const v of [data.message, data.error, err.statusText]) {
      if (typeof v === 'string' && v) {
        return v;
      }
    }
    return '';
  }
  return err === undefined || err === null ? '' : String(err);
}

/** Turns whatever backendSrv threw (FetchError, network error, timeout, cancel) into a named error. */
export function toQueryError(backend: Backend, err: unknown, timeoutMs: number, refId?: string): CascadeQueryError {
  if (err instanceof RequestTimeout) {
    return backendError(backend, `request timed out after ${timeoutMs / 1000} s`, refId);
  }
  if (isRecord(err) && err.cancelled) {
    return backendError(backend, 'request cancelled', refId);
  }
  if (isFetchError(err) && err.status > 0) {
    return backendError(backend, ERROR_TEXT[backend](err.status, err.data), refId, err.status);
  }
  const reason = errorText(err);
  return backendError(backend, `cannot reach the backend${reason ? ` (${reason})` : ''}`, refId);
}

/**
 * Transport: GET through the proxy with `backendSrv.fetch` (an Observable, so unsubscribing cancels
 * the HTTP request), a per-request timeout, no Grafana error toasts, and the body as text so every
 * parser sees exactly what the backend sent (Loki and Jaeger lie about Content-Type).
 */
export class BackendClient {
  /** Identical GETs in flight, shared: a page's `lineage` and `health` targets ask for the same data. */
  private readonly inFlight = new Map<string, Observable<FetchResponse<unknown>>>();

  constructor(
    private readonly srv: FetchLike,
    private readonly timeoutMs: number
  ) {}

  get(call: BackendCall, refId?: string): Observable<CallResult> {
    const request: BackendSrvRequest = {
      url: proxyUrl(call.uid, call.path),
      method: 'GET',
      params: call.params,
      responseType: 'text',
      showErrorAlert: false,
      showSuccessAlert: false,
    };
    return defer(() => this.shared(request)).pipe(
      timeout({ first: this.timeoutMs, with: () => throwError(() => new RequestTimeout()) }),
      map((res): CallResult => ({ ok: true, body: res.data })),
      catchError((err) => of<CallResult>({ ok: false, error: toQueryError(call.backend, err, this.timeoutMs, refId) }))
    );
  }

  /**
   * One HTTP request per distinct URL while it is in flight; each caller keeps its own timeout, and
   * the request is cancelled only when every caller has unsubscribed. Finished requests are never
   * reused (no caching): the next identical GET goes to the backend again.
   */
  private shared(request: BackendSrvRequest): Observable<FetchResponse<unknown>> {
    const key = `${request.url}?${JSON.stringify(request.params ?? {})}`;
    let source = this.inFlight.get(key);
    if (!source) {
      // Forget the request as soon as it answers or ends, so a later caller never joins a finished one.
      const forget = () => this.inFlight.get(key) === source && this.inFlight.delete(key);
      source = this.srv
        .fetch<unknown>(request)
        .pipe(
          tap({ next: forget }),
          finalize(forget),
          share({ resetOnError: true, resetOnComplete: true, resetOnRefCountZero: true })
        );
      this.inFlight.set(key, source);
    }
    return source;
  }
}

/** Errors of one response, one per distinct message (ten failed Prometheus requests → one error). */
export function dedupeErrors(errors: CascadeQueryError[]): CascadeQueryError[] {
  const seen = new Map<string, { error: CascadeQueryError; count: number }>();
  for (const e of errors) {
    const entry = seen.get(e.message ?? '');
    if (entry) {
      entry.count++;
    } else {
      seen.set(e.message ?? '', { error: e, count: 1 });
    }
  }
  return Array.from(seen.values()).map(({ error, count }) =>
    count > 1 ? { ...error, message: `${error.message} (${count} requests)` } : error
  );
}
