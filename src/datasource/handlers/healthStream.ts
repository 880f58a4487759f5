import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import { map, merge, Observable } from 'rxjs';
import { HealthSignals } from '../../join/assetJoin';
import { HEALTH_STAGES, HealthStage, LATE_SIGNALS, lateSignalsFit, withLateSignals } from '../../join/healthStages';
import { healthPromKeys } from '../../backends/prometheus/promql';
import { AssetHealth, Backend, CascadeQueryError, DiagnosisSignals } from '../../model';
import { CascadeQuery } from '../types';

/** What one backend request group answered: its signals, and its errors and notices (never thrown). */
export interface Part {
  signals: HealthSignals;
  errors: CascadeQueryError[];
  notices: QueryResultMetaNotice[];
  /** Set when every request of the part failed: the backend did not answer. */
  down?: Backend;
  /** The backend that answered it (set by the handler; see unavailableBackends). */
  backend?: Backend;
  /** The volume part's answer: the diagnosis signals the volume-anomaly rule reads, per asset. */
  diagnosis?: Record<string, DiagnosisSignals>;
}

/** Backends down in every part of theirs that has answered, in a fixed order (joinAssets' `unavailable`). */
export function unavailableBackends(answered: readonly Part[]): Backend[] {
  const order: Backend[] = ['prometheus', 'loki', 'jaeger', 'tempo'];
  return order.filter(
    (b) => answered.some((p) => p.down === b) && answered.every((p) => p.backend !== b || p.down === b)
  );
}

/** A request group and the first stage that needs it (`complete` = late figures, see LATE_SIGNALS). */
export interface StagedPart {
  stage: HealthStage;
  part: Observable<Part>;
}

/** The rows of one stage, with every error and notice known so far. */
export interface HealthSnapshot {
  stage: HealthStage;
  rows: AssetHealth[];
  errors: CascadeQueryError[];
  notices: QueryResultMetaNotice[];
  /** Complete rows that differ from the previous snapshot's only in the late figures (no asset added). */
  lateOnly: boolean;
}

export interface StageOptions {
  /** The first stage worth a packet (health: `status`, lineage: `topology`, one-shot callers: `complete`). */
  first: HealthStage;
  /** The target's asset selection: the rows are exactly these assets (when not empty). */
  selection?: string[];
  /** Joins signals into rows with statuses (the handler's join: rules, root causes), given the parts answered so far. */
  join: (signals: HealthSignals, answered: readonly Part[]) => AssetHealth[];
  /** Rows of the `topology` stage: assets, layers, owners and edges, no verdict yet. */
  topology: (signals: HealthSignals, answered: readonly Part[]) => AssetHealth[];
}

/**
 * Snapshots of a health query as its request groups answer: one per stage reached, at or after
 * `first`, each with the rows joined from everything that has arrived; the last is `complete` and
 * equals the one-shot join. Answers that arrive in the same tick are taken together, so a stage
 * another one overtook is skipped. The `complete` stage fills the late figures into the `status`
 * rows instead of joining again (see withLateSignals). Requests are sent in `parts` order.
 */
export function stagedHealth(parts: StagedPart[], opts: StageOptions): Observable<HealthSnapshot> {
  return new Observable<HealthSnapshot>((subscriber) => {
    const left: Record<HealthStage, number> = { topology: 0, status: 0, complete: 0 };
    parts.forEach((p) => left[p.stage]++);
    const signals: HealthSignals = {};
    const answered: Part[] = [];
    const errors: CascadeQueryError[] = [];
    const notices: QueryResultMetaNotice[] = [];
    let emitted = -1;
    let statusRows: AssetHealth[] | undefined;
    let flushQueued = false;

    const reached = () => {
      let i = -1;
      while (i + 1 < HEALTH_STAGES.length && left[HEALTH_STAGES[i + 1]] === 0) {
        i++;
      }
      return i;
    };
    const flush = () => {
      flushQueued = false;
      const index = reached();
      if (index <= emitted || index < HEALTH_STAGES.indexOf(opts.first) || subscriber.closed) {
        return;
      }
      emitted = index;
      const stage = HEALTH_STAGES[index];
      const known = { stage, errors: [...errors], notices: [...notices] };
      if (stage === 'topology') {
        subscriber.next({ ...known, rows: opts.topology(signals, answered), lateOnly: false });
      } else if (stage === 'status' || !statusRows) {
        statusRows = opts.join(signals, answered);
        subscriber.next({ ...known, rows: statusRows, lateOnly: false });
      } else if (!answered.some((p) => p.down) && lateSignalsFit(statusRows, signals, opts.selection)) {
        // Filled when read: the lineage frames show no late figure and reuse the status packet's frames.
        const base = statusRows;
        let filled: AssetHealth[] | undefined;
        subscriber.next({
          ...known,
          lateOnly: true,
          get rows() {
            return (filled ??= withLateSignals(base, signals));
          },
        });
      } else {
        // A late signal adds an asset, or a backend is down (which one is unavailable may still change): join again.
        subscriber.next({ ...known, rows: opts.join(signals, answered), lateOnly: false });
      }
    };

    const sub = merge(...parts.map((p, index) => p.part.pipe(map((part) => ({ index, part }))))).subscribe({
      next: ({ index, part }) => {
        Object.assign(signals, part.signals);
        answered.push(part);
        errors.push(...part.errors);
        notices.push(...part.notices);
        left[parts[index].stage]--;
        // Answers of the same tick (shared requests, synchronous tests) make one packet.
        if (!flushQueued) {
          flushQueued = true;
          Promise.resolve().then(flush);
        }
      },
      error: (err) => subscriber.error(err),
      complete: () => {
        flush();
        subscriber.complete();
      },
    });
    return () => sub.unsubscribe();
  });
}

/** Row fields the `status` stage fills in (empty in a `topology` packet). */
const STATUS_FIELDS = [
  'status',
  'severity',
  'reasons',
  'lastUpdate',
  'freshness',
  'passRate',
  'runs',
  'failures',
  'errorRate',
  'errorLogs',
  'lastError',
  'lastTraceId',
  'lastTraceDuration',
  'rootCauses',
  'isRootCause',
];

/**
 * Marks the frame of a Streaming packet so pages and panels can tell: `meta.custom.partial` (true),
 * `stage` and `pending` (the row fields still to come, by their AssetHealth names). Complete frames
 * are returned as they are. A shallow copy: frames already sent are never changed.
 */
export function stageMeta(frame: DataFrame, s: HealthSnapshot, quantiles?: CascadeQuery['quantiles']): DataFrame {
  if (s.stage === 'complete') {
    return frame;
  }
  const keys = healthPromKeys(quantiles);
  const late = LATE_SIGNALS.filter((k) => keys.includes(k));
  const pending = s.stage === 'topology' ? [...STATUS_FIELDS, ...late] : late;
  const custom = { ...frame.meta?.custom, partial: true, stage: s.stage, pending };
  return { ...frame, meta: { ...frame.meta, custom } };
}
