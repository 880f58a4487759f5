import { parser } from '@grafana/lezer-traceql';
import type { SyntaxNode } from '@lezer/common';
import { OtlpKeyValue, plainValue, StoredSpan } from './model';

/**
 * The TraceQL subset of the Tempo stand-in, parsed with Grafana's own TraceQL grammar
 * (@grafana/lezer-traceql): ONE spanset filter `{ … }` whose conditions are `attribute op value`
 * (`resource.x`, `span.x`, `.x`; op `=`, `!=`, `=~`, `!~`) and the intrinsics `name`, `status`,
 * `kind`, combined with `&&`, `||` and parentheses. Anything else TraceQL has (pipelines,
 * aggregates, structural operators, durations, comparisons) is refused with a 400, never guessed.
 */

export type Scope = 'resource' | 'span' | 'any';
export type Op = '=' | '!=' | '=~' | '!~';
type Literal = string | number | boolean | { keyword: string };

export type Filter =
  | { kind: 'all' }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'attr'; scope: Scope; key: string; op: Op; value: Literal; regex?: RegExp }
  | { kind: 'intrinsic'; name: 'name' | 'status' | 'kind'; op: Op; value: Literal; regex?: RegExp };

/** A query Tempo would refuse: the message is Tempo's plain-text 400 body. */
export class TraceQLError extends Error {}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES = ['unset', 'ok', 'error'];

/** Go's strconv.Unquote for "…" and `…` (what Tempo's lexer applies to strings and quoted names). */
export function unquoteGo(raw: string): string {
  if (raw.startsWith('`')) {
    return raw.slice(1, -1);
  }
  if (!raw.startsWith('"')) {
    return raw;
  }
  const body = raw.slice(1, -1);
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
    '\\': '\\',
    '"': '"',
    "'": "'",
  };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in simple) {
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) {
        throw new TraceQLError(`invalid TraceQL query: invalid syntax in string ${raw}`);
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(e ?? '')) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      throw new TraceQLError(`invalid TraceQL query: invalid syntax in string ${raw}`);
    }
  }
  return out;
}

/** Position and token of the first syntax error, in the words of Tempo's yacc parser. */
function syntaxError(q: string, at: number): TraceQLError {
  const before = q.slice(0, at);
  const line = before.split('\n').length;
  const col = at - before.lastIndexOf('\n');
  const rest = q.slice(at).trimStart();
  const token =
    rest === ''
      ? '$end'
      : /^[A-Za-z_]/.test(rest)
        ? 'IDENTIFIER'
        : /^["`]/.test(rest)
          ? 'STRING'
          : /^\d/.test(rest)
            ? 'INTEGER'
            : `'${rest[0]}'`;
  return new TraceQLError(
    `invalid TraceQL query: parse error at line ${line}, col ${col}: syntax error: unexpected ${token}`
  );
}

const unsupported = (what: string) => new TraceQLError(`unsupported by the Tempo stand-in: ${what}`);

/** An attribute a query asks for: a condition's or a `select(…)` argument (returned with each matched span). */
export interface WantedField {
  key: string;
  scope: Scope | 'intrinsic';
}

/** A parsed query: the spanset filter and the fields of an optional `| select(…)` stage. */
export interface TraceQLQuery {
  filter: Filter;
  select: WantedField[];
}

/** Parses a TraceQL query (`{ … }` or `{ … } | select(…)`); throws TraceQLError (→ HTTP 400). */
export function parseTraceQL(q: string): TraceQLQuery {
  const tree = parser.parse(q);
  let errorAt = -1;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError && errorAt < 0) {
        errorAt = n.from;
      }
    },
  });
  if (errorAt >= 0) {
    throw syntaxError(q, errorAt);
  }
  let top = tree.topNode.firstChild;
  let select: WantedField[] = [];
  const stages = top ? children(top) : [];
  if (stages.length === 3 && stages[0].name === 'SpansetPipelineExpression' && stages[1].name === 'Pipe') {
    const stage = stages[2].firstChild;
    const op = stage?.name === 'SpansetPipeline' && !stage.nextSibling ? stage.firstChild : null;
    if (!op || op.name !== 'SelectOperation' || op.nextSibling) {
      throw unsupported(`pipeline stage ${q.slice(stages[2].from, stages[2].to)} (only select(…) is)`);
    }
    select = selectFields(op, q);
    top = stages[0];
  }
  const pipeline = top?.name === 'SpansetPipelineExpression' ? top.firstChild : null;
  const single = !tree.topNode.firstChild?.nextSibling;
  if (!top || !single || !pipeline || pipeline.name !== 'SpansetPipeline' || pipeline.nextSibling) {
    throw unsupported(`only one spanset filter { … } is supported: ${q.trim()}`);
  }
  const filter = pipeline.firstChild;
  if (!filter || filter.name !== 'SpansetFilter' || filter.nextSibling) {
    throw unsupported(`only one spanset filter { … } is supported: ${q.trim()}`);
  }
  const expr = filter.getChild('FieldExpression');
  return { filter: expr ? fieldExpression(expr, q) : { kind: 'all' }, select };
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    out.push(c);
  }
  return out;
}

