/**
 * coderules: the JavaScript/TypeScript rules of the validator's semgrep-rules.yaml, re-done with
 * TypeScript's parser (call/member patterns) and regular expressions (its pattern-regex rules),
 * with the same include/exclude paths. Its Go rules do not apply (no backend).
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

import { Finding, Severity } from './types';

interface CodeRule {
  id: string;
  severity: Severity;
  message: string;
  /** Which files under the source directory the rule reads (semgrep `paths`). */
  applies: (rel: string) => boolean;
  /** A pattern-regex rule: matched against the file text. */
  regex?: RegExp;
  /** A pattern rule: true for each AST node it matches. */
  node?: (node: ts.Node) => boolean;
}

const TS_IN_SRC = /^src\/.*\.tsx?$/;
const JS_IN_SRC = /^src\/.*\.[jt]sx?$/;
const TEST_FILE = /\.(spec|test)\.tsx?$/;
/** The usual rule scope: src/**\/*.ts(x), not *.spec/*.test, not *.js. */
const srcNoTests = (rel: string) => TS_IN_SRC.test(rel) && !TEST_FILE.test(rel);

const isIdent = (node: ts.Node, name: string) => ts.isIdentifier(node) && node.text === name;
/** `window.<name>` (or `<object>.<name>` when object is given). */
const isMember = (node: ts.Node, object: string, name: string): node is ts.PropertyAccessExpression =>
  ts.isPropertyAccessExpression(node) && node.name.text === name && isIdent(node.expression, object);
const calleeOf = (node: ts.Node) => (ts.isCallExpression(node) ? node.expression : undefined);

const CONSOLE_METHODS = new Set(
  'log info table clear count countReset dir dirxml group groupEnd time timeEnd timeLog trace'.split(' ')
);

