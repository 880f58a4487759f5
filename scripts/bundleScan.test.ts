import { amdDependencies, chunkLoadEffects, scanCode } from './bundleScan';

// Small hand-written inputs prove each detector fires, so a clean bundle scan means something.
describe('amdDependencies', () => {
  it('returns the dependency list without running the factory', () => {
    const code = 'define(["react","@grafana/data","module"],function(){throw new Error("factory ran")});';
    expect(amdDependencies(code)).toEqual(['react', '@grafana/data', 'module']);
  });

  it('accepts a named module', () => {
    expect(amdDependencies('define("x",["rxjs"],function(){})')).toEqual(['rxjs']);
  });

  it('rejects a bundle that is not a single AMD define', () => {
    expect(() => amdDependencies('var a = 1;')).toThrow(/one define\(\) call, got 0/);
    expect(() => amdDependencies('define([],function(){});define([],function(){})')).toThrow(/got 2/);
  });
});

describe('chunkLoadEffects', () => {
  it('sees a webpack chunk register itself and nothing else', () => {
    const chunk = '(self.webpackChunkx=self.webpackChunkx||[]).push([[12],{34:function(){}}]);';
    expect(chunkLoadEffects(chunk)).toEqual({ defineCalls: 0, registeredChunks: 1 });
    expect(chunkLoadEffects('define([],function(){})')).toEqual({ defineCalls: 1, registeredChunks: 0 });
  });
});

describe('scanCode', () => {
  it('finds absolute URLs in string and template literals, and tells comments apart', () => {
    const code = [
      '/*! licence: https://example.org/LICENSE */',
      'const a = "https://evil.example/collect?x=1";',
      'const b = `http://host:9090/${path}/tail`;',
      'const re = /^https?:\\/\\/x/;',
      '// see https://docs.example/page',
      'const rel = "/api/datasources/proxy/uid/x";',
    ].join('\n');
    const r = scanCode(code);
    expect(r.literalUrls.map((u) => u.url)).toEqual(['https://evil.example/collect?x=1', 'http://host:9090/']);
    expect(r.otherUrls).toEqual(['https://example.org/LICENSE', 'https://docs.example/page']);
  });

  it('finds eval and Function in all their disguises', () => {
    const code = [
      'eval("1");',
      '(0, eval)("2");',
      'window.eval("3");',
      'new Function("return this");',
      'Function("a", "return a");',
      'globalThis["Function"]("x");',
      'obj.eval("not global");',
      'const f = Function.prototype;',
    ].join('\n');
    expect(scanCode(code).dynamicCode.map((f) => f.kind)).toEqual([
      'eval',
      'eval',
      'eval',
      'Function',
      'Function',
      'Function',
    ]);
  });

  it('reports nothing for clean code', () => {
    expect(scanCode('export const x = fetch("/api/health").then((r) => r.json());')).toEqual({
      literalUrls: [],
      otherUrls: [],
      dynamicCode: [],
    });
  });
});
