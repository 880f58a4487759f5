import { IconName } from '@grafana/data';
import { Badge, BadgeColor } from '@grafana/ui';
import { AssetSeverity, AssetStatus } from '../../model';
import { statusLook } from '../../views/statusLook';

// The colour says how bad (severity), the word says what is wrong (status).
const LOOK: Record<AssetSeverity, { color: BadgeColor; icon: IconName }> = {
  none: { color: 'green', icon: 'check' },
  warning: { color: 'orange', icon: 'exclamation-triangle' },
  critical: { color: 'red', icon: 'exclamation-circle' },
};
const UNKNOWN = { color: 'darkgrey' as BadgeColor, icon: 'question-circle' as IconName };

/** An asset status as a coloured badge ("STALE" in red when critical); the reasons, when given, are its tooltip. */
export function StatusBadge({
  status,
  severity,
  reasons,
}: {
  status: AssetStatus;
  severity?: AssetSeverity;
  reasons?: string[];
}) {
  const look = statusLook({ status, severity });
  const badge = status === 'unknown' ? UNKNOWN : (LOOK[look.severity] ?? UNKNOWN);
  const tooltip = reasons?.length ? reasons.join('; ') : undefined;
  return (
    <Badge
      text={look.text}
      color={badge.color}
      icon={badge.icon}
      tooltip={tooltip}
      aria-label={`Status ${look.label}${tooltip ? `: ${tooltip}` : ''}`}
    />
  );
}