/** `select(status, span.x, …)`: attributes and the intrinsics name/status. */
function selectFields(op: SyntaxNode, q: string): WantedField[] {
  // The grammar nests the list: SelectArgs(SelectArgs(a), b).
  const fields = (args: SyntaxNode | null): SyntaxNode[] =>
    args
      ? children(args).flatMap((c) => (c.name === 'SelectArgs' ? fields(c) : c.name === 'FieldExpression' ? [c] : []))
      : [];
  return fields(op.getChild('SelectArgs')).map((f) => {
    const field = f.firstChild;
    const text = field ? q.slice(field.from, field.to) : '';
    if (field?.name === 'IntrinsicField' && (text === 'status' || text === 'name')) {
      return { key: text, scope: 'intrinsic' };
    }
    if (field?.name === 'AttributeField') {
      const scopeNode = field.firstChild!;
      const scope: Scope = scopeNode.name === 'Resource' ? 'resource' : scopeNode.name === 'Span' ? 'span' : 'any';
      return { key: unquoteGo(q.slice(field.getChild('Identifier')!.from, field.getChild('Identifier')!.to)), scope };
    }
    throw unsupported(`select argument ${text}`);
  });
}

function fieldExpression(node: SyntaxNode, q: string): Filter {
  const text = (n: SyntaxNode) => q.slice(n.from, n.to);
  const kids = children(node);
  // `( expr )`: the parentheses are anonymous tokens, the inner expression the only child.
  if (kids.length === 1 && kids[0].name === 'FieldExpression') {
    return fieldExpression(kids[0], q);
  }
  if (kids.length === 3 && (kids[1].name === 'And' || kids[1].name === 'Or')) {
    return {
      kind: kids[1].name === 'And' ? 'and' : 'or',
      left: fieldExpression(kids[0], q),
      right: fieldExpression(kids[2], q),
    };
  }
  if (kids.length === 3 && kids[1].name === 'FieldOp') {
    const op = text(kids[1]);
    if (op !== '=' && op !== '!=' && op !== '=~' && op !== '!~') {
      throw unsupported(`operator ${op}`);
    }
    const field = kids[0].firstChild;
    const staticNode = kids[2].firstChild;
    if (!field || !staticNode || staticNode.name !== 'Static') {
      throw unsupported(`condition ${text(node)}`);
    }
    const value = literal(staticNode, q);
    const regex = op === '=~' || op === '!~' ? compileRegex(value) : undefined;
    if (field.name === 'AttributeField') {
      const scopeNode = field.firstChild!;
      const scope: Scope = scopeNode.name === 'Resource' ? 'resource' : scopeNode.name === 'Span' ? 'span' : 'any';
      if (scopeNode.name !== 'Resource' && scopeNode.name !== 'Span' && scopeNode.name !== 'Identifier') {
        throw unsupported(`attribute scope ${text(scopeNode)}`);
      }
      const keyNode = field.getChild('Identifier')!;
      return { kind: 'attr', scope, key: unquoteGo(text(keyNode)), op, value, regex };
    }
    if (field.name === 'IntrinsicField') {
      const name = text(field).replace(/^span:/, '');
      if (name !== 'name' && name !== 'status' && name !== 'kind') {
        throw unsupported(`intrinsic ${text(field)}`);
      }
      const names = name === 'status' ? STATUSES : name === 'kind' ? KINDS : undefined;
      const ok = names
        ? typeof value === 'object' && names.includes(value.keyword) && !regex
        : typeof value === 'string';
      if (!ok) {
        throw new TraceQLError(`invalid TraceQL query: ${name} cannot be compared with ${text(staticNode)}`);
      }
      return { kind: 'intrinsic', name, op, value, regex };
    }
    throw unsupported(`field ${text(field)}`);
  }
  throw unsupported(`expression ${text(node)}`);
}

