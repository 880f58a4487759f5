import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode } from '@lezer/common';

/**
 * The LogQL subset the Loki stand-in evaluates, parsed with Grafana's own grammar
 * (@grafana/lezer-logql). Anything outside the subset is rejected with UnsupportedQueryError (HTTP
 * 400) — never answered wrongly.
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export type LabelFilterExpr =
  | { kind: 'match'; matcher: LabelMatcher }
  | { kind: 'number'; name: string; op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number }
  | { kind: 'and' | 'or'; left: LabelFilterExpr; right: LabelFilterExpr };

export type Stage =
  | { kind: 'line'; op: '|=' | '!=' | '|~' | '!~'; value: string }
  | { kind: 'json' }
  | { kind: 'logfmt' }
  | { kind: 'label'; filter: LabelFilterExpr };

export interface LogSelector {
  type: 'log';
  matchers: LabelMatcher[];
  stages: Stage[];
}

export type RangeOp = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate';
export type VectorOp = 'sum' | 'avg' | 'count' | 'max' | 'min';

export type MetricExpr =
  | { type: 'range'; op: RangeOp; rangeMs: number; selector: LogSelector }
  | { type: 'vector'; op: VectorOp; grouping?: { mode: 'by' | 'without'; labels: string[] }; inner: MetricExpr };

export type Query = LogSelector | MetricExpr;

/** Syntax errors: Loki answers 400 with "parse error at line L, col C: …". */
const GO_ESCAPE = /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|[\s\S])/g;
const GO_SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

export class ParseError extends Error {}
/** Valid LogQL the stand-in does not implement: 400 with a message saying so. */
export class UnsupportedQueryError extends Error {}

/** Parses a LogQL query into the supported AST or throws ParseError / UnsupportedQueryError. */
export function parseLogQL(query: string): Query {
  if (query.trim() === '') {
    throw new ParseError('parse error : syntax error: unexpected $end');
  }
  const tree = parser.parse(query);
  let errorAt = -1;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError && errorAt < 0) {
        errorAt = n.from;
      }
    },
  });
  if (errorAt >= 0) {
    const before = query.slice(0, errorAt);
    const line = before.split('\n').length;
    const col = errorAt - before.lastIndexOf('\n');
    const token = query.slice(errorAt).match(/^\s*(\S+)/)?.[1];
    throw new ParseError(
      `parse error at line ${line}, col ${col}: syntax error: unexpected ${token ? describeToken(token) : '$end'}`
    );
  }
  const expr = tree.topNode.getChild('Expr');
  if (!expr) {
    throw new ParseError('parse error : syntax error: unexpected $end');
  }
  return new Builder(query).expr(expr);
}

function describeToken(token: string): string {
  if (/^[A-Za-z_]/.test(token)) {
    return 'IDENTIFIER';
  }
  if (/^\d/.test(token)) {
    return 'NUMBER';
  }
  return token;
}

/** Go-style duration (1h30m, 5m, 500ms) in milliseconds. */
export function parseDurationMs(raw: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60000,
    h: 3600000,
    d: 86400000,
    w: 604800000,
    y: 31536000000,
  };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    total += parseFloat(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  if (pos === 0 || pos !== raw.length) {
    throw new ParseError(`parse error : not a valid duration string: "${raw}"`);
  }
  return total;
}

class Builder {
  constructor(private readonly src: string) {}

  private text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  private unsupported(n: SyntaxNode, what?: string): never {
    throw new UnsupportedQueryError(
      `unsupported by the Loki stand-in: ${what ?? n.type.name} in "${this.text(n)}" (supported: stream selectors, line filters, | json, | logfmt, label filters, count_over_time/rate/bytes_over_time/bytes_rate, sum/avg/count/max/min by|without)`
    );
  }

  expr(n: SyntaxNode): Query {
    const child = n.firstChild!;
    if (child.name === 'LogExpr') {
      return this.logExpr(child);
    }
    if (child.name === 'MetricExpr') {
      return this.metricExpr(child);
    }
    return this.unsupported(child);
  }

  private logExpr(n: SyntaxNode): LogSelector {
    const selector = n.getChild('Selector');
    if (!selector) {
      return this.unsupported(n);
    }
    const pipeline = n.getChild('PipelineExpr');
    return { type: 'log', matchers: this.selector(selector), stages: pipeline ? this.pipeline(pipeline) : [] };
  }

