import { DEFAULT_HEALTH_RULES, resolveRules } from '../model';
import { resolveSla } from './freshness';
import { draftFromRules, toDurationText, parseDuration, rulesFromDraft, slaProblem, validateDraft } from './rulesDraft';

describe('durations', () => {
  it('toDurationText uses the largest exact unit', () => {
    expect([7200, 5400, 45, 86400, 90061].map(toDurationText)).toEqual(['2h', '90m', '45s', '1d', '90061s']);
    expect(toDurationText(0)).toBe('0s');
  });
  it('parseDuration reads Grafana durations and bare seconds, rejects the rest', () => {
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration(' 90m ')).toBe(5400);
    expect(parseDuration('1d')).toBe(86400);
    expect(parseDuration('3600')).toBe(3600);
    for (const bad of ['', 'abc', '-2h', '0', '0h', '2 hours', 'h']) {
      expect(parseDuration(bad)).toBeUndefined();
    }
  });
  it('round-trips', () => {
    for (const s of [60, 7200, 14400, 129600]) {
      expect(parseDuration(toDurationText(s))).toBe(s);
    }
  });
});

describe('slaProblem', () => {
  it('requires positive durations with critical after warning', () => {
    expect(slaProblem({ warningSeconds: 1, criticalSeconds: 2 })).toBeUndefined();
    expect(slaProblem({ warningSeconds: 2, criticalSeconds: 2 })).toMatch(/longer than warning/);
    expect(slaProblem({ criticalSeconds: 2 })).toMatch(/Warning/);
    expect(slaProblem({ warningSeconds: 2 })).toMatch(/Critical/);
  });
});

describe('drafts', () => {
  const rules = {
    ...DEFAULT_HEALTH_RULES,
    freshnessOverrides: {
      z: { warningSeconds: 3600, criticalSeconds: 7200 },
      a: { warningSeconds: 86400, criticalSeconds: 129600 },
    },
  };
  it('shows saved rules as typed text, overrides by name, error rate in percent', () => {
    expect(draftFromRules(rules)).toEqual({
      warning: '2h',
      critical: '4h',
      minPassRate: '95',
      maxErrorRate: '10',
      overrides: [
        { asset: 'a', warning: '1d', critical: '36h' },
        { asset: 'z', warning: '1h', critical: '2h' },
      ],
    });
  });
  it('round-trips a valid draft to the same rules, saving the error rate in percent as shown', () => {
    const d = draftFromRules(rules);
    expect(validateDraft(d).hasErrors).toBe(false);
    const { maxErrorRate, ...rest } = rules;
    expect(rulesFromDraft(d)).toEqual({ ...rest, maxErrorRatePercent: maxErrorRate * 100 });
    expect(resolveRules(rulesFromDraft(d))).toEqual(rules);
  });
  it('keeps an override for an asset named __proto__', () => {
    const d = { ...draftFromRules(rules), overrides: [{ asset: '__proto__', warning: '1d', critical: '2d' }] };
    const saved = rulesFromDraft(d);
    expect(Object.keys(saved.freshnessOverrides)).toEqual(['__proto__']);
    expect(resolveSla('__proto__', resolveRules(saved))).toEqual({
      warningSeconds: 86400,
      criticalSeconds: 172800,
      source: 'override',
    });
  });
  it('reports each bad field', () => {
    const { errors, hasErrors } = validateDraft({
      warning: '5h',
      critical: '4h',
      minPassRate: '101',
      maxErrorRate: '',
      overrides: [
        { asset: '', warning: '1h', critical: '2h' },
        { asset: 'x', warning: '1h', critical: '2h' },
        { asset: 'x', warning: '1h', critical: '2h' },
        { asset: 'y', warning: 'soon', critical: '2h' },
      ],
    });
    expect(hasErrors).toBe(true);
    expect(errors.warning).toBeUndefined();
    expect(errors.critical).toMatch(/longer than warning/);
    expect(errors.minPassRate).toMatch(/0 and 100/);
    expect(errors.maxErrorRate).toMatch(/0 and 100/);
    expect(errors.overrides).toEqual({
      0: 'Enter the asset name.',
      2: 'x already has an override.',
      3: expect.stringMatching(/Warning/),
    });
  });
});
