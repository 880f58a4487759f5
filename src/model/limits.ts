/** Caps that keep memory bounded; results beyond them are truncated with a notice. */
export interface QueryLimits {
  maxSeries: number;
  maxLogLines: number;
  maxSpans: number;
  maxTraces: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxSeries: 20000, maxLogLines: 5000, maxSpans: 100000, maxTraces: 500 };

/** Limits from jsonData over DEFAULT_LIMITS (non-positive values ignored). */
export function resolveLimits(partial: Partial<QueryLimits> | undefined): QueryLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(out) as Array<keyof QueryLimits>) {
    const v = partial?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
      out[key] = Math.floor(v);
    }
  }
  return out;
}
