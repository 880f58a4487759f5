/**
 * The sandbox's /explore: the sandbox has no Explore, so an Explore link (the asset page's
 * "Metrics in Explore", a table's "Explore in Prometheus" …) opens this page, which shows what
 * Grafana would open — each pane's data source, query and time range — instead of "Page not found".
 */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, Stack, Text, useStyles2 } from '@grafana/ui';
import { useLocation } from 'react-router-dom';
import { decodeExploreSearch, ExplorePaneView, queryText } from '../explore';
import { hostTestIds } from '../testIds';
import { PageFrame } from './PageFrame';

function DataSourceName({ uid }: { uid?: string }) {
  const settings = uid ? getDataSourceSrv().getInstanceSettings(uid) : undefined;
  if (!uid) {
    return <Text color="secondary">no data source in the link</Text>;
  }
  return (
    <span>
      <Text weight="medium">{settings?.name ?? uid}</Text>{' '}
      <Text color="secondary">
        ({settings ? `${settings.type}, uid ${uid}` : `uid ${uid}, not provisioned in the sandbox`})
      </Text>
    </span>
  );
}

function Pane({ pane }: { pane: ExplorePaneView }) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.pane} data-testid={hostTestIds.explorePane} aria-label={`Explore pane ${pane.id}`}>
      <Stack direction="column" gap={1}>
        <div>
          Data source: <DataSourceName uid={pane.datasourceUid} />
        </div>
        {pane.range && (
          <div>
            Time range: <code>{pane.range.from}</code> to <code>{pane.range.to}</code>
          </div>
        )}
        {pane.queries.map((q, i) => (
          <div key={i}>
            <Text color="secondary">Query {String(q.refId ?? i + 1)}</Text>
            <pre className={styles.query} data-testid={hostTestIds.exploreQuery}>
              {queryText(q) || JSON.stringify(q, null, 2)}
            </pre>
          </div>
        ))}
      </Stack>
    </section>
  );
}

export function ExplorePage() {
  const { search } = useLocation();
  const decoded = decodeExploreSearch(search);
  return (
    <PageFrame pageNav={{ text: 'Explore (sandbox)' }}>
      <Stack direction="column" gap={2}>
        <Alert severity="info" title="The sandbox has no Explore">
          In Grafana this link opens Explore with the query below; here it shows what it would open.
        </Alert>
        {decoded.error && (
          <Alert severity="warning" title="This Explore link cannot be read">
            {decoded.error}
          </Alert>
        )}
        {decoded.panes.map((p) => (
          <Pane key={p.id} pane={p} />
        ))}
      </Stack>
    </PageFrame>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  pane: css({
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  query: css({
    margin: 0,
    padding: theme.spacing(1),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontFamily: theme.typography.fontFamilyMonospace,
    background: theme.colors.background.canvas,
  }),
});
