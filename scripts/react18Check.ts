/**
 * Which React-19-only APIs does the plugin use? Grafana provides React to plugins at runtime, and every
 * Grafana before 13.2 ships React 18 (`@grafana/ui`'s peer range says which). Levitate only compares
 * @grafana/* exports, so this scan covers the other half of "does the bundle run on that Grafana":
 *
 * - imports of React 19 additions from `react` / `react-dom` (`use`, `useActionState`, `useFormStatus`, ...);
 * - `ref` passed as a prop to a function component that is not a forwardRef component (React 19 only);
 * - a context rendered as its own provider (`<ThemeContext value={...}>`, React 19 only);
 * - a ref callback that returns a cleanup function (React 18 calls it with null instead);
 * - a function passed as a form `action` / `formAction` (form actions are React 19 only).
 *
 * It reads the code through the TypeScript checker, so aliases and re-exports are followed.
 */
import ts from 'typescript';

/** React 19 additions, per module. */
export const REACT_19_ONLY_EXPORTS: Record<string, string[]> = {
  react: ['use', 'useActionState', 'useOptimistic', 'useEffectEvent', 'Activity', 'cache', 'cacheSignal'],
  'react-dom': [
    'useFormStatus',
    'requestFormReset',
    'preconnect',
    'prefetchDNS',
    'preinit',
    'preinitModule',
    'preload',
    'preloadModule',
  ],
};

export interface React19Use {
  file: string;
  line: number;
  what: string;
}

const isCallable = (checker: ts.TypeChecker, type: ts.Type) =>
  type.getCallSignatures().length > 0 || (type.isUnion() && type.types.some((t) => t.getCallSignatures().length > 0));

/** The React-19-only uses in a program's own source files (node_modules excluded). */
export function findReact19Uses(program: ts.Program): React19Use[] {
  const checker = program.getTypeChecker();
  const found: React19Use[] = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || sf.fileName.includes('/node_modules/')) {
      continue;
    }
    const report = (node: ts.Node, what: string) =>
      found.push({ file: sf.fileName, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const banned = REACT_19_ONLY_EXPORTS[node.moduleSpecifier.text] ?? [];
        const named = node.importClause?.namedBindings;
        if (named && ts.isNamedImports(named)) {
          for (const el of named.elements) {
            const name = (el.propertyName ?? el.name).text;
            if (banned.includes(name)) {
              report(el, `imports ${name} from '${node.moduleSpecifier.text}'`);
            }
          }
        }
      }
      // React.use(...) / ReactDOM.preload(...) through a namespace or default import.
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        const decl = checker.getSymbolAtLocation(node.expression)?.declarations?.[0];
        const importDecl = decl && findAncestor(decl, ts.isImportDeclaration);
        if (importDecl && ts.isStringLiteral(importDecl.moduleSpecifier)) {
          const mod = importDecl.moduleSpecifier.text;
          if ((REACT_19_ONLY_EXPORTS[mod] ?? []).includes(node.name.text)) {
            report(node, `uses ${node.expression.text}.${node.name.text} from '${mod}'`);
          }
        }
      }
      if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        checkJsxElement(node, checker, report);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

function findAncestor<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (test(n)) {
      return n;
    }
  }
  return undefined;
}

function checkJsxElement(
  node: ts.JsxOpeningElement | ts.JsxSelfClosingElement,
  checker: ts.TypeChecker,
  report: (node: ts.Node, what: string) => void
) {
  const tag = node.tagName.getText();
  const intrinsic = /^[a-z]/.test(tag) && !tag.includes('.');
  const tagType = intrinsic ? undefined : checker.getTypeAtLocation(node.tagName);
  const tagTypeName = tagType ? checker.typeToString(tagType) : '';
  if (tagType && /^(React\.)?Context</.test(tagTypeName)) {
    report(node, `renders ${tag} (a context) as its own provider`);
  }
  for (const attr of node.attributes.properties) {
    if (!ts.isJsxAttribute(attr) || !attr.initializer || !ts.isJsxExpression(attr.initializer)) {
      continue;
    }
    const name = attr.name.getText();
    const value = attr.initializer.expression;
    if (!value) {
      continue;
    }
    if (name === 'ref' && tagType && !/ForwardRefExoticComponent/.test(tagTypeName) && isFunctionComponent(tagType)) {
      report(attr, `passes ref to function component ${tag} (not a forwardRef component)`);
    }
    if (name === 'ref' && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) {
      const signature = checker.getSignatureFromDeclaration(value);
      const returned = signature && checker.getReturnTypeOfSignature(signature);
      if (returned && isCallable(checker, returned)) {
        report(attr, 'ref callback returns a cleanup function');
      }
    }
    if ((name === 'action' || name === 'formAction') && isCallable(checker, checker.getTypeAtLocation(value))) {
      report(attr, `passes a function as <${tag} ${name}> (form action)`);
    }
  }
}

/**
 * A component that React 18 gives no ref to: anything but a class or a forwardRef component (checked by
 * the caller). memo() of a plain function component counts: memo only passes refs through to forwardRef.
 */
function isFunctionComponent(type: ts.Type): boolean {
  return type.getConstructSignatures().length === 0;
}
