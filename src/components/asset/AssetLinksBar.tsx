import { locationUtil } from '@grafana/data';
import { LinkButton, Stack } from '@grafana/ui';
import { SignalLink } from '../../views/assetPageLinks';
import { testIds } from '../../testIds';

const ICON = { Prometheus: 'chart-line', Loki: 'gf-logs', Jaeger: 'gf-traces' } as const;

/** The asset in Dagster (when configured) and each of its signals in Grafana Explore. */
export function AssetLinksBar({ dagsterUrl, links }: { dagsterUrl?: string; links: SignalLink[] }) {
  return (
    <Stack gap={1} wrap="wrap" data-testid={testIds.asset.links}>
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
