/** A span tag as Jaeger and Grafana's trace frame carry it. */
export interface SpanTag {
  key: string;
  value?: unknown;
}

/** The value of a span tag (the first one with that key). */
export const tagValue = (tags: readonly SpanTag[] | undefined, key: string): unknown =>
  tags?.find((t) => t.key === key)?.value;

/** The one rule for a failed span's tags: OTLP `otel.status_code=ERROR` or the OpenTracing `error=true` tag. */
export function hasErrorTag(tags: readonly SpanTag[] | undefined): boolean {
  const err = tagValue(tags, 'error');
  return err === true || err === 'true' || tagValue(tags, 'otel.status_code') === 'ERROR';
}

/** OTLP status code from span tags: 0 unset, 1 ok, 2 error (`otel.status_code`, or `error=true`). */
export function spanStatusCode(tags: readonly SpanTag[] | undefined): number | undefined {
  const code = tagValue(tags, 'otel.status_code');
  if (code === 'ERROR') {
    return 2;
  }
  if (code === 'OK') {
    return 1;
  }
  if (hasErrorTag(tags)) {
    return 2;
  }
  return code === 'UNSET' ? 0 : undefined;
}
