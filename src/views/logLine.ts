// How a log line reads in one row, everywhere (asset logs, trace waterfall, span details): what
// happened first, then what went wrong, then the other fields, and the ids last, so a row cut at
// its end loses only the ids.

// Fields every line carries and the row already shows (level, time, asset, its trace and span).
const SKIP = new Set([
  'event',
  'message',
  'msg',
  'level',
  'severity',
  'asset_name',
  'trace_id',
  'span_id',
  'traceId',
  'spanId',
  'timestamp',
  'time',
  'ts',
  'logger',
]);
const MESSAGE_FIELDS = ['event', 'message', 'msg'];
/** What went wrong: shown right after the message. */
const ERROR_FIELDS = ['error_message', 'error', 'err', 'exception', 'error_type', 'reason'];
/** Identifiers: useful to copy, useless to read, so they go last. */
const isId = (key: string) => /(^|_)(id|uuid)$|Id$/.test(key);

/** A one-line structured log line: its message and its fields, message first, ids last. */
export interface LogLineParts {
  message?: string;
  fields: Array<[key: string, value: string]>;
}

function parseObject(body: string): Record<string, unknown> | undefined {
  const t = body.trim();
  if (!t.startsWith('{')) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(t);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const rank = (key: string) => {
  const error = ERROR_FIELDS.indexOf(key);
  return error >= 0 ? error : isId(key) ? ERROR_FIELDS.length + 2 : ERROR_FIELDS.length + 1;
};

const show = (v: unknown) => (typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

/** A JSON (structlog) line split into message and ordered fields; undefined for any other line. */
export function logLineParts(body: string): LogLineParts | undefined {
  const fields = parseObject(body);
  if (!fields) {
    return undefined;
  }
  const head = MESSAGE_FIELDS.map((k) => fields[k]).find((v) => v !== undefined && v !== null && v !== '');
  const rest = Object.entries(fields)
    .filter(([k, v]) => !SKIP.has(k) && v !== null && v !== undefined && v !== '')
    .map(([k, v], i) => ({ k, v: show(v), i }))
    // Stable: fields of the same rank keep the logger's order.
    .sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i)
    .map(({ k, v }): [string, string] => [k, v]);
  return { message: head === undefined ? undefined : String(head), fields: rest };
}

/**
 * A log line as one readable row: a JSON line becomes its message, then its error fields, then the
 * rest as key=value with identifiers last. Plain-text lines are returned as they are.
 */
export function logSummary(body: string): string {
  const parts = logLineParts(body);
  if (!parts) {
    return body;
  }
  return [parts.message, ...parts.fields.map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' ');
}

/** The full line for an expanded row: JSON indented, anything else as it is. */
export function prettyLogBody(body: string): string {
  const parsed = parseObject(body);
  return parsed ? JSON.stringify(parsed, null, 2) : body;
}
