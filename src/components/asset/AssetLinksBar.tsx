import { locationUtil } from '@grafana/data';
import { LinkButton, Stack } from '@grafana/ui';
import { SignalLink } from '../../views/assetPageLinks';
import { testIds } from '../../testIds';

const ICON = { Prometheus: 'chart-line', Loki: 'gf-logs', Jaeger: 'gf-traces', Tempo: 'gf-traces' } as const;

/** The asset's recent failed traces: how many, and the Traces list filtered to them. */
export interface FailedTracesLink {
  count: number;
  href: string;
}

/**
 * The asset's failed traces (one click from the header), its newest failed run against the last good
 * run, the asset in Dagster (when configured)
 * and each of its signals in Grafana Explore.
 */
export function AssetLinksBar({
  dagsterUrl,
  links,
  failedTraces,
  compareHref,
}: {
  dagsterUrl?: string;
  links: SignalLink[];
  failedTraces?: FailedTracesLink;
  /** The newest failed run against the last good run (only when a run failed). */
  compareHref?: string;
}) {
  return (
    <Stack gap={1} wrap="wrap" data-testid={testIds.asset.links}>
      {failedTraces && (
        <LinkButton
          href={locationUtil.assureBaseUrl(failedTraces.href)}
          variant={failedTraces.count > 0 ? 'destructive' : 'secondary'}
          size="sm"
          icon="gf-traces"
          data-testid={testIds.asset.failedTraces}
        >
          {`Failed traces (${failedTraces.count})`}
        </LinkButton>
      )}
      {compareHref && (
        <LinkButton
          href={locationUtil.assureBaseUrl(compareHref)}
          variant="secondary"
          size="sm"
          icon="exchange-alt"
          data-testid={testIds.compare.link}
        >
          Compare with last good run
        </LinkButton>
      )}
      {dagsterUrl && (
        <LinkButton
          href={dagsterUrl}
          target="_blank"
          rel="noopener noreferrer"
          variant="secondary"
          size="sm"
          icon="external-link-alt"
        >
          Open in Dagster
        </LinkButton>
      )}
      {links.map((l) => (
        <LinkButton
          key={l.signal}
          href={locationUtil.assureBaseUrl(l.href)}
          variant="secondary"
          size="sm"
          icon={ICON[l.signal]}
          tooltip={`${l.signal}: ${l.title}`}
        >
          {l.title}
        </LinkButton>
      ))}
    </Stack>
  );
}
