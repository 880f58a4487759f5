import path from 'path';
import ts from 'typescript';

import { findReact19Uses } from './react18Check';

const ROOT = path.resolve(__dirname, '..');

const CASES = {
  imports: [
    "import React, { use, useState } from 'react';",
    "import { useFormStatus } from 'react-dom';",
    'export const a = React.useOptimistic;',
    'export const b = [use, useState, useFormStatus];',
  ],
  refs: [
    "import { Component, forwardRef, memo, useRef } from 'react';",
    'function Plain(props: { ref?: unknown }) { return <div />; }',
    'const Forwarding = forwardRef<HTMLDivElement>((_, ref) => <div ref={ref} />);',
    'const Memo = memo(Plain);',
    'class Klass extends Component { render() { return null; } }',
    'export function App() {',
    '  const r = useRef<HTMLDivElement>(null);',
    '  return (<>',
    '    <div ref={r} />',
    '    <Forwarding ref={r} />',
    '    <Klass ref={() => undefined} />',
    '    <Plain ref={r} />',
    '    <Memo ref={r} />',
    '  </>);',
    '}',
  ],
  providersAndActions: [
    "import { createContext } from 'react';",
    'const Theme = createContext(1);',
    'export const App = () => (',
    '  <Theme value={2}>',
    '    <Theme.Provider value={3}>',
    '      <div ref={(el) => { const o = new ResizeObserver(() => undefined); if (el) { o.observe(el); } return () => o.disconnect(); }} />',
    '      <div ref={(el) => { el?.focus(); }} />',
    '      <form action={async (data: FormData) => { data.get("x"); }} />',
    '      <form action="/submit" />',
    '    </Theme.Provider>',
    '  </Theme>',
    ');',
  ],
};
type Case = keyof typeof CASES;
const fileOf = (name: Case) => path.join(ROOT, 'src', `__react18check_${name}__.tsx`);

/** One program of in-memory TSX files, with the project's options (so `react` resolves to node_modules). */
function programOf(files: Map<string, string>): ts.Program {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  // Only React's types: the project's other @types (jest, node) would only slow the checker down.
  const options = { ...ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options, types: [], noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    files.has(name) ? ts.createSourceFile(name, files.get(name)!, lang) : getSourceFile(name, lang, ...rest);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  return ts.createProgram([...files.keys()], options, host);
}

let found: ReturnType<typeof findReact19Uses>;
beforeAll(() => {
  const files = new Map(Object.entries(CASES).map(([name, lines]) => [fileOf(name as Case), lines.join('\n')]));
  found = findReact19Uses(programOf(files));
});
const uses = (name: Case) => found.filter((u) => u.file === fileOf(name)).map((u) => `${u.line}: ${u.what}`);

// Each detector is shown to fire on React-19-only code and to stay quiet on the React 18 equivalent.
describe('findReact19Uses', () => {
  it('finds React 19 additions imported by name or through a namespace', () => {
    expect(uses('imports')).toEqual([
      "1: imports use from 'react'",
      "2: imports useFormStatus from 'react-dom'",
      "3: uses React.useOptimistic from 'react'",
    ]);
  });

  it('finds ref passed to a function component, not to DOM elements, classes or forwardRef components', () => {
    expect(uses('refs')).toEqual([
      '12: passes ref to function component Plain (not a forwardRef component)',
      '13: passes ref to function component Memo (not a forwardRef component)',
    ]);
  });

  it('finds a context used as its own provider, a ref cleanup function and a form action function', () => {
    expect(uses('providersAndActions')).toEqual([
      '4: renders Theme (a context) as its own provider',
      '6: ref callback returns a cleanup function',
      '8: passes a function as <form action> (form action)',
    ]);
  });
});
