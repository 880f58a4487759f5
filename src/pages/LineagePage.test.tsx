import { LINKS, pipelineHandlers, ROWS } from '../testing/testPipeline';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { currentSearch, FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { lineageToFrames } from '../frames/lineageFrame';
import { buildLineageGraph } from '../lineage/lineageGraph';
import { lineageFromFrames } from '../lineage/lineageGraphFrames';
import { layoutLineage } from '../lineage/lineageLayout';
import { testIds } from '../testIds';
import LineagePage from './LineagePage';

// Grafana's data source registry only exists inside Grafana: the fake Cascade data source answers
// with frames from the data source's own builders (testPipeline). jsdom has no canvas, so the
// drawing is checked in Chromium; here the DOM parts and the click → selection wiring are tested.

// jsdom has no PointerEvent; without it fireEvent.pointer* drops clientX/clientY.
if (typeof window.PointerEvent === 'undefined') {
  window.PointerEvent = class PointerEvent extends MouseEvent {
    pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
    }
  } as unknown as typeof window.PointerEvent;
}
// Grafana UI interactions under jsdom are slow on a shared CI machine.
jest.setTimeout(20000);

const BASE = '/a/cascade-pipeline-app/lineage';
const render = (url = BASE) => renderInApp(<LineagePage />, { url, route: 'lineage' });
const list = () => screen.getByTestId(testIds.lineage.list);
const listed = () =>
  within(list())
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('LineagePage', () => {
  let ds: FakeCascadeDataSource;
  beforeEach(() => {
    ds = new FakeCascadeDataSource({
      ...pipelineHandlers(),
      lineage: (q) => lineageToFrames(ROWS, LINKS.app, q.refId),
    });
    installDataSources(ds);
  });

  it('queries lineage and health through the data source and lists assets worst first', async () => {
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    expect(ds.targets().map((t) => t.queryType)).toEqual(['lineage', 'health']);
    expect(listed()[0]).toContain('fct_glucose_readings');
    expect(listed()[1]).toContain('stg_glucose_entries');
    expect(
      screen.getByRole('img', { name: /Lineage graph of 4 assets and 3 dependencies, 2 failing, stale or with errors/ })
    ).toBeInTheDocument();
  });

  it('searches by name and narrows the list; the zoom button counts the matches', async () => {
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    await userEvent.type(screen.getByTestId(testIds.lineage.search), 'glucose');
    await waitFor(() => expect(listed()).toHaveLength(3));
    expect(screen.getByTestId(testIds.lineage.zoomToMatches)).toHaveTextContent('Zoom to 3 matches');
    expect(currentSearch().get('q')).toBe('glucose');
  });

  it('filters by status and layer with pills kept in the URL', async () => {
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    await userEvent.click(screen.getByRole('button', { name: 'failing (1)' }));
    await waitFor(() => expect(listed()).toHaveLength(1));
    expect(currentSearch().get('status')).toBe('failing');
    await userEvent.click(screen.getByRole('button', { name: 'failing (1)' }));
    await userEvent.click(screen.getByRole('button', { name: 'gold (2)' }));
    await waitFor(() =>
      expect(listed().map((t) => t?.split('failing')[0].split('ok')[0])).toEqual([
        'fct_glucose_readings',
        'publish_to_postgres',
      ])
    );
  });

  it('selecting a failing asset shows why, its links, its neighbourhood and what it breaks downstream', async () => {
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    await userEvent.click(screen.getByTestId(testIds.lineage.node('fct_glucose_readings')));
    const details = await screen.findByTestId(testIds.lineage.details);
    expect(currentSearch().get('asset')).toBe('fct_glucose_readings');
    expect(within(details).getByRole('heading', { name: 'fct_glucose_readings' })).toBeInTheDocument();
    expect(within(details).getByText('last run failed: division by zero')).toBeInTheDocument();
    expect(within(details).getByRole('link', { name: 'Open asset page' })).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/assets/fct_glucose_readings'
    );
    expect(within(details).getByRole('link', { name: 'Open trace abc123' })).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/traces/abc123'
    );
    const impact = within(details).getByTestId(testIds.lineage.impact);
    expect(impact).toHaveTextContent('failing: breaks 1 downstream asset');
    expect(within(impact).getByRole('button', { name: 'publish_to_postgres' })).toBeInTheDocument();
    expect(details).toHaveTextContent('Upstream (2, all levels)');
  });

  it('limits the highlight to the chosen depth', async () => {
    render(`${BASE}?asset=fct_glucose_readings`);
    const details = await screen.findByTestId(testIds.lineage.details);
    await userEvent.click(within(screen.getByTestId(testIds.lineage.depth)).getByRole('radio', { name: '1' }));
    await waitFor(() => expect(details).toHaveTextContent('Upstream (1, 1 level)'));
    expect(currentSearch().get('depth')).toBe('1');
    // The impact list always covers everything downstream, whatever the depth.
    expect(within(details).getByTestId(testIds.lineage.impact)).toHaveTextContent('breaks 1 downstream asset');
  });

  it('restores the selection from a deep link and clears it', async () => {
    render(`${BASE}?asset=stg_glucose_entries&depth=2`);
    const details = await screen.findByTestId(testIds.lineage.details);
    expect(details).toHaveTextContent('stale: breaks 2 downstream assets');
    await userEvent.click(within(details).getByRole('button', { name: 'Clear the selection (Esc)' }));
    await waitFor(() => expect(screen.queryByTestId(testIds.lineage.details)).not.toBeInTheDocument());
    expect(currentSearch().get('asset')).toBeNull();
  });

  it('focuses an incident from the URL: its header names the root and the impacted assets, Clear focus drops it', async () => {
    render(`${BASE}?incident=stg_glucose_entries`);
    const banner = await screen.findByTestId(testIds.lineage.incident);
    expect(banner).toHaveTextContent('Incident: stg_glucose_entries stale → 1 impacted');
    expect(within(banner).getByRole('link', { name: 'fct_glucose_readings' })).toBeInTheDocument();
    await userEvent.click(within(banner).getByRole('button', { name: 'Clear focus' }));
    await waitFor(() => expect(screen.queryByTestId(testIds.lineage.incident)).not.toBeInTheDocument());
    expect(currentSearch().get('incident')).toBeNull();
  });

  it('says so when the focused incident is over (its root is healthy)', async () => {
    render(`${BASE}?incident=dlt_glucose_entries`);
    expect(await screen.findByTestId(testIds.lineage.incident)).toHaveTextContent(
      'No incident at dlt_glucose_entries in this time range'
    );
  });

  it('moves through the asset list with the keyboard', async () => {
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    const buttons = within(list()).getAllByRole('button');
    buttons[0].focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(buttons[1]).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(currentSearch().get('asset')).toBe('stg_glucose_entries'));
    expect(buttons[1]).toHaveAttribute('aria-current', 'true');
  });

  it('selects the asset under a click on the canvas', async () => {
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    // jsdom lays nothing out, so the canvas keeps its initial 1:1 view: world = screen coordinates.
    const { assets, edges } = lineageFromFrames(lineageToFrames(ROWS, LINKS.app, 'lineage'));
    const graph = buildLineageGraph(assets, edges);
    const layout = layoutLineage(graph);
    const i = graph.index.get('dlt_glucose_entries')!;
    const canvas = screen.getByRole('img', { name: /Lineage graph/ });
    const at = { clientX: layout.x[i] + 10, clientY: layout.y[i] + 10, pointerId: 1 };
    act(() => {
      fireEvent.pointerDown(canvas, at);
      fireEvent.pointerUp(canvas, at);
    });
    await waitFor(() => expect(currentSearch().get('asset')).toBe('dlt_glucose_entries'));
    // A click on empty space clears the selection.
    act(() => {
      fireEvent.pointerDown(canvas, { clientX: -50, clientY: -50, pointerId: 1 });
      fireEvent.pointerUp(canvas, { clientX: -50, clientY: -50, pointerId: 1 });
    });
    await waitFor(() => expect(currentSearch().get('asset')).toBeNull());
  });

  it('still draws the DAG from health when the lineage query fails, and names the failing backend', async () => {
    ds = new FakeCascadeDataSource({
      ...pipelineHandlers(),
      lineage: () => ({ error: 'connection refused', backend: 'prometheus' }),
    });
    installDataSources(ds);
    render();
    await waitFor(() => expect(listed()).toHaveLength(4));
    expect(screen.getByTestId(testIds.sourceError('prometheus'))).toHaveTextContent('connection refused');
    expect(screen.getByRole('img', { name: /4 assets and 3 dependencies/ })).toBeInTheDocument();
  });

  it('shows an empty state when there are no assets', async () => {
    ds = new FakeCascadeDataSource({ lineage: () => [], health: () => [] });
    installDataSources(ds);
    render();
    expect(await screen.findByText('No assets')).toBeInTheDocument();
  });
});