function literal(node: SyntaxNode, q: string): Literal {
  const raw = q.slice(node.from, node.to);
  const typed = node.firstChild;
  if (!typed) {
    if (raw === 'true' || raw === 'false') {
      return raw === 'true';
    }
    return { keyword: raw };
  }
  if (typed.name === 'String') {
    return unquoteGo(raw);
  }
  if (typed.name === 'Integer' || typed.name === 'Float') {
    return Number(raw);
  }
  throw unsupported(`value ${raw}`);
}

/** Tempo compiles Go RE2 expressions and matches them against the whole value. */
function compileRegex(value: Literal): RegExp {
  if (typeof value !== 'string') {
    throw new TraceQLError('invalid TraceQL query: regex operators need a string');
  }
  try {
    // RE2's \x{…} code point escape is JS's \u{…} (with the u flag); the rest of the subset reads alike.
    return new RegExp(`^(?:${value.replace(/(?<!\\)((?:\\\\)*)\\x\{/g, '$1\\u{')})$`, 'u');
  } catch (e) {
    throw new TraceQLError(`invalid TraceQL query: error parsing regexp: ${(e as Error).message}`);
  }
}

function attr(list: OtlpKeyValue[], key: string) {
  return list.find((a) => a.key === key);
}

function compare(actual: string | number | boolean | undefined, op: Op, value: Literal, regex?: RegExp): boolean {
  if (actual === undefined) {
    // TraceQL: a condition on a missing attribute is false, whatever the operator.
    return false;
  }
  if (regex) {
    return typeof actual === 'string' && regex.test(actual) === (op === '=~');
  }
  if (typeof value === 'object' || typeof value !== typeof actual) {
    return false;
  }
  return (actual === value) === (op === '=');
}

/** Does one span satisfy the filter? */
export function spanMatches(f: Filter, s: StoredSpan): boolean {
  switch (f.kind) {
    case 'all':
      return true;
    case 'and':
      return spanMatches(f.left, s) && spanMatches(f.right, s);
    case 'or':
      return spanMatches(f.left, s) || spanMatches(f.right, s);
    case 'attr': {
      const found =
        f.scope === 'resource'
          ? attr(s.resource, f.key)
          : f.scope === 'span'
            ? attr(s.attributes, f.key)
            : (attr(s.attributes, f.key) ?? attr(s.resource, f.key));
      return compare(plainValue(found?.value), f.op, f.value, f.regex);
    }
    case 'intrinsic': {
      if (f.name === 'name') {
        return compare(s.name, f.op, f.value, f.regex);
      }
      const actual = f.name === 'status' ? STATUSES[s.statusCode] : KINDS[s.kind];
      return (actual === (f.value as { keyword: string }).keyword) === (f.op === '=');
    }
  }
}

/** Span-level fields of the conditions and the select stage (Tempo returns them with each matched span). */
export function wantedFields(query: TraceQLQuery): WantedField[] {
  const fromFilter = (f: Filter): WantedField[] => {
    switch (f.kind) {
      case 'and':
      case 'or':
        return [...fromFilter(f.left), ...fromFilter(f.right)];
      case 'attr':
        return f.scope === 'resource' ? [] : [{ key: f.key, scope: f.scope }];
      case 'intrinsic':
        return f.name === 'status' ? [{ key: 'status', scope: 'intrinsic' }] : [];
      default:
        return [];
    }
  };
  return [...fromFilter(query.filter), ...query.select];
}
