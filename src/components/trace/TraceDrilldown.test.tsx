import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { getDefaultTimeRange } from '@grafana/data';
import { generateJaegerTrace, generateTraceLogs } from '../../testing/traceData';
import { LINKS } from '../../testing/testPipeline';
import { renderInApp } from '../../testing/testUtils';
import { logsToFrame } from '../../frames/signalFrames';
import { traceFromFrame, traceToFrame } from '../../frames/traceFrame';
import { testIds } from '../../testIds';
import { TraceDrilldown } from './TraceDrilldown';

// jsdom does no layout: the waterfall's scroll box reports a fixed size to the virtualizer.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return this.getAttribute('role') === 'treegrid' ? 800 : 0;
    },
  });
});
afterAll(() => {
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
});
jest.setTimeout(60000);

function bigTrace(spans: number) {
  const trace = generateJaegerTrace(spans, { seed: 11 });
  const frame = traceToFrame(trace, 'trace');
  const logs = logsToFrame(generateTraceLogs(traceFromFrame(frame), Math.min(5000, spans / 10)), 'logs', LINKS);
  return [frame, logs];
}

/** Time from handing the page the frames to the first rows being in the DOM (jsdom; the browser figure comes from the bench). */
function renderTimed(spans: number) {
  const series = bigTrace(spans);
  const t0 = performance.now();
  renderInApp(
    <TraceDrilldown
      traceId="t"
      series={series}
      errors={[]}
      loading={false}
      range={getDefaultTimeRange()}
      setRange={() => {}}
    />,
    { url: '/a/cascade-pipeline-app/traces/t' }
  );
  const rows = within(screen.getByTestId(testIds.trace.waterfall)).getAllByRole('row');
  return { ms: performance.now() - t0, rows };
}

describe('TraceDrilldown with large traces', () => {
  // One-time costs (module init, first emotion style injection) are not part of a trace's render.
  beforeAll(() => {
    renderTimed(100);
    cleanup();
  });

  it('renders only the visible rows of a 10,000-span trace', () => {
    const { ms, rows } = renderTimed(10000);
    // 800 px / 28 px rows + overscan: a few dozen rows in the DOM, not 11,000.
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByTestId(testIds.trace.summary)).toHaveTextContent('10000 spans');
    // Generous: jsdom on a shared CI CPU, not the browser target (500 ms, measured by the bench).
    expect(ms).toBeLessThan(4000);
  });

  it('scrolling reuses the rows in place: no row is inserted or removed', () => {
    renderTimed(10000);
    const scroller = screen.getByTestId(testIds.trace.waterfall);
    const scrollTo = (row: number) =>
      act(() => {
        scroller.scrollTop = row * 28;
        fireEvent.scroll(scroller);
      });
    // Away from the top the window (visible rows + overscan on both sides) has its steady size.
    scrollTo(100);
    const before = within(scroller).getAllByRole('row');
    const first = (rows: HTMLElement[]) => Math.min(...rows.map((r) => Number(r.getAttribute('aria-rowindex'))));
    const firstBefore = first(before);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(before[0].parentElement!, { childList: true });
    scrollTo(110);
    observer.disconnect();
    const after = within(scroller).getAllByRole('row');
    expect(changes.filter((c) => c.type === 'childList')).toHaveLength(0);
    expect(after).toEqual(before);
    // …yet the window moved by ten rows.
    expect(first(after)).toBe(firstBefore + 10);
  });

  it('renders a 50,000-span trace and scrolls to its end', () => {
    const { ms, rows } = renderTimed(50000);
    expect(rows.length).toBeLessThan(60);
    expect(ms).toBeLessThan(10000);
    const scroller = screen.getByTestId(testIds.trace.waterfall);
    const t0 = performance.now();
    act(() => {
      scroller.scrollTop = 55000 * 28;
      fireEvent.scroll(scroller);
    });
    const scrollMs = performance.now() - t0;
    // Rows are recycled in slot order, so the last row on screen is the highest aria-rowindex, not the last in the DOM.
    const shown = within(scroller)
      .getAllByRole('row')
      .map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(Math.max(...shown)).toBe(Number(scroller.getAttribute('aria-rowcount')));
    expect(scrollMs).toBeLessThan(500);
  });
});
