import ts from 'typescript';
import vm from 'vm';

/**
 * Static checks of the emitted plugin bundles: which AMD modules the entry asks Grafana for, which
 * absolute URLs appear in string literals, and where code is built at run time (eval/Function).
 */

/** The dependency list of the single `define([...], factory)` call an AMD entry makes (factory not run). */
export function amdDependencies(code: string): string[] {
  const calls: unknown[][] = [];
  const define = (...args: unknown[]) => {
    calls.push(args);
  };
  vm.runInNewContext(code, { define }, { timeout: 5000 });
  if (calls.length !== 1) {
    throw new Error(`expected one define() call, got ${calls.length}`);
  }
  const deps = calls[0].find((a) => Array.isArray(a));
  if (!deps || !deps.every((d) => typeof d === 'string')) {
    throw new Error('define() was called without a dependency list of module names');
  }
  return deps as string[];
}

/** Runs a lazy chunk the way the browser would and reports what it did at load time. */
export function chunkLoadEffects(code: string): { defineCalls: number; registeredChunks: number } {
  let defineCalls = 0;
  const self: Record<string, unknown> = {};
  const sandbox = {
    self,
    define: () => {
      defineCalls += 1;
    },
  };
  vm.runInNewContext(code, sandbox, { timeout: 5000 });
  const registeredChunks = Object.keys(self)
    .filter((k) => k.startsWith('webpackChunk'))
    .reduce((n, k) => n + (self[k] as unknown[]).length, 0);
  return { defineCalls, registeredChunks };
}

export interface UrlFinding {
  url: string;
  /** Text around the literal, to judge what it is for. */
  context: string;
}

export interface DynamicCodeFinding {
  kind: 'eval' | 'Function';
  context: string;
}

export interface ScanResult {
  /** Absolute http(s) URLs inside string or template literals (what code can fetch or link to). */
  literalUrls: UrlFinding[];
  /** Absolute URLs elsewhere: comments, licence banners, regular expressions. */
  otherUrls: string[];
  dynamicCode: DynamicCodeFinding[];
}

const URL_RE = /https?:\/\/[^\s"'`<>\\)]+/g;

function contextOf(text: string, pos: number, end: number, pad = 60): string {
  return text.slice(Math.max(0, pos - pad), Math.min(text.length, end + pad)).replace(/\s+/g, ' ');
}

/** Strips wrappers like `(0, eval)` and `(eval)` down to the expression that is called. */
function calleeOf(node: ts.Expression): ts.Expression {
  let e = node;
  for (;;) {
    if (ts.isParenthesizedExpression(e)) {
      e = e.expression;
    } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      e = e.right;
    } else {
      return e;
    }
  }
}

/** `eval`, `Function`, `window.eval`, `globalThis["Function"]`, … → the global's name. */
function globalName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) {
    return e.text;
  }
  if (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    /^(window|self|globalThis|global)$/.test(e.expression.text)
  ) {
    return e.name.text;
  }
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
    return e.argumentExpression.text;
  }
  return undefined;
}

/** Scans one emitted JavaScript file (minified or not). */
export function scanCode(code: string, fileName = 'bundle.js'): ScanResult {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const literalUrls: UrlFinding[] = [];
  const literalSpans: Array<[number, number]> = [];
  const dynamicCode: DynamicCodeFinding[] = [];

  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const start = node.getStart(source);
      literalSpans.push([start, node.end]);
      for (const m of node.text.matchAll(URL_RE)) {
        literalUrls.push({ url: m[0], context: contextOf(code, start, node.end) });
      }
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = globalName(calleeOf(node.expression));
      if (name === 'eval' || name === 'Function') {
        // `Function` called with no code argument (`new Function()`) builds nothing; still report it.
        dynamicCode.push({ kind: name, context: contextOf(code, node.getStart(source), node.end) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  // URLs outside literals: blank the literals out and look at what is left.
  const chars = code.split('');
  for (const [s, e] of literalSpans) {
    chars.fill(' ', s, e);
  }
  const otherUrls = [...chars.join('').matchAll(URL_RE)].map((m) => m[0]);
  return { literalUrls, otherUrls, dynamicCode };
}
