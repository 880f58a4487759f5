import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Button, FieldValidationMessage, IconButton, Input, Stack, useStyles2 } from '@grafana/ui';
import { OverrideDraft } from '../../views/rulesDraft';
import { testIds } from '../../testIds';

interface Props {
  overrides: OverrideDraft[];
  errors: Record<number, string>;
  onChange: (next: OverrideDraft[]) => void;
}

/** Editable list of per-asset freshness SLAs (asset, warning, critical), one row each. */
export function OverridesEditor({ overrides, errors, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const update = (i: number, patch: Partial<OverrideDraft>) =>
    onChange(overrides.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <div data-testid={testIds.appConfig.overrides}>
      {overrides.length === 0 && <p className={styles.muted}>No overrides: every asset uses the default SLA.</p>}
      <ul className={styles.list} aria-label="Per-asset freshness overrides">
        {overrides.map((o, i) => (
          <li key={i}>
            <Stack gap={1} alignItems="center">
              <Input
                aria-label={`Override ${i + 1} asset`}
                placeholder="asset name"
                value={o.asset}
                width={36}
                invalid={Boolean(errors[i])}
                onChange={(e) => update(i, { asset: e.currentTarget.value })}
              />
              <Input
                aria-label={`Override ${i + 1} warning after`}
                placeholder="2h"
                value={o.warning}
                width={12}
                prefix="warn"
                invalid={Boolean(errors[i])}
                onChange={(e) => update(i, { warning: e.currentTarget.value })}
              />
              <Input
                aria-label={`Override ${i + 1} critical after`}
                placeholder="4h"
                value={o.critical}
                width={12}
                prefix="crit"
                invalid={Boolean(errors[i])}
                onChange={(e) => update(i, { critical: e.currentTarget.value })}
              />
              <IconButton
                name="trash-alt"
                tooltip={`Remove override ${i + 1}`}
                onClick={() => onChange(overrides.filter((_, j) => j !== i))}
              />
            </Stack>
            {errors[i] && <FieldValidationMessage>{errors[i]}</FieldValidationMessage>}
          </li>
        ))}
      </ul>
      <Button
        variant="secondary"
        icon="plus"
        size="sm"
        onClick={() => onChange([...overrides, { asset: '', warning: '', critical: '' }])}
      >
        Add override
      </Button>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: theme.spacing(0, 0, 1, 0),
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  muted: css({ color: theme.colors.text.secondary, margin: theme.spacing(0, 0, 1, 0) }),
});
