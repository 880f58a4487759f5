import {
  createDataFrame,
  DataFrame,
  DataFrameView,
  FieldConfig,
  FieldType,
  QueryResultMeta,
  QueryResultMetaNotice,
} from '@grafana/data';
import { CascadeFrameKind } from './frameFields';

/**
 * One field of a frame kind, declared once: how it is written from a row and read back into it.
 * `C` is what the writer needs for field config (for example where data links point).
 */
export interface FieldSpec<T, C = void> {
  /** Field name in the frame: a public contract (stored dashboards refer to it). */
  name: string;
  /** Lists (string[]) and records are `FieldType.other` and stay lists and records. */
  type: FieldType;
  /** The row property this field carries, read back into it. Omit for fields that are only written (derived). */
  key?: keyof T & string;
  /** The value written for a row; defaults to `row[key]`. */
  write?: (row: T) => unknown;
  config?: FieldConfig | ((ctx: C) => FieldConfig);
}

/** A frame kind: its fields, and the row a reader starts from (defaults for fields that are absent or null). */
export interface FrameSpec<T, C = void> {
  kind: CascadeFrameKind;
  fields: Array<FieldSpec<T, C>>;
  emptyRow: () => T;
}

/** Writes rows as the frame kind declares (column-major; `undefined` becomes `null`, Grafana's "no value"). */
export function writeFrame<T, C>(
  spec: FrameSpec<T, C>,
  rows: readonly T[],
  ctx: C,
  refId: string | undefined,
  meta: QueryResultMeta = {}
): DataFrame {
  const columns: Array<ColumnSpec<T>> = spec.fields.map((f) => ({
    name: f.name,
    type: f.type,
    get: f.write ?? ((row: T) => (f.key ? row[f.key] : undefined)),
    config: typeof f.config === 'function' ? f.config(ctx) : f.config,
  }));
  return buildTable(spec.kind, refId, columns, rows, meta);
}

/** Reads a frame of the kind back into rows with the same declaration (fields it lacks keep their defaults). */
export function readFrame<T, C>(spec: FrameSpec<T, C>, frame: DataFrame): T[] {
  const present = new Set(frame.fields.map((f) => f.name));
  const readable = spec.fields.filter((f) => f.key && present.has(f.name));
  // DataFrameView finds the fields by name; rows are read from their value arrays, which at 10,000 rows costs
  // half of going through view.get(i)'s per-field getters.
  const view = new DataFrameView<Record<string, unknown>>(frame);
  const columns = readable.map((f) => ({ key: f.key!, type: f.type, values: view.fields[f.name].values }));
  // Rows start from one template holding every key, so they all share one object shape (fast to build and read).
  const template: Record<string, unknown> = {};
  for (const c of columns) {
    template[c.key] = undefined;
  }
  const rows: T[] = new Array(view.length);
  for (let i = 0; i < view.length; i++) {
    const row: Record<string, unknown> = { ...template, ...spec.emptyRow() };
    for (const c of columns) {
      const value = readValue(c.type, c.values[i]);
      if (value !== undefined) {
        row[c.key] = value;
      }
    }
    rows[i] = row as T;
  }
  return rows;
}

function readValue(type: FieldType, v: unknown): unknown {
  switch (type) {
    case FieldType.number:
    case FieldType.time:
      return asNumber(v);
    case FieldType.string:
      return asString(v);
    case FieldType.boolean:
      return typeof v === 'boolean' ? v : undefined;
    default:
      return Array.isArray(v) ? [...v] : v === null ? undefined : v;
  }
}

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

/** Frames of one kind answering one query (refId) in a merged response. */
export function framesFor(series: readonly DataFrame[], kind: CascadeFrameKind, refId: string): DataFrame[] {
  return findFrames(series, kind).filter((f) => f.refId === refId);
}

export const asString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v);
export const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && !Number.isNaN(v) ? v : undefined);

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
