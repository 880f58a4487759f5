import { OtlpKeyValue, plainValue, SPAN_KIND_NAMES, STATUS_CODE_NAMES, StoredSpan, valueType } from './model';
import { Filter, spanMatches, TraceQLQuery, WantedField, wantedFields } from './traceql';

/** Search parameters of `/api/search`, parsed (times in epoch seconds as Tempo takes them). */
export interface SearchParams {
  query: TraceQLQuery;
  /** Traces returned (Tempo's default 20). */
  limit: number;
  /** Spans per span set (Tempo's default 3). */
  spss: number;
  start?: number;
  end?: number;
}

/** Tempo's search trace ids drop leading zeros (pkg/util TraceIDToHexString). */
export const searchTraceId = (hex32: string) => hex32.replace(/^0+/, '');

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/** protobuf-JSON of an attribute: int64 as a string, as jsonpb writes it. */
function jsonpbKeyValue(kv: OtlpKeyValue): OtlpKeyValue {
  const v = kv.value ?? {};
  return v.intValue !== undefined ? { key: kv.key, value: { intValue: String(v.intValue) } } : kv;
}

/** Omits empty lists, as jsonpb omits default values. */
const nonEmpty = <T>(list: T[]) => (list.length ? list : undefined);

interface StoredTrace {
  spans: StoredSpan[];
  startNs: bigint;
  endNs: bigint;
}

/** In-memory trace storage of the Tempo stand-in, bounded to maxTraces (oldest dropped first). */
export class TempoStore {
  private readonly traces = new Map<string, StoredTrace>();

  constructor(private readonly maxTraces = 10000) {}