  private selector(n: SyntaxNode): LabelMatcher[] {
    const out: LabelMatcher[] = [];
    const walk = (m: SyntaxNode | null) => {
      for (let c = m?.firstChild ?? null; c; c = c.nextSibling) {
        if (c.name === 'Matchers') {
          walk(c);
        } else if (c.name === 'Matcher') {
          out.push(this.matcher(c));
        }
      }
    };
    walk(n.getChild('Matchers'));
    return out;
  }

  private matcher(n: SyntaxNode): LabelMatcher {
    const name = n.getChild('Identifier');
    const str = n.getChild('String');
    const op = n.getChild('Eq') ?? n.getChild('Neq') ?? n.getChild('Re') ?? n.getChild('Nre');
    if (!name || !str || !op) {
      return this.unsupported(n);
    }
    return { name: this.text(name), op: this.text(op) as MatchOp, value: this.string(str) };
  }

  /** Go string literal: "double quoted" with escapes, or `raw`. */
  private string(n: SyntaxNode): string {
    const raw = this.text(n);
    if (raw.startsWith('`')) {
      return raw.slice(1, -1);
    }
    try {
      // One pass over escape pairs (Go's strconv.Unquote rules): `\\}` is a backslash then `}`.
      return raw.slice(1, -1).replace(GO_ESCAPE, (_m, e: string) => {
        if (e.length > 1) {
          return String.fromCodePoint(/^[0-7]{3}$/.test(e) ? parseInt(e, 8) : parseInt(e.slice(1), 16));
        }
        // Unknown escapes are kept verbatim (lenient; Loki would refuse them).
        return GO_SIMPLE_ESCAPES[e] ?? `\\${e}`;
      });
    } catch {
      throw new ParseError(`parse error : invalid string literal ${raw}`);
    }
  }

