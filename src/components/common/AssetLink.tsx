import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { TextLink } from '@grafana/ui';
import { assetUrl, traceUrl } from '../../utils/routing';
import { withTimeParams } from './links';

/** Link to an asset's health page, keeping the current time range. */
export function AssetLink({ asset, children }: { asset: string; children?: ReactNode }) {
  const { search } = useLocation();
  return (
    <TextLink href={withTimeParams(assetUrl(asset), search)} inline={false}>
      {(children ?? asset) as string}
    </TextLink>
  );
}

/** Link to the trace drill-down, keeping the current time range. */
export function TraceLink({ traceId, children }: { traceId: string; children?: ReactNode }) {
  const { search } = useLocation();
  return (
    <TextLink href={withTimeParams(traceUrl(traceId), search)} inline={false} aria-label={`Open trace ${traceId}`}>
      {(children ?? traceId) as string}
    </TextLink>
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
