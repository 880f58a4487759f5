/**
 * Hostile strings for property-based tests of the query builders: quotes, backslashes, control
 * characters, regex and PromQL/LogQL metacharacters, matcher-injection fragments, unicode (BMP,
 * astral, BOM, line separators), Object.prototype member names, lone surrogates and very long values. Shared by the grammar
 * properties (src/datasource/queryBuilders.property.test.ts) and the exact-selection properties
 * against real Prometheus and the stand-ins (tests/integration/reliability.selection.test.ts).
 */
import fc from 'fast-check';

/** Single characters that break naive quoting, regexes or selectors. */
export const HOSTILE_CHARS = [
  '"',
  "'",
  '`',
  '\\',
  '\n',
  '\r',
  '\t',
  '\0',
  '\x7f',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\uFFFD',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '|',
  '.',
  '*',
  '+',
  '?',
  '^',
  '$',
  ',',
  '=',
  '~',
  '!',
  '#',
  '%',
  '&',
  '/',
  ':',
  ';',
  '<',
  '>',
  ' ',
  'é',
  'ß',
  'Ω',
  '中',
  '🌙',
  '𝔘',
  '👩‍👩‍👧',
];

/** Fragments that would inject matchers, stages or alternations if a value were not escaped. */
export const INJECTIONS = [
  '"}',
  '"} or vector(1) #',
  '",asset_name=~".*',
  '.*',
  '.+',
  'a|b',
  '|',
  '\\"',
  '\\\\"',
  '" | json | level="error',
  '"} |= "',
  ') or up',
  '${asset}',
  '$__all',
  '[[x]]',
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '{job="dagster"}',
  // Object.prototype members: a plain {} keyed by asset name would find these.
  '__proto__',
  'constructor',
  'toString',
];

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];

/** One "character" of a hostile string: mostly hostile, some plain, any code point, fragments. */
const unit = (withLoneSurrogates: boolean) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
    { weight: 3, arbitrary: fc.constantFrom(...'abcxyz_019-') },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
    ...(withLoneSurrogates ? [{ weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) }] : [])
  );

export interface HostileOptions {
  minLength?: number;
  maxLength?: number;
  /** Include lone UTF-16 surrogates (not representable in UTF-8; default true). */
  loneSurrogates?: boolean;
}

/** A hostile string (length counted in units, so a value can be several times longer in code units). */
export function hostileString(opts: HostileOptions = {}): fc.Arbitrary<string> {
  return fc
    .array(unit(opts.loneSurrogates ?? true), { minLength: opts.minLength ?? 0, maxLength: opts.maxLength ?? 24 })
    .map((parts) => parts.join(''));
}

/** Hostile strings plus, now and then, a very long one (up to ~`longLength` code units). */
export function hostileOrLong(opts: HostileOptions & { longLength?: number } = {}): fc.Arbitrary<string> {
  const long = opts.longLength ?? 4000;
  return fc.oneof(
    { weight: 9, arbitrary: hostileString(opts) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          hostileString({ ...opts, minLength: 1, maxLength: 8 }),
          fc.integer({ min: 1, max: Math.max(1, Math.floor(long / 8)) })
        )
        .map(([s, n]) => s.repeat(n).slice(0, long)),
    }
  );
}

/** True when `s` has no lone surrogate (it survives UTF-8 encoding unchanged). */
export const isWellFormed = (s: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
