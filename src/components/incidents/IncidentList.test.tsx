import { screen } from '@testing-library/react';
import { Incident } from '../../model';
import { renderInApp } from '../../testing/testUtils';
import { IncidentList } from './IncidentList';

const incident: Incident = {
  root: 'fct_glucose_readings',
  status: 'failing',
  reasons: ['every run in the range failed'],
  impacted: ['mrt_glucose_readings', 'publish_to_postgres'],
  blastRadius: ['mrt_glucose_readings', 'publish_to_postgres'],
  owners: ['analytics', 'data-eng'],
  inCycle: false,
};

it('leads with the headline and links the root and the impacted assets', () => {
  renderInApp(<IncidentList incidents={[incident]} nowMs={Date.now()} />);
  expect(
    screen.getByText('fct_glucose_readings failing → 2 assets impacted, 2 owners', { exact: false })
  ).toBeInTheDocument();
  for (const a of [incident.root, ...incident.impacted]) {
    expect(screen.getByRole('link', { name: a })).toBeInTheDocument();
  }
  expect(screen.getByText('notify analytics, data-eng')).toBeInTheDocument();
  // The status badge carries the reasons (its exact label is StatusBadge's).
  expect(screen.getByLabelText(/^Status .*: every run in the range failed$/)).toBeInTheDocument();
});

it('links each incident to the Lineage page focused on it, keeping the time range', () => {
  renderInApp(<IncidentList incidents={[incident]} nowMs={Date.now()} />, {
    url: '/a/cascade-pipeline-app/overview?from=now-6h&to=now',
  });
  expect(screen.getByRole('link', { name: 'Show the fct_glucose_readings incident on lineage' })).toHaveAttribute(
    'href',
    '/a/cascade-pipeline-app/lineage?incident=fct_glucose_readings&from=now-6h&to=now'
  );
});
