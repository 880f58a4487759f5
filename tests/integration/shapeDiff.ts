/**
 * Structural comparison of a stand-in's answer with a real payload (keys, value types, nesting),
 * used by the stand-in contract tests.
 */

export interface ShapeOptions {
  /** Paths (with [] for array elements) whose object keys are data (label sets, process ids), not schema. */
  maps: RegExp[];
  /** Keys real servers send only sometimes. */
  optional: Set<string>;
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Mismatches between `actual` and the shape of `expected`: same object keys (exactly, but for
 * `optional` ones), same primitive types, array elements each matching one of the real payload's
 * element shapes; positional tuples are compared element by element.
 */
export function shapeDiff(actual: unknown, expected: unknown, opts: ShapeOptions, at = ''): string[] {
  const ka = kind(actual);
  const ke = kind(expected);
  if (ka !== ke) {
    return [`${at || '<root>'}: ${ka} where the real payload has ${ke}`];
  }
  if (ke === 'array') {
    const exp = expected as unknown[];
    const act = actual as unknown[];
    if (exp.length === 0 || act.length === 0) {
      return [];
    }
    // Positional tuples ([ts, line], [ts, line, {...}], [t, "v"]) are compared element by element.
    const isTuple =
      exp.every((e) => kind(e) !== 'object' && kind(e) !== 'array') ||
      at.endsWith('.values[]') ||
      at.endsWith('.value');
    if (isTuple && exp.length <= 3 && exp.some((e) => kind(e) !== kind(exp[0]))) {
      if (act.length !== exp.length) {
        return [`${at}: tuple of ${act.length} where the real payload has ${exp.length}`];
      }
      return act.flatMap((a, i) => shapeDiff(a, exp[i], opts, `${at}[${i}]`));
    }
    const out: string[] = [];
    for (const a of act) {
      const candidates = exp.map((e) => shapeDiff(a, e, opts, `${at}[]`));
      if (!candidates.some((c) => c.length === 0)) {
        out.push(...candidates[0]);
      }
    }
    return [...new Set(out)];
  }
  if (ke === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    if (opts.maps.some((re) => re.test(at))) {
      const types = new Set(Object.values(e).map(kind));
      return Object.entries(a)
        .filter(([, v]) => types.size > 0 && !types.has(kind(v)))
        .map(([k, v]) => `${at}.${k}: ${kind(v)} in a map of ${[...types]}`);
    }
    const out: string[] = [];
    for (const k of Object.keys(e)) {
      if (!(k in a) && !opts.optional.has(k)) {
        out.push(`${at}.${k}: missing`);
      }
    }
    for (const k of Object.keys(a)) {
      if (!(k in e)) {
        out.push(`${at}.${k}: not in the real payload`);
      }
    }
    for (const k of Object.keys(e)) {
      if (k in a) {
        out.push(...shapeDiff(a[k], e[k], opts, at ? `${at}.${k}` : k));
      }
    }
    return out;
  }
  return [];
}
