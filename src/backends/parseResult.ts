import { recordFrom } from '../model/ownKeys';

/**
 * Typed results of the response parsers: they never throw, a bad payload becomes a ParseError that
 * query() turns into an error naming the backend.
 */
export type ParseErrorKind = 'syntax' | 'shape' | 'backend';

export interface ParseError {
  kind: ParseErrorKind;
  message: string;
  /** Backend error class when the backend reported one (Prometheus `errorType`). */
  errorType?: string;
}

export type ParseResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: ParseError };

export const ok = <T>(value: T, warnings: string[] = []): ParseResult<T> => ({ ok: true, value, warnings });
export const fail = <T = never>(kind: ParseErrorKind, message: string, errorType?: string): ParseResult<T> => ({
  ok: false,
  error: { kind, message, errorType },
});

/** A body that is already an object (JSON parsed by backendSrv) or text to parse here. */
export function readJson(body: unknown): ParseResult<unknown> {
  if (typeof body !== 'string') {
    return body === undefined || body === null ? fail('shape', 'empty response body') : ok(body);
  }
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text) {
    return fail('shape', 'empty response body');
  }
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    return fail('syntax', `invalid JSON (${(e as Error).message}): ${snippet(text)}`);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** First characters of a body for error messages, tags stripped (HTML error pages), one line. */
export function snippet(text: string, max = 200): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}

/** String labels only (numbers/booleans stringified, anything else dropped). Hot path: returns the object itself when it is already all strings. */
export function stringRecord(v: unknown): Record<string, string> {
  if (!isRecord(v)) {
    return {};
  }
  let clean = true;
  for (const k in v) {
    if (typeof v[k] !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) {
    return v as Record<string, string>;
  }
  return recordFrom(
    Object.entries(v)
      .filter(([, val]) => typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean')
      .map(([k, val]) => [k, String(val)])
  );
}

/** Warnings/infos arrays of strings, from any envelope. */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Readable text of a failed response body for an error message: the text itself, or the `message` of
 * a JSON body or of the object Grafana's backendSrv makes of non-JSON error bodies; HTML error pages
 * reduced to their title.
 */
export function errorBodyText(body: unknown): string {
  let v = body;
  if (typeof v === 'string' && v.trimStart().startsWith('{')) {
    // Proxy errors are JSON `{message}` (Grafana's and the sandbox's), read as text.
    const json = readJson(v);
    if (json.ok && isRecord(json.value) && typeof json.value.message === 'string') {
      v = json.value;
    }
  }
  const text = typeof v === 'string' ? v : isRecord(v) && typeof v.message === 'string' ? v.message : '';
  return text.trim() ? snippet(text) : '';
}
