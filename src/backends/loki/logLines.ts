import { CascadeLogLine, ResolvedMapping, AssetError } from '../../model';
import { recordFrom } from '../../model/ownKeys';
import { LokiEntry } from './parseLoki';

/** 32-bit FNV-1a, for stable log line ids (React keys, dedup) without crypto. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The fields of a line: labels Loki extracted (`| json`, structured metadata, stream labels), else
 * the line's own top-level JSON fields (when the backend returned the raw line only).
 */
export function lineFields(entry: LokiEntry): Record<string, string> {
  const line = entry.line;
  if (line.charCodeAt(0) !== 123 /* { */) {
    return entry.labels;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return entry.labels;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return entry.labels;
  }
  const fields = recordFrom(
    Object.entries(parsed)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      .map(([k, v]) => [k, String(v)])
  );
  return { ...fields, ...entry.labels };
}

/** Log entries as `logs` frame rows; ids are `<tsNs>_<hash>` made unique within the response. */
export function toLogLines(entries: LokiEntry[], m: ResolvedMapping): CascadeLogLine[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const f = lineFields(e);
    let id = `${e.tsNs}_${fnv1a(e.line)}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) {
      id = `${id}_${n}`;
    }
    return {
      timestamp: e.tsMs,
      tsNs: e.tsNs,
      body: e.line,
      severity: f[m.lokiLevelField] ?? f.detected_level,
      id,
      labels: e.labels,
      asset: f[m.lokiAssetField],
      traceId: f[m.lokiTraceIdField],
      spanId: f[m.lokiSpanIdField],
    };
  });
}

const MESSAGE_FIELDS = ['error_message', 'message', 'msg', 'error', 'exception', 'event'];

/** The human message of an error line: the first message-like field, else the line. */
export function errorMessage(fields: Record<string, string>, line: string): string {
  for (const k of MESSAGE_FIELDS) {
    if (fields[k]) {
      const type = k === 'error_message' && fields.error_type ? `${fields.error_type}: ` : '';
      return `${type}${fields[k]}`;
    }
  }
  return line;
}

/** Newest error per asset from error lines sorted newest first (the Loki "last error" query). */
export function lastErrorByAsset(entries: LokiEntry[], m: ResolvedMapping): Map<string, AssetError> {
  const out = new Map<string, AssetError>();
  for (const e of entries) {
    const f = lineFields(e);
    const asset = f[m.lokiAssetField];
    if (asset !== undefined && !out.has(asset)) {
      out.set(asset, { message: errorMessage(f, e.line), at: e.tsMs });
    }
  }
  return out;
}