export const CODE_RULES: CodeRule[] = [
  {
    id: 'console-logging',
    severity: 'warning',
    message: 'Console logging detected. Plugins should not log to the console.',
    applies: srcNoTests,
    node: (n) => {
      const callee = calleeOf(n);
      return (
        !!callee &&
        ts.isPropertyAccessExpression(callee) &&
        isIdent(callee.expression, 'console') &&
        CONSOLE_METHODS.has(callee.name.text)
      );
    },
  },
  {
    id: 'topnav-toggle',
    severity: 'error',
    message: 'The `topnav` toggle is deprecated and will be removed in a future version of Grafana.',
    applies: srcNoTests,
    node: (n) =>
      ts.isPropertyAccessExpression(n) &&
      n.name.text === 'topnav' &&
      (isIdent(n.expression, 'featureToggles') ||
        (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'featureToggles')),
  },
  {
    id: 'window-properties',
    severity: 'error',
    message: 'Detected access to restricted window property (grafanaBootData, grafanaRuntime, __grafanaSceneContext).',
    applies: srcNoTests,
    regex: /window\.(grafanaBootData|grafanaRuntime|__grafanaSceneContext)/,
  },
  {
    id: 'access-old-react-internals',
    severity: 'warning',
    message: "Detected usage of React internal API '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED'.",
    applies: (rel) => JS_IN_SRC.test(rel),
    regex: /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/,
  },
  {
    id: 'native-browser-dialogs',
    severity: 'error',
    message: 'Native browser dialogs (alert, confirm, prompt) are not permitted. Use Grafana UI components instead.',
    applies: srcNoTests,
    node: (n) => {
      const callee = calleeOf(n);
      return (
        !!callee &&
        (isIdent(callee, 'alert') || ['alert', 'confirm', 'prompt'].some((m) => isMember(callee, 'window', m)))
      );
    },
  },
  {
    id: 'window-open-without-noopener',
    severity: 'error',
    message: "window.open() called without 'noopener,noreferrer' in the features parameter.",
    applies: srcNoTests,
    node: (n) => {
      if (!ts.isCallExpression(n) || !isMember(n.expression, 'window', 'open')) {
        return false;
      }
      if (n.arguments.length !== 3) {
        return n.arguments.length === 1 || n.arguments.length === 2;
      }
      const features = n.arguments[2].getText();
      return !(/noopener/.test(features) && /noreferrer/.test(features));
    },
  },
  {
    id: 'deprecated-gf-form-css-classes',
    severity: 'warning',
    message: 'Deprecated Grafana CSS class name detected (gf-form*). Use @grafana/ui components instead.',
    applies: srcNoTests,
    regex: /gf-form/,
  },
  {
    id: 'direct-window-location-access',
    severity: 'warning',
    message: 'Direct access to window.location is not permitted. Use locationService from @grafana/runtime instead.',
    applies: srcNoTests,
    node: (n) =>
      ts.isPropertyAccessExpression(n) &&
      ['search', 'href'].includes(n.name.text) &&
      isMember(n.expression, 'window', 'location'),
  },
  {
    id: 'ts-ignore-suppress',
    severity: 'warning',
    message: 'Avoid using @ts-ignore or @ts-expect-error to suppress TypeScript errors.',
    applies: srcNoTests,
    regex: /@ts-ignore|@ts-expect-error/,
  },
  {
    id: 'no-direct-css-imports',
    severity: 'error',
    message: 'Direct CSS imports and Emotion Global components are not permitted. Use emotion css() instead.',
    applies: (rel) => JS_IN_SRC.test(rel) && !TEST_FILE.test(rel) && !rel.endsWith('.js'),
    regex: /import\s+['"].*\.(css|scss|less)['"]/,
  },
  {
    id: 'no-direct-css-imports',
    severity: 'error',
    message: 'Direct CSS imports and Emotion Global components are not permitted. Use emotion css() instead.',
    applies: (rel) => JS_IN_SRC.test(rel) && !TEST_FILE.test(rel) && !rel.endsWith('.js'),
    node: (n) =>
      (ts.isImportDeclaration(n) &&
        ts.isStringLiteral(n.moduleSpecifier) &&
        n.moduleSpecifier.text === '@emotion/react' &&
        !!n.importClause?.namedBindings &&
        ts.isNamedImports(n.importClause.namedBindings) &&
        n.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === 'Global')) ||
      ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && isIdent(n.tagName, 'Global')),
  },
  {
    id: 'no-api-ds-query-endpoint',
    severity: 'error',
    message: "Direct frontend usage of '/api/ds/query' is not permitted. Use getDataSourceSrv().get(...).query(...).",
    applies: (rel) => JS_IN_SRC.test(rel) && !/\.(spec|test)\.[jt]sx?$/.test(rel),
    regex: /\/api\/ds\/query/,
  },
  {
    id: 'backend-datasource-should-not-implement-testdatasource',
    severity: 'error',
    message: 'Backend datasources (extending DataSourceWithBackend) must not implement testDatasource().',
    applies: (rel) => path.posix.basename(rel) === 'datasource.ts',
    regex: /class\s+\w+\s+extends\s+DataSourceWithBackend(?:<[^>]+>)?\s*\{[\s\S]*?\btestDatasource\s*\(/,
  },
];

/** Every file under dir as posix paths relative to it (no node_modules). */
function listFiles(dir: string, under: string): string[] {
  const base = path.join(dir, under);
  if (!fs.existsSync(base)) {
    return [];
  }
  return (fs.readdirSync(base, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .filter((f) => !f.split('/').includes('node_modules'))
    .sort();
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** coderules over sourceDir/src: one finding per rule and file, with the lines it matched. */
export function codeRules(sourceDir: string, findings: Finding[], rules: CodeRule[] = CODE_RULES) {
  for (const rel of listFiles(sourceDir, 'src')) {
    const active = rules.filter((r) => r.applies(rel));
    if (active.length === 0) {
      continue;
    }
    const text = fs.readFileSync(path.join(sourceDir, rel), 'utf8');
    const astRules = active.filter((r) => r.node);
    const source = astRules.length
      ? ts.createSourceFile(
          rel,
          text,
          ts.ScriptTarget.Latest,
          true,
          rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
        )
      : undefined;
    for (const rule of active) {
      const lines: number[] = [];
      if (rule.regex) {
        for (const m of text.matchAll(new RegExp(rule.regex.source, 'g'))) {
          lines.push(lineOf(text, m.index ?? 0));
        }
      }
      if (rule.node && source) {
        const visit = (node: ts.Node) => {
          if (rule.node!(node)) {
            lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
          }
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
      if (lines.length > 0) {
        findings.push({
          analyzer: 'coderules',
          rule: rule.id,
          severity: rule.severity,
          title: `${rel}:${[...new Set(lines)].join(',')}: ${rule.message}`,
        });
      }
    }
  }
}
