import { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable, of, Subject, throwError } from 'rxjs';
import { BackendClient, dedupeErrors, FetchLike, proxyUrl, toQueryError } from './client';
import { fixtureText } from '../testing/fixtures';

// backendSrv does not exist outside Grafana: this stand-in records requests and answers with the
// given Observable (tests against real servers are in tests/integration/).
function fakeSrv(answer: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>) {
  const requests: BackendSrvRequest[] = [];
  const srv: FetchLike = {
    fetch: <T>(req: BackendSrvRequest) => {
      requests.push(req);
      return answer(req) as Observable<FetchResponse<T>>;
    },
  };
  return { srv, requests };
}

const response = (data: unknown, status = 200) =>
  ({ data, status, ok: status < 400 }) as unknown as FetchResponse<unknown>;
const fetchError = (status: number, data: unknown) => ({ status, data, config: {} });

describe('BackendClient', () => {
  it('GETs the proxy URL by uid, params as given, body as text, no error toast', async () => {
    const { srv, requests } = fakeSrv(() => of(response('{"status":"success"}')));
    const res = await lastValueFrom(
      new BackendClient(srv, 1000).get({
        backend: 'prometheus',
        uid: 'prom uid',
        path: '/api/v1/query',
        params: { query: 'up' },
      })
    );
    expect(res).toEqual({ ok: true, body: '{"status":"success"}' });
    expect(requests).toEqual([
      {
        url: '/api/datasources/proxy/uid/prom%20uid/api/v1/query',
        method: 'GET',
        params: { query: 'up' },
        responseType: 'text',
        showErrorAlert: false,
        showSuccessAlert: false,
      },
    ]);
    expect(proxyUrl('loki', '/loki/api/v1/query_range')).toBe(
      '/api/datasources/proxy/uid/loki/loki/api/v1/query_range'
    );
  });

  it.each([
    [
      'prometheus',
      400,
      fixtureText('prometheus/error_400_bad_data.json'),
      'Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    ],
    [
      'loki',
      400,
      fixtureText('loki/error_400_parse.txt'),
      'Loki: HTTP 400: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER',
    ],
    ['jaeger', 404, fixtureText('jaeger/error_404_trace_not_found.json'), 'Jaeger: 404 trace not found'],
    ['loki', 500, '<html><title>502 Bad Gateway</title></html>', 'Loki: HTTP 500: 502 Bad Gateway'],
  ] as const)('turns a %s HTTP %d into an error naming it', async (backend, status, body, message) => {
    const { srv } = fakeSrv(() => throwError(() => fetchError(status, body)));
    const res = await lastValueFrom(new BackendClient(srv, 1000).get({ backend, uid: 'x', path: '/p' }, 'A'));
    expect(res).toEqual({ ok: false, error: { message, backend, refId: 'A', status } });
  });

  it('reports connection failures and cancellations', () => {
    expect(toQueryError('jaeger', new TypeError('Failed to fetch'), 1000)).toEqual({
      message: 'Jaeger: cannot reach the backend (Failed to fetch)',
      backend: 'jaeger',
      refId: undefined,
      status: undefined,
    });
    expect(toQueryError('loki', { cancelled: true, status: -1 }, 1000).message).toBe('Loki: request cancelled');
  });

  it('times out after timeoutMs and unsubscribes from (cancels) the stalled request', async () => {
    jest.useFakeTimers();
    let unsubscribed = false;
    const { srv } = fakeSrv(
      () =>
        new Observable<FetchResponse<unknown>>(() => () => {
          unsubscribed = true;
        })
    );
    const pending = lastValueFrom(new BackendClient(srv, 2500).get({ backend: 'loki', uid: 'l', path: '/p' }));
    jest.advanceTimersByTime(2500);
    await expect(pending).resolves.toEqual({
      ok: false,
      error: { message: 'Loki: request timed out after 2.5 s', backend: 'loki', refId: undefined, status: undefined },
    });
    expect(unsubscribed).toBe(true);
    jest.useRealTimers();
  });

  it('unsubscribing cancels the in-flight request', () => {
    let unsubscribed = false;
    const { srv } = fakeSrv(
      () =>
        new Observable<FetchResponse<unknown>>(() => () => {
          unsubscribed = true;
        })
    );
    const sub = new BackendClient(srv, 30000).get({ backend: 'prometheus', uid: 'p', path: '/p' }).subscribe();
    expect(unsubscribed).toBe(false);
    sub.unsubscribe();
    expect(unsubscribed).toBe(true);
  });

  it('shares identical GETs in flight (lineage + health on one page), cancelling only when every caller has gone', () => {
    const answers: Array<Subject<FetchResponse<unknown>>> = [];
    const open = new Set<number>();
    const { srv, requests } = fakeSrv(() => {
      const id = answers.length;
      const s = new Subject<FetchResponse<unknown>>();
      answers.push(s);
      return new Observable<FetchResponse<unknown>>((sub) => {
        open.add(id);
        const inner = s.subscribe(sub);
        return () => {
          inner.unsubscribe();
          open.delete(id);
        };
      });
    });
    const client = new BackendClient(srv, 30000);
    const call = { backend: 'prometheus' as const, uid: 'p', path: '/api/v1/query', params: { query: 'up' } };
    const got: unknown[] = [];
    const a = client.get(call, 'A').subscribe((r) => got.push(['A', r]));
    const b = client.get(call, 'B').subscribe((r) => got.push(['B', r]));
    const other = client.get({ ...call, params: { query: 'down' } }).subscribe();
    expect(requests.map((r) => r.params)).toEqual([{ query: 'up' }, { query: 'down' }]);
    answers[0].next(response('{"status":"success"}'));
    answers[0].complete();
    expect(got).toEqual([
      ['A', { ok: true, body: '{"status":"success"}' }],
      ['B', { ok: true, body: '{"status":"success"}' }],
    ]);
    // A finished request is never reused: the next identical GET is a new request.
    const c = client.get(call).subscribe();
    const d = client.get(call).subscribe();
    expect(requests).toHaveLength(3);
    c.unsubscribe();
    expect(open.has(2)).toBe(true);
    d.unsubscribe();
    expect(open.has(2)).toBe(false);
    other.unsubscribe();
    expect(open.size).toBe(0);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('dedupes identical errors of one response', () => {
    const e = { message: 'Prometheus: cannot reach the backend', backend: 'prometheus' as const };
    expect(dedupeErrors([e, e, e, { message: 'Loki: x', backend: 'loki' }])).toEqual([
      { ...e, message: 'Prometheus: cannot reach the backend (3 requests)' },
      { message: 'Loki: x', backend: 'loki' },
    ]);
  });
});
