/**
 * A fetch-based implementation of Grafana's BackendSrv, for the sandbox host (browser) and for Node
 * tests (with a base URL). It follows Grafana's public contract: `fetch()` is a cold Observable
 * whose unsubscribe aborts the HTTP request, a newer request with the same `requestId` cancels the
 * older one, bodies are parsed as JSON with a text fallback, and failures are FetchError-shaped
 * `{ status, statusText, data, config }` with `data.message` filled in like Grafana does.
 * Grafana-only behaviour (login ping on 401, query inspector events) is not reproduced.
 */
import { Observable } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

/** Grafana's status for a request cancelled by a newer one with the same requestId. */
export const HTTP_REQUEST_CANCELED = -1;

export interface FetchBackendSrvOptions {
  /** Absolute base for relative URLs (needed in Node; the browser uses the document's base). */
  baseUrl?: string;
  /** Defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** Extra headers on every request to the local server (Grafana sends X-Grafana-Org-Id). */
  headers?: Record<string, string>;
  /** Called for failures Grafana would show as an error toast (local API calls, not data queries). */
  onErrorAlert?: (message: string, error: FetchError) => void;
  /** Called for successful non-GET local calls that return a `message` (Grafana's success toast). */
  onSuccessAlert?: (message: string) => void;
}

type Subscriber = { cancel: () => void };

