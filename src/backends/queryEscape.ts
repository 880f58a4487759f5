/**
 * Escaping shared by the PromQL and LogQL builders. Both languages read double-quoted strings with
 * Go's `strconv.Unquote` rules and regexes with Go's RE2, so one implementation serves both.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone UTF-16 surrogates (not encodable as UTF-8, so never in a label value) with U+FFFD. */
export function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

const hex4 = (code: number) => code.toString(16).padStart(4, '0');

/**
 * A Go double-quoted string literal for `value`: backslash, quote, control characters and U+FFFD
 * escaped, everything else (unicode included) verbatim. `"a\"b"` for `a"b`.
 */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of toWellFormed(value)) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') {
      out += '\\\\';
    } else if (ch === '"') {
      out += '\\"';
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (ch === '\t') {
      out += '\\t';
    } else if (code < 0x20 || code === 0x7f || code === 0xfffd) {
      // U+FFFD verbatim is refused by Prometheus' lexer ("invalid UTF-8 rune"); the escape is not.
      out += `\\u${hex4(code)}`;
    } else {
      out += ch;
    }
  }
  return out + '"';
}

// Go's regexp.QuoteMeta set: every RE2 metacharacter.
const RE2_META = /[\\.+*?()|[\]{}^$]/g;

/** `value` as an RE2 pattern matching exactly that text (Go's regexp.QuoteMeta). */
export function escapeRegex(value: string): string {
  return toWellFormed(value).replace(RE2_META, '\\$&');
}

/**
 * An RE2 alternation matching exactly one of `values` (each regex-escaped). Prometheus and Loki anchor
 * label regexes (`^(?:…)$`), so `a|b` never matches `xa` or `ab`.
 */
export function regexAlternation(values: string[]): string {
  return values.map(escapeRegex).join('|');
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Prometheus/Loki label names are identifiers; configured names are checked, never escaped. */
export const isValidLabelName = (name: string) => LABEL_NAME.test(name);

/** Prometheus metric names (classic, pre-UTF-8 rules, as in Prometheus 2.x). */
export const isValidMetricName = (name: string) => METRIC_NAME.test(name);

/** Distinct, non-empty values in first-seen order (empty label values match absent labels). */
export function cleanValues(values: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const v of values ?? []) {
    if (typeof v === 'string' && v !== '') {
      seen.add(v);
    }
  }
  return Array.from(seen);
}

/**
 * One label matcher selecting exactly `values`: `l="a"` for one, `l=~"a|b"` for several, '' for none
 * (no restriction).
 */
export function labelMatcher(label: string, values: readonly string[] | undefined): string {
  const vals = cleanValues(values);
  if (vals.length === 0) {
    return '';
  }
  if (vals.length === 1) {
    return `${label}=${quoteString(vals[0])}`;
  }
  return `${label}=~${quoteString(regexAlternation(vals))}`;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/**
 * The value of a Go string literal as PromQL and LogQL read it (`strconv.Unquote`): double- or
 * single-quoted with escapes (`\n`, `\"`, `\x41`, `\101`, `\u00e9`, `\U0001F600`), or a raw
 * backtick string. The inverse of `quoteString`. Undefined when `literal` is not one valid literal.
 */
export function unquoteString(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote || !['"', "'", '`'].includes(quote)) {
    return undefined;
  }
  const body = literal.slice(1, -1);
  if (quote === '`') {
    return body.includes('`') ? undefined : body;
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === quote || ch === '\n') {
      return undefined;
    }
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) {
      return undefined;
    }
    if (next in SIMPLE_ESCAPES) {
      // Go allows \' only in single-quoted and \" only in double-quoted literals.
      if ((next === "'" && quote !== "'") || (next === '"' && quote !== '"')) {
        return undefined;
      }
      out += SIMPLE_ESCAPES[next];
      continue;
    }
    const digits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (digits > 0) {
      const hex = body.slice(i + 1, i + 1 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) {
        return undefined;
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (next !== 'x' && code >= 0xd800 && code <= 0xdfff)) {
        return undefined;
      }
      // \xHH is one byte: the label values here are UTF-8 text, so only ASCII bytes stand alone.
      if (next === 'x' && code > 0x7f) {
        return undefined;
      }
      out += String.fromCodePoint(code);
      i += digits;
      continue;
    }
    const octal = body.slice(i, i + 3);
    if (/^[0-7]{3}$/.test(octal) && parseInt(octal, 8) <= 0x7f) {
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
      continue;
    }
    return undefined;
  }
  return out;
}
