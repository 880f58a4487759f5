import { AssetCausality as Causality } from '../../views/incidents';
import { AssetLinks } from '../common/AssetLink';

/** "Caused by" (the root causes upstream) and "causing" (what it impacts when it is a root cause), linked. */
export function AssetCausality({ asset, causality }: { asset: string; causality: Causality }) {
  if (!causality.causedBy.length && !causality.blastRadius.length) {
    return null;
  }
  return (
    <div aria-label={`Incidents of ${asset}`}>
      {causality.causedBy.length > 0 && (
        <p>
          Caused by <AssetLinks assets={causality.causedBy} />
        </p>
      )}
      {causality.blastRadius.length > 0 && (
        <p>
          Causing <AssetLinks assets={causality.causing} empty="no unhealthy asset yet" /> (
          {causality.blastRadius.length} downstream at risk)
        </p>
      )}
    </div>
  );
}