  add(spans: StoredSpan[]): void {
    for (const s of spans) {
      let t = this.traces.get(s.traceId);
      if (!t) {
        t = { spans: [], startNs: s.startNs, endNs: s.endNs };
        this.traces.set(s.traceId, t);
      }
      t.spans.push(s);
      t.startNs = s.startNs < t.startNs ? s.startNs : t.startNs;
      t.endNs = s.endNs > t.endNs ? s.endNs : t.endNs;
    }
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

  /** `/api/search` result: newest traces first, each with one span set of its matching spans. */
  search(p: SearchParams) {
    const startNs = p.start !== undefined ? BigInt(Math.floor(p.start)) * BigInt(1e9) : undefined;
    const endNs = p.end !== undefined ? BigInt(Math.ceil(p.end)) * BigInt(1e9) : undefined;
    const wanted = wantedFields(p.query);
    const hits: Array<{ id: string; t: StoredTrace; matched: StoredSpan[] }> = [];
    for (const [id, t] of this.traces) {
      if ((startNs !== undefined && t.endNs < startNs) || (endNs !== undefined && t.startNs > endNs)) {
        continue;
      }
      const matched = t.spans.filter((s) => spanMatches(p.query.filter, s));
      if (matched.length) {
        hits.push({ id, t, matched });
      }
    }
    hits.sort((a, b) => (a.t.startNs < b.t.startNs ? 1 : a.t.startNs > b.t.startNs ? -1 : 0));
    let inspectedBytes = 0;
    for (const t of this.traces.values()) {
      inspectedBytes += t.spans.length * 512;
    }
    return {
      traces: hits.slice(0, p.limit).map(({ id, t, matched }) => {
        const root = t.spans.find((s) => !s.parentSpanId);
        const durationMs = Number((t.endNs - t.startNs) / BigInt(1e6));
        return {
          traceID: searchTraceId(id),
          rootServiceName: root
            ? String(plainValue(root.resource.find((a) => a.key === 'service.name')?.value) ?? '')
            : '<root span not yet received>',
          rootTraceName: root?.name,
          startTimeUnixNano: String(t.startNs),
          durationMs: durationMs || undefined,
          spanSets: [
            {
              spans: matched.slice(0, p.spss).map((s) => ({
                spanID: s.spanId,
                startTimeUnixNano: String(s.startNs),
                durationNanos: String(s.endNs - s.startNs),
                attributes: nonEmpty(matchedAttributes(s, wanted)),
              })),
              matched: matched.length,
            },
          ],
        };
      }),
      metrics: { inspectedTraces: this.traces.size, inspectedBytes: String(inspectedBytes), totalBlocks: 1 },
    };
  }

  /** `/api/v2/traces/<id>` body (resourceSpans) or undefined when the trace is unknown. */
  traceById(hex32: string) {
    const t = this.traces.get(hex32);
    if (!t) {
      return undefined;
    }
    const byResource = new Map<string, { resource: OtlpKeyValue[]; scopes: Map<string, StoredSpan[]> }>();
    for (const s of t.spans) {
      const rKey = JSON.stringify(s.resource);
      const r = byResource.get(rKey) ?? { resource: s.resource, scopes: new Map<string, StoredSpan[]>() };
      byResource.set(rKey, r);
      const sKey = JSON.stringify(s.scope);
      r.scopes.set(sKey, [...(r.scopes.get(sKey) ?? []), s]);
    }
    return {
      resourceSpans: [...byResource.values()].map((r) => ({
        resource: { attributes: r.resource.map(jsonpbKeyValue) },
        scopeSpans: [...r.scopes.values()].map((spans) => ({
          scope: { name: spans[0].scope.name || undefined, version: spans[0].scope.version || undefined },
          spans: spans.map(jsonpbSpan),
        })),
      })),
    };
  }

  /** Distinct values of one attribute (`resource.x`, `span.x`, `.x` or the intrinsics name/status) with their types. */
  tagValues(scope: 'resource' | 'span' | 'any' | 'intrinsic', key: string, filter?: Filter) {
    const values = new Map<string, string>();
    for (const t of this.traces.values()) {
      for (const s of t.spans) {
        if (filter && !spanMatches(filter, s)) {
          continue;
        }
        if (scope === 'intrinsic') {
          const v = key === 'name' ? s.name : key === 'status' ? ['unset', 'ok', 'error'][s.statusCode] : undefined;
          if (v !== undefined) {
            values.set(`${key === 'status' ? 'keyword' : 'string'}\u0000${v}`, v);
          }
          continue;
        }
        const lists =
          scope === 'resource' ? [s.resource] : scope === 'span' ? [s.attributes] : [s.attributes, s.resource];
        for (const list of lists) {
          const found = list.find((a) => a.key === key);
          const v = plainValue(found?.value);
          if (v !== undefined) {
            values.set(`${valueType(found?.value)}\u0000${v}`, String(v));
          }
        }
      }
    }
    return [...values.entries()]
      .map(([k, value]) => ({ type: k.slice(0, k.indexOf('\u0000')), value }))
      .sort((a, b) => a.value.localeCompare(b.value));
  }
}

function matchedAttributes(s: StoredSpan, wanted: WantedField[]): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    if (seen.has(w.key)) {
      continue;
    }
    seen.add(w.key);
    if (w.scope === 'intrinsic') {
      const value = w.key === 'status' ? ['unset', 'ok', 'error'][s.statusCode] : s.name;
      out.push({ key: w.key, value: { stringValue: value } });
      continue;
    }
    const found =
      (w.scope !== 'resource' ? s.attributes.find((a) => a.key === w.key) : undefined) ??
      (w.scope !== 'span' ? s.resource.find((a) => a.key === w.key) : undefined);
    if (found) {
      out.push(jsonpbKeyValue(found));
    }
  }
  return out;
}

/** One span as Tempo's trace-by-id JSON has it: base64 ids, enum names, ns as strings, defaults omitted. */
function jsonpbSpan(s: StoredSpan) {
  return {
    traceId: hexToBase64(s.traceId),
    spanId: hexToBase64(s.spanId),
    parentSpanId: s.parentSpanId ? hexToBase64(s.parentSpanId) : undefined,
    name: s.name,
    kind: s.kind ? SPAN_KIND_NAMES[s.kind] : undefined,
    startTimeUnixNano: String(s.startNs),
    endTimeUnixNano: String(s.endNs),
    attributes: nonEmpty(s.attributes.map(jsonpbKeyValue)),
    events: nonEmpty(
      s.events.map((e) => ({
        timeUnixNano: String(e.timeNs),
        name: e.name,
        attributes: nonEmpty(e.attributes.map(jsonpbKeyValue)),
      }))
    ),
    status: s.statusCode
      ? { code: STATUS_CODE_NAMES[s.statusCode], message: s.statusMessage || undefined }
      : s.statusMessage
        ? { message: s.statusMessage }
        : {},
  };
}
