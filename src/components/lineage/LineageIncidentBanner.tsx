import { Alert, Button } from '@grafana/ui';
import { incidentFocusTitle } from '../../lineage/incidentFocus';
import { LineageGraph } from '../../lineage/lineageGraph';
import { testIds } from '../../testIds';
import { AssetLink, AssetLinks } from '../common/AssetLink';
import { LineageView } from './useLineageView';

/** The header of a focused incident: what broke, what it breaks (linked), and "Clear focus". */
export function LineageIncidentBanner({ graph, view }: { graph: LineageGraph; view: LineageView }) {
  const { incident, incidentRoot } = view;
  if (!incidentRoot) {
    return null;
  }
  const clear = (
    <Button size="sm" variant="secondary" icon="times" onClick={view.clearIncident}>
      Clear focus
    </Button>
  );
  if (!incident) {
    return (
      <Alert
        severity="info"
        title={`No incident at ${incidentRoot} in this time range`}
        action={clear}
        data-testid={testIds.lineage.incident}
        bottomSpacing={0}
      >
        It is healthy now, or not in the graph.
      </Alert>
    );
  }
  const root = graph.nodes[incident.root].id;
  return (
    <Alert
      severity="error"
      title={incidentFocusTitle(graph, incident)}
      action={clear}
      data-testid={testIds.lineage.incident}
      bottomSpacing={0}
    >
      Root cause <AssetLink asset={root} />; impacted{' '}
      <AssetLinks assets={incident.impacted.map((i) => graph.nodes[i].id)} />. Everything else is dimmed; click an asset
      to see its own neighbourhood.
    </Alert>
  );
}
