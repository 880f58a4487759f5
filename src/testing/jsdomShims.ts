/**
 * Test-only: browser APIs jsdom lacks that @grafana/ui pickers use. No canvas (Combobox measures
 * option text: ~8px per character here), no IntersectionObserver (scroll indicators: no-op), and no
 * layout (the virtualized option lists need non-zero element sizes).
 */
export function installJsdomShims() {
  HTMLCanvasElement.prototype.getContext = (() => ({
    measureText: (t: string) => ({ width: t.length * 8 }),
    font: '',
  })) as never;
  global.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  } as unknown as typeof IntersectionObserver;
  for (const key of ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight']) {
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => 300 });
  }
}
