import { AssetSeverity, AssetStatus } from '../model';
import { severityOf } from '../rules/healthRules';

/** Theme colour names by how bad a status is: the colour says how bad, the word says what. */
export const SEVERITY_COLORS: Record<AssetSeverity, string> = {
  none: 'green',
  warning: 'orange',
  critical: 'red',
};

/** A status as pages show it: the word (what is wrong), its severity and its colour. */
export interface StatusLook {
  /** "STALE", "FAILING", "OK" */
  text: string;
  severity: AssetSeverity;
  color: string;
  /** "stale, critical" / "ok": for tooltips and screen readers */
  label: string;
}

/** How a status looks anywhere in the app (badges, the asset page's status, counts). */
export function statusLook(row: { status: AssetStatus; severity?: AssetSeverity }): StatusLook {
  const severity = severityOf(row);
  const color = row.status === 'unknown' ? 'text' : SEVERITY_COLORS[severity];
  return {
    text: row.status.toUpperCase(),
    severity,
    color,
    label: severity === 'none' ? row.status : `${row.status}, ${severity}`,
  };
}
