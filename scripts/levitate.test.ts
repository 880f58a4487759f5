import { grafanaFloor, onlyTypeModifierChanged, reactMajorOf } from './levitate';

describe('onlyTypeModifierChanged', () => {
  // The diff levitate printed for AppPlugin.setRootPage between @grafana/data 13.2.3 and 12.4.0.
  const typeModifierOnly = ['Parameter type changed:', '-type ComponentType', '+ComponentType', ''].join('\n');

  it('ignores a diff that only adds or drops `type` on an imported name', () => {
    expect(onlyTypeModifierChanged(typeModifierOnly)).toBe(true);
    expect(onlyTypeModifierChanged('\u001b[31m-type ScopedVars\u001b[39m\n\u001b[32m+ScopedVars\u001b[39m')).toBe(true);
  });

  it('keeps real signature changes', () => {
    expect(onlyTypeModifierChanged('-type ComponentType\n+ComponentClass')).toBe(false);
    expect(onlyTypeModifierChanged('-replace(target?: string): string;\n+replace(target: string): string;')).toBe(
      false
    );
    expect(onlyTypeModifierChanged('-type Foo = string;\n+Foo = string;')).toBe(false);
    expect(onlyTypeModifierChanged('')).toBe(false);
  });
});

describe('reactMajorOf', () => {
  it("reads the React major from @grafana/ui's peer range", () => {
    expect(reactMajorOf('^18.0.0')).toBe(18);
    expect(reactMajorOf('>=19')).toBe(19);
    expect(() => reactMajorOf(undefined)).toThrow(/cannot tell/);
  });
});

describe('grafanaFloor', () => {
  it('reads one floor from every manifest', () => {
    expect(grafanaFloor(['>=13.1.0', '>= 13.1.0'])).toBe('13.1.0');
    expect(() => grafanaFloor(['>=13.1.0', '>=12.4.0'])).toThrow(/different Grafana floors/);
    expect(() => grafanaFloor(['^13.1.0'])).toThrow(/not of the form/);
  });
});
