import { map, Observable, of, ReplaySubject, share, tap } from 'rxjs';
import { BackendClient } from '../../backends/client';
import { recordedWindowsFrom, recordingRulesProbeQuery } from '../../backends/prometheus/recordingRules';
import { ResolvedMapping } from '../../model';

/** How long a detection answer is kept: rules loaded or removed later are noticed within this time. */
export const RECORDING_RULES_TTL_MS = 10 * 60_000;

/**
 * How far before the detection a range may end and still read recorded series. The series have no
 * history before the rules were first evaluated, so an older range reads the raw series; a minute
 * covers a dashboard's "now" taken just before the probe answered.
 */
export const RECENT_RANGE_MS = 60_000;

interface Detection {
  windows: ReadonlySet<string>;
  /** When the answer came back: the recorded series exist from then on. */
  at: number;
}

/**
 * Whether Cascade's recording rules are present in a Prometheus, asked with one instant query and
 * remembered per data source instance (one probe per Prometheus uid, shared by concurrent queries,
 * renewed after RECORDING_RULES_TTL_MS). A failed probe is not remembered: that query reads the raw
 * series and the next one asks again.
 */
export class RecordingRulesProbe {
  private readonly cache = new Map<
    string,
    { detection?: Detection; pending?: Observable<Detection | undefined>; expires: number }
  >();

  constructor(
    private readonly client: BackendClient,
    private readonly mapping: ResolvedMapping,
    private readonly now: () => number = Date.now
  ) {}

  /** Windows whose recorded series can answer a query ending at `toMs` (empty: read the raw series). */
  windows(uid: string, toMs: number): Observable<ReadonlySet<string>> {
    return this.detect(uid).pipe(map((d) => (d && toMs >= d.at - RECENT_RANGE_MS ? d.windows : new Set<string>())));
  }

  private detect(uid: string): Observable<Detection | undefined> {
    const cached = this.cache.get(uid);
    if (cached && cached.expires > this.now()) {
      if (cached.detection) {
        return of(cached.detection);
      }
      if (cached.pending) {
        return cached.pending;
      }
    }
    const entry: { detection?: Detection; pending?: Observable<Detection | undefined>; expires: number } = {
      expires: this.now() + RECORDING_RULES_TTL_MS,
    };
    entry.pending = this.client
      .get({
        backend: 'prometheus',
        uid,
        path: '/api/v1/query',
        params: { query: recordingRulesProbeQuery(this.mapping) },
      })
      .pipe(
        map((res) => (res.ok ? { windows: recordedWindowsFrom(res.body, this.mapping), at: this.now() } : undefined)),
        tap((d) => {
          if (d) {
            entry.detection = d;
            entry.pending = undefined;
          } else if (this.cache.get(uid) === entry) {
            this.cache.delete(uid);
          }
        }),
        // Concurrent queries share one probe; it is cancelled (and asked again later) if they all unsubscribe first.
        // Its answer is replayed to parts of the same query that subscribe after it came (synchronous answers).
        share({ connector: () => new ReplaySubject<Detection | undefined>(1), resetOnComplete: false })
      );
    this.cache.set(uid, entry);
    return entry.pending;
  }
}