  private pipeline(n: SyntaxNode): Stage[] {
    const stages: Stage[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'PipelineExpr') {
        stages.push(...this.pipeline(c));
      } else if (c.name === 'PipelineStage') {
        stages.push(...this.stage(c));
      }
    }
    return stages;
  }

  private stage(n: SyntaxNode): Stage[] {
    const filters = n.getChild('LineFilters');
    if (filters) {
      return this.lineFilters(filters);
    }
    const parserNode = n.getChild('LabelParser');
    if (parserNode) {
      const which = this.text(parserNode).trim();
      if (which === 'json' || which === 'logfmt') {
        return [{ kind: which }];
      }
      return this.unsupported(parserNode, `the ${which} parser`);
    }
    const logfmt = n.getChild('LogfmtParser');
    if (logfmt) {
      return logfmt.getChild('LogfmtParserFlags') ? this.unsupported(logfmt, 'logfmt flags') : [{ kind: 'logfmt' }];
    }
    const lf = n.getChild('LabelFilter');
    if (lf) {
      return [{ kind: 'label', filter: this.labelFilter(lf) }];
    }
    const other = n.lastChild ?? n;
    return this.unsupported(
      other,
      other.name === 'LineFormatExpr' ? 'line_format' : other.name === 'LabelFormatExpr' ? 'label_format' : undefined
    );
  }

  private lineFilters(n: SyntaxNode): Stage[] {
    const out: Stage[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'LineFilters') {
        out.push(...this.lineFilters(c));
      } else if (c.name === 'LineFilter') {
        const op = c.getChild('Filter');
        const str = c.getChild('String');
        if (!op || !str || c.getChild('OrFilter') || c.getChild('FilterOp')) {
          return this.unsupported(c, 'this line filter form');
        }
        const opText = this.text(op).replace(/\s/g, '');
        if (!['|=', '!=', '|~', '!~'].includes(opText)) {
          return this.unsupported(c, `line filter ${opText}`);
        }
        out.push({ kind: 'line', op: opText as '|=', value: this.string(str) });
      }
    }
    return out;
  }

  private labelFilter(n: SyntaxNode): LabelFilterExpr {
    const parts: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      parts.push(c);
    }
    if (parts.length === 1 && parts[0].name === 'Matcher') {
      return { kind: 'match', matcher: this.matcher(parts[0]) };
    }
    if (parts.length === 1 && parts[0].name === 'LabelFilter') {
      return this.labelFilter(parts[0]);
    }
    if (parts.length === 1 && parts[0].name === 'NumberFilter') {
      return this.numberFilter(parts[0]);
    }
    // "a and b" / "a or b" / "a , b" / "a b" (implicit and) / "( a )"
    const filters = parts.filter((p) => p.name === 'LabelFilter');
    if (filters.length === 2) {
      const kind = parts.some((p) => p.name === 'Or') ? 'or' : 'and';
      return { kind, left: this.labelFilter(filters[0]), right: this.labelFilter(filters[1]) };
    }
    if (filters.length === 1) {
      return this.labelFilter(filters[0]);
    }
    return this.unsupported(n, 'this label filter');
  }

  private numberFilter(n: SyntaxNode): LabelFilterExpr {
    const name = n.getChild('Identifier');
    const lit = n.getChild('LiteralExpr') ?? n.getChild('Number');
    const opNode =
      n.getChild('Gtr') ??
      n.getChild('Gte') ??
      n.getChild('Lss') ??
      n.getChild('Lte') ??
      n.getChild('Eql') ??
      n.getChild('Neq') ??
      n.getChild('Eq');
    if (!name || !lit || !opNode) {
      return this.unsupported(n, 'this numeric label filter');
    }
    const opText = this.text(opNode);
    const op = (opText === '=' ? '==' : opText) as '>';
    return { kind: 'number', name: this.text(name), op, value: Number(this.text(lit)) };
  }

  private metricExpr(n: SyntaxNode): MetricExpr {
    const child = n.firstChild!;
    if (child.name === 'RangeAggregationExpr') {
      return this.rangeAgg(child);
    }
    if (child.name === 'VectorAggregationExpr') {
      return this.vectorAgg(child);
    }
    if (child.name === 'MetricExpr' && !child.nextSibling) {
      return this.metricExpr(child);
    }
    return this.unsupported(
      child,
      child.name === 'BinOpExpr' ? 'binary operations' : child.name === 'LiteralExpr' ? 'literals' : undefined
    );
  }

  private rangeAgg(n: SyntaxNode): MetricExpr {
    const opNode = n.getChild('RangeOp');
    const op = opNode ? this.text(opNode) : '';
    if (!['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate'].includes(op)) {
      return this.unsupported(n, `range aggregation ${op}`);
    }
    if (n.getChild('Number') || n.getChild('Grouping')) {
      return this.unsupported(n, 'parameters or grouping on a range aggregation');
    }
    const lre = n.getChild('LogRangeExpr');
    const selector = lre?.getChild('Selector');
    const range = lre?.getChild('Range');
    if (!lre || !selector || !range) {
      return this.unsupported(n);
    }
    if (lre.getChild('OffsetExpr') || lre.getChild('UnwrapExpr')) {
      return this.unsupported(lre, 'offset/unwrap');
    }
    const pipeline = lre.getChild('PipelineExpr');
    const duration = range.getChild('Duration');
    return {
      type: 'range',
      op: op as RangeOp,
      rangeMs: parseDurationMs(duration ? this.text(duration) : this.text(range).replace(/[[\]]/g, '')),
      selector: { type: 'log', matchers: this.selector(selector), stages: pipeline ? this.pipeline(pipeline) : [] },
    };
  }

  private vectorAgg(n: SyntaxNode): MetricExpr {
    const opNode = n.getChild('VectorOp');
    const op = opNode ? this.text(opNode) : '';
    if (!['sum', 'avg', 'count', 'max', 'min'].includes(op)) {
      return this.unsupported(n, `vector aggregation ${op}`);
    }
    if (n.getChild('Number')) {
      return this.unsupported(n, 'parameters on a vector aggregation');
    }
    const inner = n.getChild('MetricExpr');
    if (!inner) {
      return this.unsupported(n);
    }
    const g = n.getChild('Grouping');
    let grouping: { mode: 'by' | 'without'; labels: string[] } | undefined;
    if (g) {
      const labels: string[] = [];
      // Labels nest (Labels → Labels, Identifier); collect every identifier under the grouping.
      const collect = (node: SyntaxNode) => {
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'Identifier') {
            labels.push(this.text(c));
          } else {
            collect(c);
          }
        }
      };
      collect(g);
      grouping = { mode: g.getChild('Without') ? 'without' : 'by', labels };
    }
    return { type: 'vector', op: op as VectorOp, grouping, inner: this.metricExpr(inner) };
  }
}
