import { IconName } from '@grafana/data';
import { Badge, BadgeColor } from '@grafana/ui';
import { AssetStatus } from '../../model';

const LOOK: Record<AssetStatus, { color: BadgeColor; icon: IconName }> = {
  ok: { color: 'green', icon: 'check' },
  unknown: { color: 'darkgrey', icon: 'question-circle' },
  warning: { color: 'orange', icon: 'exclamation-triangle' },
  stale: { color: 'orange', icon: 'clock-nine' },
  critical: { color: 'red', icon: 'exclamation-circle' },
  failing: { color: 'red', icon: 'times-circle' },
};

/** An asset status as a coloured badge; the reasons, when given, are its tooltip. */
export function StatusBadge({ status, reasons }: { status: AssetStatus; reasons?: string[] }) {
  const look = LOOK[status] ?? LOOK.unknown;
  const tooltip = reasons?.length ? reasons.join('; ') : undefined;
  return (
    <Badge
      text={status.toUpperCase()}
      color={look.color}
      icon={look.icon}
      tooltip={tooltip}
      aria-label={`Status ${status}${tooltip ? `: ${tooltip}` : ''}`}
    />
  );
}
