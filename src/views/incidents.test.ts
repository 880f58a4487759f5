import { Incident } from '../model';
import { assetCausality, incidentHeadline } from './incidents';

const at = (hhmm: string) => Date.parse(`2026-01-01T${hhmm}:00Z`);
const incident: Incident = {
  root: 'fct_glucose_readings',
  status: 'failing',
  reasons: ['last run failed'],
  since: at('14:02'),
  impacted: ['mrt_glucose_readings', 'publish_to_postgres', 'report'],
  blastRadius: ['mrt_glucose_readings', 'publish_to_postgres', 'report', 'side'],
  owners: ['analytics', 'data-eng'],
  firstSlaBreachAt: at('15:10'),
  firstSlaBreachAsset: 'mrt_glucose_readings',
  inCycle: false,
};

test('the headline of the issue', () => {
  expect(incidentHeadline(incident, 'utc')).toBe(
    'fct_glucose_readings failing since 14:02 → 3 assets impacted, 2 owners, first SLA breach 15:10'
  );
  expect(
    incidentHeadline(
      { ...incident, since: undefined, impacted: ['x'], owners: ['o'], firstSlaBreachAt: undefined },
      'utc'
    )
  ).toBe('fct_glucose_readings failing → 1 asset impacted, 1 owner');
});

test('a first SLA breach already past is said as past', () => {
  expect(incidentHeadline(incident, 'utc', at('15:35'))).toBe(
    'fct_glucose_readings failing since 14:02 → 3 assets impacted, 2 owners, SLA breached 25 min ago'
  );
  expect(incidentHeadline(incident, 'utc', at('14:35'))).toContain('first SLA breach 15:10');
});

test('caused by / causing', () => {
  expect(assetCausality('report', [incident])).toEqual({
    causedBy: ['fct_glucose_readings'],
    causing: [],
    blastRadius: [],
  });
  expect(assetCausality('fct_glucose_readings', [incident])).toMatchObject({
    causedBy: [],
    causing: incident.impacted,
  });
  expect(assetCausality('side', [incident]).causedBy).toEqual([]);
});
