import { render, screen } from '@testing-library/react';
import { testIds } from '../../testIds';
import { Section } from './Section';
import { errorsBySource, failedSourceOf, missingSourceOf } from '../../views/sourceErrors';
import { SourceStatus } from './SourceStatus';

const errors = [
  { message: 'Loki: 502 Bad Gateway', backend: 'loki' as const, refId: 'logs' },
  { message: 'Prometheus: timeout', backend: 'prometheus' as const, refId: 'health' },
  { message: 'Loki: 502 Bad Gateway', backend: 'loki' as const, refId: 'errors' },
  { message: 'Cascade configuration: bad label', refId: 'health' },
];

describe('sourceErrors', () => {
  it('groups by backend in a stable order with de-duplicated messages', () => {
    expect(errorsBySource(errors)).toEqual([
      { source: 'prometheus', messages: ['Prometheus: timeout'] },
      { source: 'loki', messages: ['Loki: 502 Bad Gateway (2 requests)'] },
      { source: 'cascade', messages: ['Cascade configuration: bad label'] },
    ]);
  });
  it('shows one error once when several queries met it (request counts summed)', () => {
    const down = 'Prometheus: HTTP 502: Data source "Prometheus" is unreachable: ECONNREFUSED';
    const repeated = [
      { message: down, backend: 'prometheus' as const, refId: 'alerts' },
      { message: `${down} (9 requests)`, backend: 'prometheus' as const, refId: 'health' },
      { message: `${down} (12 requests)`, backend: 'prometheus' as const, refId: 'checks' },
    ];
    expect(errorsBySource(repeated)).toEqual([{ source: 'prometheus', messages: [`${down} (22 requests)`] }]);
  });
  it('names only the failed backends a section uses', () => {
    const lokiDown = [{ message: 'Loki: 502', backend: 'loki' as const, refId: 'health' }];
    expect(missingSourceOf(lokiDown, ['health'], ['prometheus'])).toBeUndefined();
    expect(missingSourceOf(lokiDown, ['health'], ['prometheus', 'loki'])).toBe('loki');
    expect(missingSourceOf(lokiDown, ['logs'], ['loki'])).toBeUndefined();
    expect(missingSourceOf(errors, ['health'], ['prometheus'])).toBe('prometheus');
  });
  it('finds the backend that failed for a section by refId', () => {
    expect(failedSourceOf(errors, 'logs')).toBe('loki');
    expect(failedSourceOf(errors, 'health')).toBe('prometheus');
    expect(failedSourceOf(errors, 'traces')).toBeUndefined();
  });
});

describe('SourceStatus', () => {
  it('shows one alert per failing source, naming it', () => {
    render(<SourceStatus errors={errors} />);
    expect(screen.getByTestId(testIds.sourceError('loki'))).toHaveTextContent('Loki unavailable');
    expect(screen.getByTestId(testIds.sourceError('loki'))).toHaveTextContent('502 Bad Gateway');
    expect(screen.getByTestId(testIds.sourceError('prometheus'))).toHaveTextContent('Prometheus unavailable');
    expect(screen.getByTestId(testIds.sourceError('cascade'))).toHaveTextContent('Cascade query failed');
    expect(screen.queryByTestId(testIds.sourceError('jaeger'))).not.toBeInTheDocument();
  });
  it('renders nothing without errors', () => {
    const { container } = render(<SourceStatus errors={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('Section', () => {
  it('is a labelled region showing its content', () => {
    render(<Section title="Runs">content</Section>);
    expect(screen.getByRole('region', { name: 'Runs' })).toHaveTextContent('content');
  });
  it('shows loading, the failed source or the empty text instead of empty content', () => {
    const { rerender } = render(<Section title="Logs" empty loading />);
    expect(screen.getByRole('region', { name: 'Logs' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    rerender(<Section title="Logs" empty failedSource="loki" />);
    expect(screen.getByText('No data: Loki is unavailable (see the error above).')).toBeInTheDocument();
    rerender(<Section title="Logs" empty emptyText="No log lines." />);
    expect(screen.getByText('No log lines.')).toBeInTheDocument();
  });
  it('keeps content visible while refreshing', () => {
    render(
      <Section title="Runs" loading>
        content
      </Section>
    );
    expect(screen.getByRole('region', { name: 'Runs' })).toHaveTextContent('content');
  });
});
