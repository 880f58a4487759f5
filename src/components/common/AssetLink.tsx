import { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { assetUrl, lineageIncidentUrl, traceUrl } from '../../utils/routing';
import { withTimeParams } from '../../views/links';
import { shortTraceId } from '../../views/format';

/**
 * An in-app link styled like Grafana's TextLink. TextLink itself is not used for these: it runs the
 * href through Grafana's URL sanitizer, which percent-decodes it, so an asset named `a/b` or `a b`
 * would link to the wrong route. react-router's Link keeps the encoded path.
 */
function InternalLink({
  href,
  children,
  label,
  title,
}: {
  href: string;
  children: ReactNode;
  label?: string;
  title?: string;
}) {
  const styles = useStyles2(getStyles);
  return (
    <Link to={href} className={styles.link} aria-label={label} title={title}>
      {children}
    </Link>
  );
}

/** Link to an asset's health page, keeping the current time range. */
export function AssetLink({ asset, children }: { asset: string; children?: ReactNode }) {
  const { search } = useLocation();
  return <InternalLink href={withTimeParams(assetUrl(asset), search)}>{children ?? asset}</InternalLink>;
}

/** Link to the trace drill-down, keeping the current time range; shows the short id (full id on hover). */
export function TraceLink({ traceId, children }: { traceId: string; children?: ReactNode }) {
  const { search } = useLocation();
  return (
    <InternalLink href={withTimeParams(traceUrl(traceId), search)} label={`Open trace ${traceId}`} title={traceId}>
      {children ?? shortTraceId(traceId)}
    </InternalLink>
  );
}

/** Link to the Lineage page focused on the incident rooted at `root`, keeping the current time range. */
export function IncidentLineageLink({ root }: { root: string }) {
  const { search } = useLocation();
  return (
    <InternalLink
      href={withTimeParams(lineageIncidentUrl(root), search)}
      label={`Show the ${root} incident on lineage`}
    >
      Show on lineage
    </InternalLink>
  );
}

/** A comma-separated list of asset links ("none" when empty). */
export function AssetLinks({ assets, empty = 'none' }: { assets: string[]; empty?: string }) {
  if (!assets.length) {
    return <>{empty}</>;
  }
  return (
    <>
      {assets.map((a, i) => (
        <span key={a}>
          {i > 0 && ', '}
          <AssetLink asset={a} />
        </span>
      ))}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  link: css({
    color: theme.colors.text.link,
    textDecoration: 'none',
    '&:hover': { textDecoration: 'underline' },
    '&:focus-visible': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: 2,
      borderRadius: theme.shape.radius.default,
    },
  }),
});