/** Grafana's query-string serializer: arrays repeat the key, undefined/empty values are dropped. */
export function serializeParams(params: Record<string, unknown> | undefined): string {
  if (!params) {
    return '';
  }
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.length === 0)) {
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    for (const v of values) {
      const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(s)}`);
    }
  }
  return parts.join('&');
}

function isLocalUrl(url: string): boolean {
  return !/^https?:\/\//i.test(url);
}

function isDataQueryUrl(url: string): boolean {
  return url.includes('api/datasources/proxy') || url.includes('api/ds/query');
}

function buildUrl(options: BackendSrvRequest, baseUrl?: string): string {
  let url = options.url;
  const query = serializeParams(options.params);
  if (query) {
    url += (url.includes('?') ? '&' : '?') + query;
  }
  if (baseUrl && isLocalUrl(url)) {
    return new URL(url.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  }
  // Grafana strips the leading slash so the URL resolves against <base href="appSubUrl/">.
  return isLocalUrl(url) ? url.replace(/^\//, '') : url;
}

function buildInit(options: BackendSrvRequest, extraHeaders: Record<string, string>, signal: AbortSignal): RequestInit {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {
    Accept: 'application/json, text/plain, */*',
    ...(isLocalUrl(options.url) ? extraHeaders : {}),
    ...(options.headers ?? {}),
  };
  let body: BodyInit | undefined;
  if (options.data !== undefined && method !== 'GET' && method !== 'HEAD') {
    const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    if (typeof options.data === 'string' || options.data instanceof URLSearchParams || options.data instanceof Blob) {
      body = options.data;
    } else if (contentType?.includes('application/x-www-form-urlencoded')) {
      body = serializeParams(options.data);
    } else {
      headers['Content-Type'] = contentType ?? 'application/json';
      body = JSON.stringify(options.data);
    }
  }
  const credentials = options.credentials ?? (options.withCredentials ? 'include' : 'same-origin');
  return { method, headers, body, signal, credentials };
}

async function parseBody(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
  switch (responseType) {
    case 'blob':
      return response.blob();
    case 'arraybuffer':
      return response.arrayBuffer();
    case 'text':
      return response.text();
  }
  const text = await response.text();
  if (responseType === 'json' && text.length === 0) {
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (HTML error pages, plain text): Grafana hands the text through.
    return text;
  }
}

/** Gives an error's `data` the `message` Grafana's processRequestError derives. */
/** Everything of a FetchResponse but its data, as Grafana's BackendSrv reports it. */
function responseMeta(response: Response, config: BackendSrvRequest): Omit<FetchResponse, 'data'> {
  const { status, statusText, ok, headers, redirected, type, url } = response;
  return { status, statusText, ok, headers, redirected, type, url, config };
}

function toFetchError(
  response: { status: number; statusText: string },
  data: unknown,
  config: BackendSrvRequest
): FetchError {
  let payload = data;
  if (response.status === 500 && typeof payload === 'string') {
    payload = { error: response.statusText, response: payload, message: payload || response.statusText };
  }
  if (payload && typeof payload === 'object') {
    const p = payload as Record<string, unknown>;
    if (!p.message && typeof p.error === 'string') {
      p.message = p.error; // Prometheus' {status:'error', error:'…'}
    }
  }
  const message =
    payload && typeof payload === 'object' && typeof (payload as { message?: unknown }).message === 'string'
      ? ((payload as { message: string }).message as string)
      : typeof payload === 'string' && payload
        ? payload
        : response.statusText;
  return { status: response.status, statusText: response.statusText, data: payload, message, config };
}

/** BackendSrv over the Fetch API. One instance per host (browser) or per test (Node). */
export class FetchBackendSrv implements BackendSrv {
  private readonly fetchImpl: typeof fetch;
  private readonly inFlight = new Map<string, Subscriber>();

  constructor(private readonly opts: FetchBackendSrvOptions = {}) {
    this.fetchImpl = opts.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  }

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const config: BackendSrvRequest = { ...options, retry: options.retry ?? 0 };
      const controller = new AbortController();
      const external = options.abortSignal;
      const onExternalAbort = () => controller.abort();
      external?.addEventListener('abort', onExternalAbort);
      let cancelled = false;

      const entry: Subscriber = {
        cancel: () => {
          cancelled = true;
          controller.abort();
          subscriber.error({
            status: HTTP_REQUEST_CANCELED,
            statusText: 'Request was aborted',
            data: null,
            cancelled: true,
            config,
          } satisfies FetchError);
        },
      };
      if (config.requestId) {
        // A newer request with the same id wins; the older one errors with `cancelled: true`.
        this.inFlight.get(config.requestId)?.cancel();
        this.inFlight.set(config.requestId, entry);
      }
      const release = () => {
        if (config.requestId && this.inFlight.get(config.requestId) === entry) {
          this.inFlight.delete(config.requestId);
        }
      };

      const url = buildUrl(config, this.opts.baseUrl);
      const run = async () => {
        const response = await this.fetchImpl(url, buildInit(config, this.opts.headers ?? {}, controller.signal));
        const data = await parseBody(response, config.responseType);
        return { response, data };
      };
      run().then(
        ({ response, data }) => {
          release();
          if (cancelled || subscriber.closed) {
            return;
          }
          if (response.ok) {
            this.maybeSuccessAlert(config, data);
            subscriber.next({ data: data as T, ...responseMeta(response, config) });
            subscriber.complete();
          } else {
            const err = toFetchError(response, data, config);
            this.maybeErrorAlert(config, err);
            subscriber.error(err);
          }
        },
        (e: unknown) => {
          release();
          if (cancelled || subscriber.closed || controller.signal.aborted) {
            return;
          }
          // The Grafana server itself is unreachable (the proxy turns backend failures into 502s).
          const message = e instanceof Error ? e.message : String(e);
          const err: FetchError = { status: 0, statusText: 'Network error', data: { message }, message, config };
          this.maybeErrorAlert(config, err);
          subscriber.error(err);
        }
      );

      return () => {
        external?.removeEventListener('abort', onExternalAbort);
        release();
        controller.abort();
      };
    });
  }

  /** Promise API used by `get/post/put/delete/patch/request`: resolves to the body. */
  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    const response = await this.toPromise<T>(this.fetch<T>(options));
    return response.data;
  }

  /** Deprecated in Grafana but still part of the contract: resolves to the whole response. */
  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return this.toPromise<T>(this.fetch<T>(options));
  }

  get<T = any>(url: string, params?: any, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'GET', url, params, requestId });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'DELETE', url, data });
  }

  post<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'POST', url, data });
  }

  patch<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'PATCH', url, data });
  }

  put<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'PUT', url, data });
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return new Observable((subscriber) => {
      const controller = new AbortController();
      const config = { ...options };
      (async () => {
        const response = await this.fetchImpl(
          buildUrl(config, this.opts.baseUrl),
          buildInit(config, this.opts.headers ?? {}, controller.signal)
        );
        const base = responseMeta(response, config);
        if (!response.ok || !response.body) {
          subscriber.error(toFetchError(response, await parseBody(response, 'text'), config));
          return;
        }
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            break;
          }
          subscriber.next({ ...base, data: value });
        }
        subscriber.complete();
      })().catch((e) => !controller.signal.aborted && subscriber.error(e));
      return () => controller.abort();
    });
  }

  private toPromise<T>(source: Observable<FetchResponse<T>>): Promise<FetchResponse<T>> {
    return new Promise((resolve, reject) => {
      let last: FetchResponse<T> | undefined;
      source.subscribe({
        next: (v) => (last = v),
        error: reject,
        complete: () => (last ? resolve(last) : reject(new Error('Request completed without a response'))),
      });
    });
  }

  private maybeErrorAlert(config: BackendSrvRequest, err: FetchError) {
    // Grafana's rule: explicit false never alerts; by default only local, non-data-query calls do.
    if (!this.opts.onErrorAlert || config.showErrorAlert === false) {
      return;
    }
    if (config.showErrorAlert === undefined && (isDataQueryUrl(config.url) || !isLocalUrl(config.url))) {
      return;
    }
    this.opts.onErrorAlert(err.message ?? err.statusText ?? 'Request failed', err);
  }

  private maybeSuccessAlert(config: BackendSrvRequest, data: unknown) {
    const method = (config.method ?? 'GET').toUpperCase();
    if (!this.opts.onSuccessAlert || method === 'GET' || config.showSuccessAlert === false) {
      return;
    }
    const message = data && typeof data === 'object' ? (data as { message?: unknown }).message : undefined;
    if (typeof message === 'string' && message) {
      this.opts.onSuccessAlert(message);
    }
  }
}
