import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { getDefaultTimeRange } from '@grafana/data';
import { generateJaegerTrace, generateTraceLogs } from '../../services/testData/traceData';
import { LINKS } from '../common/testPipeline';
import { renderInApp } from '../common/testUtils';
import { logsToFrame } from '../../services/signalFrames';
import { traceFromFrame, traceToFrame } from '../../services/traceFrame';
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
    <TraceDrilldown traceId="t" series={series} errors={[]} loading={false} range={getDefaultTimeRange()} setRange={() => {}} />,
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
    const last = within(scroller).getAllByRole('row').at(-1)!;
    expect(Number(last.getAttribute('aria-rowindex'))).toBe(Number(scroller.getAttribute('aria-rowcount')));
    expect(scrollMs).toBeLessThan(500);
  });
});
