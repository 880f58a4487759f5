import { byLabel, HealthSignals } from './assetJoin';
import { ResolvedMapping } from '../model';
import { lastErrorByAsset } from '../backends/loki/logLines';
import { parseJaegerTraces } from '../backends/jaeger/parseJaeger';
import { lastValue, parseLokiMatrix, parseLokiStreams } from '../backends/loki/parseLoki';
import { parsePromVector } from '../backends/prometheus/parsePrometheus';
import { ParseError } from '../backends/parseResult';
import { HealthPromKey } from '../backends/prometheus/promql';
import { latestTraceByAsset, summarizeTrace } from '../backends/jaeger/traceSummary';
import { parseTempoSearch, summarizeSearchHit } from '../backends/tempo/parseTempo';

/**
 * Backend bodies → health signals (pure; the handlers feed it what the proxy returned, the
 * benchmark feeds it recorded bodies). A body that does not parse leaves its signal out and
 * returns a typed error instead.
 */
export interface SignalsResult {
  signals: HealthSignals;
  errors: ParseError[];
  /** Number of traces read (to tell when the search limit was reached). */
  traces?: number;
}

/** One Prometheus instant-query body per health signal. */
export function prometheusSignals(bodies: Partial<Record<HealthPromKey, unknown>>, m: ResolvedMapping): SignalsResult {
  const signals: HealthSignals = {};
  const errors: ParseError[] = [];
  const A = m.assetLabel;
  for (const [key, body] of Object.entries(bodies) as Array<[HealthPromKey, unknown]>) {
    const parsed = parsePromVector(body);
    if (!parsed.ok) {
      errors.push(parsed.error);
      continue;
    }
    const samples = parsed.value;
    switch (key) {
      case 'info':
        signals.info = new Map();
        for (const x of samples) {
          if (x.labels[A] !== undefined) {
            signals.info.set(x.labels[A], { layer: x.labels[m.layerLabel], owner: x.labels[m.ownerLabel] });
          }
        }
        break;
      case 'dependencies':
        signals.dependencies = [];
        for (const x of samples) {
          const asset = x.labels[A];
          const up = x.labels[m.upstreamLabel];
          if (asset !== undefined && up !== undefined) {
            signals.dependencies.push([asset, up]);
          }
        }
        break;
      case 'lastUpdate':
        signals.lastUpdate = byLabel(samples, A, 1000);
        break;
      default:
        signals[key] = byLabel(samples, A);
    }
  }
  return { signals, errors };
}

/** Loki: the error-count metric body (value at the end of the range per asset) and/or the error-lines body. */
export function lokiSignals(
  countsBody: unknown | undefined,
  linesBody: unknown | undefined,
  m: ResolvedMapping
): SignalsResult {
  const signals: HealthSignals = {};
  const errors: ParseError[] = [];
  if (countsBody !== undefined) {
    const parsed = parseLokiMatrix(countsBody);
    if (parsed.ok) {
      signals.errorLogs = new Map();
      for (const s of parsed.value) {
        const asset = s.labels[m.lokiAssetField];
        const v = lastValue(s);
        if (asset !== undefined && v !== undefined && Number.isFinite(v)) {
          signals.errorLogs.set(asset, v);
        }
      }
    } else {
      errors.push(parsed.error);
    }
  }
  if (linesBody !== undefined) {
    const parsed = parseLokiStreams(linesBody);
    if (parsed.ok) {
      signals.lastErrors = lastErrorByAsset(parsed.value.entries, m);
    } else {
      errors.push(parsed.error);
    }
  }
  return { signals, errors };
}

/** Loki: the assets that logged anything (a line-count metric body by asset), as `seen` names. */
export function lokiAssetNames(body: unknown, m: ResolvedMapping): SignalsResult {
  const parsed = parseLokiMatrix(body);
  if (!parsed.ok) {
    return { signals: {}, errors: [parsed.error] };
  }
  const seen = new Set<string>();
  for (const s of parsed.value) {
    const asset = s.labels[m.lokiAssetField];
    if (asset) {
      seen.add(asset);
    }
  }
  return { signals: { seen }, errors: [] };
}

/** Jaeger: one search body, grouped by the asset tag into each asset's newest trace. */
export function jaegerSignals(body: unknown, m: ResolvedMapping): SignalsResult {
  const parsed = parseJaegerTraces(body);
  if (!parsed.ok) {
    return { signals: {}, errors: [parsed.error] };
  }
  const summaries = parsed.value.map((t) => summarizeTrace(t, m.jaegerAssetTag)).filter((t) => t !== undefined);
  return { signals: { lastTraces: latestTraceByAsset(summaries) }, errors: [], traces: parsed.value.length };
}

/** Tempo: one TraceQL search body; each hit's asset is its matched span's attribute, the newest run per asset kept. */
export function tempoSignals(body: unknown, m: ResolvedMapping): SignalsResult {
  const parsed = parseTempoSearch(body);
  if (!parsed.ok) {
    return { signals: {}, errors: [parsed.error] };
  }
  const summaries = parsed.value.map((h) => summarizeSearchHit(h, m.jaegerAssetTag));
  return { signals: { lastTraces: latestTraceByAsset(summaries) }, errors: [], traces: parsed.value.length };
}
