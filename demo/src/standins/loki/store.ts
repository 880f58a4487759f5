/** In-memory log storage of the Loki stand-in, bounded to maxLines (oldest dropped first). */

export interface LogEntry {
  ns: bigint;
  line: string;
  /** Structured metadata (Loki 3 keeps detected_level here). */
  meta: Record<string, string>;
}

export interface LogStream {
  key: string;
  labels: Record<string, string>;
  /** Sorted by ns ascending. */
  entries: LogEntry[];
}

/** Canonical key of a label set: sorted `{a="1", b="2"}` (also how Loki prints label sets). */
export function labelsKey(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'critical', 'fatal']);

/** Loki 3's ingest-time level detection (discover_log_levels): from a JSON/logfmt `level` field. */
export function detectLevel(line: string): string {
  const m = line.match(/"(?:level|lvl|severity)"\s*:\s*"([A-Za-z]+)"/) ?? line.match(/\b(?:level|lvl)=([A-Za-z]+)/);
  const level = m?.[1].toLowerCase();
  if (!level || !LEVELS.has(level)) {
    return 'unknown';
  }
  return level === 'warning' ? 'warn' : level === 'critical' ? 'critical' : level;
}

/** Labels Loki 3 looks at to derive service_name (discover_service_name default). */
const SERVICE_NAME_SOURCES = [
  'service',
  'app',
  'application',
  'name',
  'app_kubernetes_io_name',
  'container',
  'container_name',
  'component',
  'workload',
  'job',
];

export class LogStore {
  private readonly streams = new Map<string, LogStream>();
  private count = 0;

  constructor(
    private readonly maxLines = 100000,
    /** Mimic Loki 3 defaults: add service_name to the stream and detected_level as metadata. */
    private readonly loki3Discovery = true
  ) {}

  get size(): number {
    return this.count;
  }

  allStreams(): Iterable<LogStream> {
    return this.streams.values();
  }

  push(labels: Record<string, string>, values: Array<[string, string, Record<string, string>?]>): void {
    const streamLabels = { ...labels };
    if (this.loki3Discovery && streamLabels.service_name === undefined) {
      const source = SERVICE_NAME_SOURCES.find((l) => streamLabels[l]);
      streamLabels.service_name = source ? streamLabels[source] : 'unknown_service';
    }
    const key = labelsKey(streamLabels);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { key, labels: streamLabels, entries: [] };
      this.streams.set(key, stream);
    }
    for (const [ts, line, metadata] of values) {
      const meta: Record<string, string> = { ...(metadata ?? {}) };
      if (this.loki3Discovery && meta.detected_level === undefined && streamLabels.level === undefined) {
        meta.detected_level = detectLevel(line);
      }
      insertSorted(stream.entries, { ns: BigInt(ts), line, meta });
      this.count++;
    }
    this.evict();
  }

  private evict(): void {
    while (this.count > this.maxLines) {
      let oldest: LogStream | undefined;
      let next: bigint | undefined;
      for (const s of this.streams.values()) {
        const first = s.entries[0]?.ns;
        if (first === undefined) {
          continue;
        }
        if (!oldest || first < oldest.entries[0].ns) {
          next = oldest?.entries[0].ns;
          oldest = s;
        } else if (next === undefined || first < next) {
          next = first;
        }
      }
      if (!oldest) {
        return;
      }
      // Drop from the oldest stream until it is no longer the oldest (or the store fits).
      let drop = 0;
      const excess = this.count - this.maxLines;
      while (drop < excess && drop < oldest.entries.length && (next === undefined || oldest.entries[drop].ns <= next)) {
        drop++;
      }
      drop = Math.max(drop, 1);
      oldest.entries.splice(0, drop);
      this.count -= drop;
      if (oldest.entries.length === 0) {
        this.streams.delete(oldest.key);
      }
    }
  }
}

/** Appends in O(1) for in-order pushes, binary-inserts otherwise (Loki accepts out-of-order writes). */
function insertSorted(entries: LogEntry[], e: LogEntry): void {
  if (entries.length === 0 || entries[entries.length - 1].ns <= e.ns) {
    entries.push(e);
    return;
  }
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].ns <= e.ns) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  entries.splice(lo, 0, e);
}
