import {
  ANNOTATION_KIND_TAG,
  AnnotationKind,
  AssetAnnotation,
  FreshnessSla,
  HealthRules,
  ResolvedMapping,
} from '../model';
import { parsePromMatrix, PromSeries } from '../backends/prometheus/parsePrometheus';
import { ParseError } from '../backends/parseResult';
import { DIAGNOSIS_SIGNAL_LABEL } from '../backends/prometheus/diagnosisQueries';
import { AnnotationSeries } from '../backends/prometheus/annotationQueries';
import { formatDuration, slaFor } from '../rules/healthRules';
import { stepIncreases } from './diagnosisSignals';

/**
 * The annotations range query's answer → events on assets (pure): failed runs from the failures
 * counter's steps, SLA breaches from the last-update timestamp, alert spells from `ALERTS`.
 * Times are as exact as the signal allows: a breach starts at last update + SLA (exact); failures
 * and alert spells are known to one step of the range query.
 */

export interface AnnotationWindow {
  /** The range query's first step and last step (ms epoch) and its step (ms). */
  fromMs: number;
  toMs: number;
  stepMs: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Steps closer than this are one stretch (a missing sample or two does not split it). */
const adjacent = (a: number, b: number, stepMs: number) => b - a <= stepMs * 1.5;

/** Whether a stretch reaching `lastMs` was still going at the end of the range. */
const reachesEnd = (lastMs: number, w: AnnotationWindow) => lastMs >= w.toMs - w.stepMs / 2;

/**
 * Failed runs: each stretch of consecutive steps in which the failures counter rose is one region,
 * from the step before the first rise to the last rise (a counter reset counts its new value).
 */
export function failedRunEvents(asset: string, failures: PromSeries, w: AnnotationWindow): AssetAnnotation[] {
  const rises = [...stepIncreases(failures, w.fromMs)].filter(([, d]) => d > 0).sort((a, b) => a[0] - b[0]);
  const out: AssetAnnotation[] = [];
  let i = 0;
  while (i < rises.length) {
    let j = i;
    let count = rises[i][1];
    while (j + 1 < rises.length && adjacent(rises[j][0], rises[j + 1][0], w.stepMs)) {
      j++;
      count += rises[j][1];
    }
    const runs = Math.max(1, Math.round(count));
    const ongoing = reachesEnd(rises[j][0], w);
    out.push({
      time: rises[i][0] - w.stepMs,
      timeEnd: rises[j][0],
      ongoing,
      asset,
      kind: 'failedRuns',
      severity: 'critical',
      title: `${asset} failed`,
      text: `${asset} failed: ${plural(runs, 'failed run')}${ongoing ? ', still failing at the end of the range' : ''}`,
      tags: [asset, ANNOTATION_KIND_TAG.failedRuns, 'critical'],
    });
    i = j + 1;
  }
  return out;
}

/**
 * SLA breaches: a breach is recorded when a step sees the asset older than its SLA (so never from
 * an update the steps did not see). It starts at that update + the SLA and ends at the next update
 * the steps saw; without one it is still open. Critical when the age passed the critical SLA.
 */
export function slaBreachEvents(
  asset: string,
  lastUpdate: PromSeries,
  sla: FreshnessSla,
  w: AnnotationWindow
): AssetAnnotation[] {
  const out: AssetAnnotation[] = [];
  const points = lastUpdate.timestamps
    .map((t, k) => ({ t, u: lastUpdate.values[k] * 1000 }))
    .filter((p) => Number.isFinite(p.u) && p.u > 0);
  const lastSeen = points.length ? points[points.length - 1].t : 0;
  for (let k = 0; k < points.length; k++) {
    const { t, u } = points[k];
    const seenBreached = t - u > sla.warningSeconds * 1000;
    // One event per update: only at the first step that saw it breached.
    const alreadyCounted = k > 0 && points[k - 1].u === u && points[k - 1].t - u > sla.warningSeconds * 1000;
    if (!seenBreached || alreadyCounted) {
      continue;
    }
    const next = points.slice(k + 1).find((p) => p.u > u);
    const ongoing = !next && reachesEnd(lastSeen, w);
    const end = next ? next.u : lastSeen;
    const ageSeconds = (end - u) / 1000;
    const critical = ageSeconds > sla.criticalSeconds;
    const start = u + sla.warningSeconds * 1000;
    if (end < w.fromMs || start > w.toMs) {
      continue;
    }
    const words = ongoing
      ? `not updated for ${formatDuration(ageSeconds)}, still stale`
      : next
        ? `no update for ${formatDuration(ageSeconds)}, then updated`
        : `not updated for ${formatDuration(ageSeconds)} when its metrics stopped`;
    out.push({
      time: start,
      timeEnd: end,
      ongoing,
      asset,
      kind: 'slaBreaches',
      severity: critical ? 'critical' : 'warning',
      title: `${asset} past its SLA`,
      text:
        `${asset} past its ${formatDuration(sla.warningSeconds)} SLA: ${words}` +
        (critical ? ` (critical after ${formatDuration(sla.criticalSeconds)})` : ''),
      tags: [asset, ANNOTATION_KIND_TAG.slaBreaches, critical ? 'critical' : 'warning'],
    });
  }
  return out;
}

/**
 * Alert spells: each stretch of steps in which an `ALERTS` series (one alert, one state) was present
 * is one event: pending is a warning; firing takes the alert's `severity` label, else critical.
 */
export function alertEvents(asset: string, alert: PromSeries, w: AnnotationWindow): AssetAnnotation[] {
  const name = alert.labels.alertname ?? 'alert';
  const state = alert.labels.alertstate === 'firing' ? 'firing' : 'pending';
  const label = alert.labels.severity;
  const severity =
    state === 'pending' ? 'warning' : label === 'warning' || label === 'critical' ? label : ('critical' as const);
  const times = alert.timestamps.filter((_, k) => Number.isFinite(alert.values[k]));
  const out: AssetAnnotation[] = [];
  let i = 0;
  while (i < times.length) {
    let j = i;
    while (j + 1 < times.length && adjacent(times[j], times[j + 1], w.stepMs)) {
      j++;
    }
    const ongoing = reachesEnd(times[j], w);
    out.push({
      time: times[i],
      timeEnd: times[j] > times[i] ? times[j] : undefined,
      ongoing,
      asset,
      kind: 'alerts',
      severity,
      title: `alert ${name} ${state}`,
      text: `alert ${name} ${state} for ${asset}${ongoing ? `, still ${state} at the end of the range` : ''}`,
      tags: [asset, ANNOTATION_KIND_TAG.alerts, severity, name, state],
    });
    i = j + 1;
  }
  return out;
}

/** Events first by time, then by asset, then by kind: the order a table of them reads in. */
export function compareAnnotations(a: AssetAnnotation, b: AssetAnnotation): number {
  return a.time - b.time || (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0) || (a.kind < b.kind ? -1 : 1);
}

export interface AnnotationEventsResult {
  events: AssetAnnotation[];
  errors: ParseError[];
}

/** The range query's body → the chosen kinds of events for every asset in it, sorted by time. */
export function annotationEvents(
  body: unknown,
  m: ResolvedMapping,
  kinds: readonly AnnotationKind[],
  rules: HealthRules,
  w: AnnotationWindow
): AnnotationEventsResult {
  const parsed = parsePromMatrix(body);
  if (!parsed.ok) {
    return { events: [], errors: [parsed.error] };
  }
  const events: AssetAnnotation[] = [];
  for (const s of parsed.value.series) {
    const asset = s.labels[m.assetLabel];
    const part = s.labels[DIAGNOSIS_SIGNAL_LABEL] as AnnotationSeries | undefined;
    if (asset === undefined || asset === '') {
      continue;
    }
    if (part === 'failures' && kinds.includes('failedRuns')) {
      events.push(...failedRunEvents(asset, s, w));
    } else if (part === 'lastUpdate' && kinds.includes('slaBreaches')) {
      events.push(...slaBreachEvents(asset, s, slaFor(asset, rules), w));
    } else if (part === 'alert' && kinds.includes('alerts')) {
      events.push(...alertEvents(asset, s, w));
    }
  }
  return { events: events.sort(compareAnnotations), errors: [] };
}
