import { JaegerProcess, JaegerTrace, StoredSpan } from './model';

/** Search parameters of `/api/traces`, already parsed (times and durations in µs). */
export interface TraceQuery {
  service: string;
  operation?: string;
  tags: Record<string, string>;
  start?: number;
  end?: number;
  minDuration?: number;
  maxDuration?: number;
  limit: number;
}

interface StoredTrace {
  spans: StoredSpan[];
  /** Latest span start (µs): the search result order. */
  lastStart: number;
}

/** In-memory trace storage of the Jaeger stand-in, bounded to maxTraces (oldest dropped first). */
export class TraceStore {
  private readonly traces = new Map<string, StoredTrace>();
  /** service → operation name → span kind */
  private readonly operations = new Map<string, Map<string, string>>();

  constructor(private readonly maxTraces = 10000) {}

  add(spans: StoredSpan[]): void {
    for (const s of spans) {
      let t = this.traces.get(s.span.traceID);
      if (!t) {
        t = { spans: [], lastStart: 0 };
        this.traces.set(s.span.traceID, t);
      }
      t.spans.push(s);
      t.lastStart = Math.max(t.lastStart, s.span.startTime);
      const ops = this.operations.get(s.process.serviceName) ?? new Map<string, string>();
      ops.set(s.span.operationName, s.spanKind);
      this.operations.set(s.process.serviceName, ops);
    }
    // Map iteration order is insertion order: drop the oldest traces first.
    for (const id of this.traces.keys()) {
      if (this.traces.size <= this.maxTraces) {
        break;
      }
      this.traces.delete(id);
    }
  }

  get size(): number {
    return this.traces.size;
  }

  services(): string[] {
    return [...this.operations.keys()].sort();
  }

  /** Operations of a service with their span kinds, sorted by name. */
  operationsOf(service: string, spanKind?: string): Array<{ name: string; spanKind: string }> {
    const ops = this.operations.get(service) ?? new Map<string, string>();
    return [...ops.entries()]
      .filter(([, kind]) => !spanKind || kind === spanKind)
      .map(([name, kind]) => ({ name, spanKind: kind }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(traceID: string): JaegerTrace | undefined {
    const t = this.traces.get(traceID);
    return t ? toUiTrace(traceID, t.spans) : undefined;
  }

  /** Like Jaeger's memory store: a trace matches when one of its spans satisfies every condition. */
  find(q: TraceQuery): JaegerTrace[] {
    const hits: Array<[string, StoredTrace]> = [];
    for (const entry of this.traces) {
      if (entry[1].spans.some((s) => spanMatches(s, q))) {
        hits.push(entry);
      }
    }
    hits.sort((a, b) => b[1].lastStart - a[1].lastStart);
    return hits.slice(0, q.limit).map(([id, t]) => toUiTrace(id, t.spans));
  }
}

function spanMatches(s: StoredSpan, q: TraceQuery): boolean {
  const span = s.span;
  if (s.process.serviceName !== q.service) {
    return false;
  }
  if (q.operation && span.operationName !== q.operation) {
    return false;
  }
  if (q.start !== undefined && span.startTime < q.start) {
    return false;
  }
  if (q.end !== undefined && span.startTime > q.end) {
    return false;
  }
  if (q.minDuration !== undefined && span.duration < q.minDuration) {
    return false;
  }
  if (q.maxDuration !== undefined && span.duration > q.maxDuration) {
    return false;
  }
  for (const [key, value] of Object.entries(q.tags)) {
    const found =
      span.tags.some((t) => t.key === key && String(t.value) === value) ||
      s.process.tags.some((t) => t.key === key && String(t.value) === value) ||
      span.logs.some((l) => l.fields.some((f) => f.key === key && String(f.value) === value));
    if (!found) {
      return false;
    }
  }
  return true;
}

/** Builds the UI trace: processes deduplicated into p1, p2, … in first-seen order. */
function toUiTrace(traceID: string, spans: StoredSpan[]): JaegerTrace {
  const processes: Record<string, JaegerProcess> = {};
  const keys = new Map<string, string>();
  // Start order; on ties parents first (roots have no references).
  const ordered = [...spans].sort(
    (a, b) => a.span.startTime - b.span.startTime || a.span.references.length - b.span.references.length
  );
  return {
    traceID,
    spans: ordered.map((s) => {
      const sig = JSON.stringify(s.process);
      let pid = keys.get(sig);
      if (!pid) {
        pid = `p${keys.size + 1}`;
        keys.set(sig, pid);
        processes[pid] = s.process;
      }
      return { ...s.span, processID: pid };
    }),
    processes,
    warnings: null,
  };
}
