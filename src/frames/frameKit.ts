import {
  createDataFrame,
  DataFrame,
  FieldConfig,
  FieldType,
  QueryResultMeta,
  QueryResultMetaNotice,
} from '@grafana/data';
import { CascadeFrameKind } from './frameFields';

/** One column of a table frame built from rows. */
export interface ColumnSpec<T> {
  name: string;
  type: FieldType;
  get: (row: T) => unknown;
  config?: FieldConfig;
}

/** Column-major table frame from rows; `undefined` values become `null` (Grafana's "no value"). */
export function buildTable<T>(
  kind: CascadeFrameKind,
  refId: string | undefined,
  columns: Array<ColumnSpec<T>>,
  rows: readonly T[],
  meta: QueryResultMeta = {}
): DataFrame {
  const fields = columns.map((c) => {
    const values = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = c.get(rows[i]);
      values[i] = v === undefined ? null : v;
    }
    return { name: c.name, type: c.type, config: c.config ?? {}, values };
  });
  return createDataFrame({
    refId,
    name: kind,
    fields,
    meta: { ...meta, custom: { ...(meta.custom ?? {}), cascade: kind } },
  });
}

/** The frames of one kind in a response (pages use this instead of relying on frame order). */
export function findFrames(series: readonly DataFrame[], kind: CascadeFrameKind): DataFrame[] {
  return series.filter((f) => f.meta?.custom?.cascade === kind);
}

/** Values of a field by name ([] when absent). */
export function column(frame: DataFrame, name: string): unknown[] {
  const values = frame.fields.find((f) => f.name === name)?.values;
  return values ? Array.from(values) : [];
}

export const asString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v);
export const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && !Number.isNaN(v) ? v : undefined);

/** Reads rows back: `make(get)` is called once per row with a getter by field name. */
export function readRows<T>(frame: DataFrame, make: (get: (name: string) => unknown) => T): T[] {
  const cols = new Map<string, unknown[]>();
  for (const f of frame.fields) {
    cols.set(f.name, Array.from(f.values));
  }
  const out: T[] = new Array(frame.length);
  for (let i = 0; i < frame.length; i++) {
    out[i] = make((name) => cols.get(name)?.[i]);
  }
  return out;
}

/** A warning notice on a frame (truncation, partial data); shown by Grafana above the panel. */
export function warningNotice(text: string): QueryResultMetaNotice {
  return { severity: 'warning', text };
}

/** Adds notices to a frame's meta (frames are returned fresh, so mutating is safe here). */
export function addNotices(frame: DataFrame, notices: QueryResultMetaNotice[]): DataFrame {
  if (notices.length) {
    frame.meta = { ...(frame.meta ?? {}), notices: [...(frame.meta?.notices ?? []), ...notices] };
  }
  return frame;
}
