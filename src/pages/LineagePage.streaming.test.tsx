import { act, screen, waitFor } from '@testing-library/react';
import { DataQueryResponse, LoadingState } from '@grafana/data';
import { ReplaySubject } from 'rxjs';
import { LINKS, ROWS } from '../testing/testPipeline';
import { FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { lineageToFrames } from '../frames/lineageFrame';
import { healthToFrame } from '../frames/healthFrame';
import { pendingRows } from '../join/healthStages';
import { testIds } from '../testIds';
import LineagePage from './LineagePage';

// Grafana's data source registry only exists inside Grafana: the fake data source sends the packets
// the real one streams (frames from its own builders, partial ones marked as the handler marks them);
// replayed, as the page subscribes once the data source has loaded.
jest.setTimeout(20000);

const topologyPacket = (refId: string): DataQueryResponse => {
  const [nodes, edges] = lineageToFrames(pendingRows(ROWS), LINKS.app, refId);
  const custom = { ...nodes.meta?.custom, partial: true, stage: 'topology', pending: ['status'] };
  return {
    key: `${refId}:lineage`,
    state: LoadingState.Streaming,
    data: [{ ...nodes, meta: { ...nodes.meta, custom } }, edges],
  };
};

describe('LineagePage with streamed results', () => {
  it('paints the DAG from the topology packet, says health is loading, then shows the statuses', async () => {
    const lineage = new ReplaySubject<DataQueryResponse>();
    const health = new ReplaySubject<DataQueryResponse>();
    installDataSources(new FakeCascadeDataSource({ lineage: () => lineage, health: () => health }));
    renderInApp(<LineagePage />, { url: '/a/cascade-pipeline-app/lineage', route: 'lineage' });

    act(() => lineage.next(topologyPacket('lineage')));
    expect(
      await screen.findByRole('img', { name: /Lineage graph of 4 assets and 3 dependencies/ })
    ).toBeInTheDocument();
    expect(screen.getByTestId(testIds.lineage.statusPending)).toHaveTextContent('Loading health');
    expect(screen.queryByRole('group', { name: 'Filter by status' })).not.toBeInTheDocument();

    act(() => {
      lineage.next({
        key: 'lineage:lineage',
        state: LoadingState.Done,
        data: lineageToFrames(ROWS, LINKS.app, 'lineage'),
      });
      lineage.complete();
      health.next({ key: 'health:health', state: LoadingState.Done, data: [healthToFrame(ROWS, 'health', LINKS)] });
      health.complete();
    });
    await waitFor(() => expect(screen.queryByTestId(testIds.lineage.statusPending)).not.toBeInTheDocument());
    expect(screen.getByRole('group', { name: 'Filter by status' })).toHaveTextContent('failing (1)');
    expect(
      screen.getByRole('img', { name: /Lineage graph of 4 assets and 3 dependencies, 2 failing, stale or with errors/ })
    ).toBeInTheDocument();
  });
});
