import fc from 'fast-check';
import {
  unquoteString,
  cleanValues,
  escapeRegex,
  isValidLabelName,
  isValidMetricName,
  labelMatcher,
  quoteString,
  regexAlternation,
  toWellFormed,
} from './queryEscape';

describe('quoteString', () => {
  it.each([
    ['plain', '"plain"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['line\nbreak\r\ttab', '"line\\nbreak\\r\\ttab"'],
    ['bell\u0007del\u007f', '"bell\\u0007del\\u007f"'],
    ['moon🌙 é 漢字', '"moon🌙 é 漢字"'],
    ['', '""'],
  ])('%j → %s', (input, expected) => {
    expect(quoteString(input)).toBe(expected);
  });

  it('replaces lone surrogates (not representable in UTF-8)', () => {
    expect(quoteString('a\uD800b')).toBe('"a\\ufffdb"');
    // Escaped, not verbatim: Prometheus' lexer refuses a literal U+FFFD ("invalid UTF-8 rune").
    expect(quoteString('\uFFFD')).toBe('"\\ufffd"');
    expect(toWellFormed('🌙')).toBe('🌙');
  });

  it('is a JSON string literal whose value is the input (Go and JSON escapes agree on this subset)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(JSON.parse(quoteString(s))).toBe(toWellFormed(s));
      }),
      { numRuns: 500 }
    );
  });
});

describe('escapeRegex / regexAlternation', () => {
  it('escapes every RE2 metacharacter like Go regexp.QuoteMeta', () => {
    expect(escapeRegex('a.b*c+d?e(f)g|h[i]j{k}l^m$n\\o')).toBe(
      'a\\.b\\*c\\+d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o'
    );
    expect(escapeRegex('dash-slash/colon:')).toBe('dash-slash/colon:');
  });

  it('an anchored alternation matches exactly the given values and nothing else', () => {
    const values = ['a.b', 'a|b', 'x', 'stg_(glucose)', 'q"uote', 'back\\slash', 'multi\nline', '🌙 moon'];
    const re = new RegExp(`^(?:${regexAlternation(values)})$`, 'u');
    for (const v of values) {
      expect(re.test(v)).toBe(true);
    }
    for (const other of ['axb', 'a', 'b', 'xx', 'stg_glucose', 'back\\\\slash', 'multi', '']) {
      expect(re.test(other)).toBe(false);
    }
  });

  it('property: the anchored alternation of random values matches a string iff it is one of them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 5 }),
        fc.string({ unit: 'grapheme' }),
        (values, probe) => {
          const re = new RegExp(`^(?:${regexAlternation(values)})$`, 'su');
          values.forEach((v) => expect(re.test(v)).toBe(true));
          expect(re.test(probe)).toBe(values.includes(probe));
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('labelMatcher', () => {
  it('is empty for no values, = for one, =~ alternation for several', () => {
    expect(labelMatcher('asset_name', undefined)).toBe('');
    expect(labelMatcher('asset_name', [])).toBe('');
    expect(labelMatcher('asset_name', ['', ''])).toBe('');
    expect(labelMatcher('asset_name', ['a"b'])).toBe('asset_name="a\\"b"');
    expect(labelMatcher('asset_name', ['a.b', 'c|d', 'a.b'])).toBe('asset_name=~"a\\\\.b|c\\\\|d"');
  });

  it('cleanValues drops empties and duplicates, keeps order', () => {
    expect(cleanValues(['b', '', 'a', 'b'])).toEqual(['b', 'a']);
  });
});

describe('name validation', () => {
  it('accepts identifiers only', () => {
    expect(isValidLabelName('asset_name')).toBe(true);
    expect(isValidLabelName('1abc')).toBe(false);
    expect(isValidLabelName('a-b')).toBe(false);
    expect(isValidLabelName('a"}')).toBe(false);
    expect(isValidMetricName('ns:asset_runs_total')).toBe(true);
    expect(isValidMetricName('bad name')).toBe(false);
  });
});

describe('unquoteString', () => {
  it('inverts quoteString, whatever the value', () => {
    for (const value of [
      '',
      'plain',
      'we"ird',
      'back\\slash',
      'new\nline\r\t',
      '\u0000\u001f\u007f',
      'glüc😀se',
      '\uFFFD',
    ]) {
      expect(unquoteString(quoteString(value))).toBe(value);
    }
  });

  it("reads Go's other literal forms: single quotes, raw backticks, hex, octal and unicode escapes", () => {
    expect(unquoteString("'it\\'s'")).toBe("it's");
    expect(unquoteString('`raw \\n "x"`')).toBe('raw \\n "x"');
    expect(unquoteString('"\\x41\\101\\u00e9\\U0001F600\\a\\v\\f"')).toBe('AAé😀\x07\v\f');
  });

  it('refuses what Go refuses', () => {
    for (const bad of [
      '"open',
      'no quotes',
      '"bad \\q"',
      '"\\x4"',
      '"\\xff"',
      '"\\ud800"',
      '"\\400"',
      "'\\\"'",
      '"a"b"',
      '"\n"',
    ]) {
      expect({ bad, value: unquoteString(bad) }).toEqual({ bad, value: undefined });
    }
  });
});
