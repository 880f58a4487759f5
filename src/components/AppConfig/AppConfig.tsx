import { FormEvent, useState } from 'react';
import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, Stack, useStyles2 } from '@grafana/ui';
import { DATASOURCE_TYPE, PLUGIN_ID } from '../../constants';
import { dagsterUrlProblem } from '../../views/assetPageLinks';
import { resolveRules } from '../../model';
import { draftFromRules, RulesDraft, rulesFromDraft, validateDraft } from '../../views/rulesDraft';
import { testIds } from '../../testIds';
import { AppSettings } from '../../types';
import { OverridesEditor } from './OverridesEditor';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {
  /** After a successful save; Grafana reads app settings at page load, so the default reloads. */
  onSaved?: () => void;
}

/**
 * Admin page: which Cascade data source the pages use, SLA defaults and per-asset overrides, quality
 * thresholds and the Dagster URL. Saved into the app's jsonData through Grafana's plugin settings API.
 */
export default function AppConfig({ plugin, onSaved = () => window.location.reload() }: AppConfigProps) {
  const styles = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const [datasourceUid, setDatasourceUid] = useState(jsonData?.datasourceUid ?? '');
  const [dagsterUrl, setDagsterUrl] = useState(jsonData?.dagsterUrl ?? '');
  const [draft, setDraft] = useState<RulesDraft>(() => draftFromRules(resolveRules(jsonData?.rules)));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  const { errors, hasErrors } = validateDraft(draft);
  const dagsterError = dagsterUrlProblem(dagsterUrl);
  const show = (e?: string) => (submitted ? e : undefined);
  const set = (patch: Partial<RulesDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (hasErrors || dagsterError) {
      return;
    }
    const next: AppSettings = {
      ...jsonData,
      datasourceUid: datasourceUid || undefined,
      dagsterUrl: dagsterUrl.trim() || undefined,
      rules: rulesFromDraft(draft),
    };
    setSaving(true);
    setSaveError(undefined);
    try {
      await getBackendSrv().post(`/api/plugins/${PLUGIN_ID}/settings`, { enabled, pinned, jsonData: next });
      onSaved();
    } catch (err) {
      const message =
        (err as { data?: { message?: string }; message?: string })?.data?.message ??
        (err as Error)?.message ??
        String(err);
      setSaveError(message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} data-testid={testIds.appConfig.container} noValidate>
      <FieldSet label="Data source">
        <Field
          label="Cascade data source"
          description="The pages query this data source. Empty: the first Cascade data source."
          htmlFor="cascade-app-ds"
        >
          <div data-testid={testIds.appConfig.datasource}>
            <DataSourcePicker
              inputId="cascade-app-ds"
              type={DATASOURCE_TYPE}
              current={datasourceUid || null}
              noDefault
              width={40}
              onChange={(ds) => setDatasourceUid(ds.uid)}
              onClear={() => setDatasourceUid('')}
            />
          </div>
        </Field>
      </FieldSet>

      <FieldSet label="Freshness SLA">
        <Stack gap={2}>
          <Field
            label="Warning after"
            description="Age at which an asset is stale, e.g. 2h"
            invalid={Boolean(show(errors.warning))}
            error={show(errors.warning)}
          >
            <Input
              id="cascade-sla-warning"
              data-testid={testIds.appConfig.slaWarning}
              value={draft.warning}
              width={16}
              onChange={(e) => set({ warning: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Critical after"
            description="Age at which it is critical, e.g. 4h"
            invalid={Boolean(show(errors.critical))}
            error={show(errors.critical)}
          >
            <Input
              id="cascade-sla-critical"
              data-testid={testIds.appConfig.slaCritical}
              value={draft.critical}
              width={16}
              onChange={(e) => set({ critical: e.currentTarget.value })}
            />
          </Field>
        </Stack>
        <Field
          label="Per-asset overrides"
          description="Assets on another schedule (a daily load, an hourly mart) get their own SLA."
        >
          <OverridesEditor
            overrides={draft.overrides}
            errors={submitted ? errors.overrides : {}}
            onChange={(overrides) => set({ overrides })}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Quality thresholds">
        <Stack gap={2}>
          <Field
            label="Minimum pass rate (%)"
            description="Below: the asset is a warning"
            invalid={Boolean(show(errors.minPassRate))}
            error={show(errors.minPassRate)}
          >
            <Input
              id="cascade-pass-rate"
              data-testid={testIds.appConfig.passRate}
              type="number"
              min={0}
              max={100}
              value={draft.minPassRate}
              width={16}
              onChange={(e) => set({ minPassRate: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Maximum error rate (%)"
            description="Failed runs over the range; above: critical"
            invalid={Boolean(show(errors.maxErrorRate))}
            error={show(errors.maxErrorRate)}
          >
            <Input
              id="cascade-error-rate"
              data-testid={testIds.appConfig.errorRate}
              type="number"
              min={0}
              max={100}
              value={draft.maxErrorRate}
              width={16}
              onChange={(e) => set({ maxErrorRate: e.currentTarget.value })}
            />
          </Field>
        </Stack>
      </FieldSet>

      <FieldSet label="Links">
        <Field
          label="Dagster URL"
          description="Asset pages link to <Dagster URL>/assets/<asset>. Empty: no Dagster links."
          invalid={Boolean(show(dagsterError))}
          error={show(dagsterError)}
        >
          <Input
            id="cascade-dagster-url"
            data-testid={testIds.appConfig.dagsterUrl}
            placeholder="http://dagster:3000"
            value={dagsterUrl}
            width={60}
            onChange={(e) => setDagsterUrl(e.currentTarget.value)}
          />
        </Field>
      </FieldSet>

      {saveError && (
        <Alert severity="error" title="Settings were not saved">
          {saveError}
        </Alert>
      )}
      {submitted && (hasErrors || dagsterError) && (
        <Alert severity="warning" title="Fix the highlighted fields to save" />
      )}
      <Button
        type="submit"
        data-testid={testIds.appConfig.submit}
        disabled={saving}
        icon={saving ? 'spinner' : undefined}
      >
        Save settings
      </Button>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ maxWidth: theme.breakpoints.values.lg }),
});
