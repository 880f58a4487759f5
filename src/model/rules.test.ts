import fc from 'fast-check';
import { DEFAULT_HEALTH_RULES, resolveRules, storedErrorRatePercent } from './rules';

describe('maximum error rate: stored and shown in percent, older fractions still read', () => {
  it('a stored percent resolves to the fraction the rule compares', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (p) => {
        expect(resolveRules({ maxErrorRatePercent: p }).maxErrorRate).toBeCloseTo(p / 100, 12);
        expect(storedErrorRatePercent({ maxErrorRatePercent: p })).toBeCloseTo(p, 4);
      })
    );
    expect(resolveRules({ maxErrorRatePercent: 10 }).maxErrorRate).toBe(0.1);
  });

  it('older settings with the fraction key keep their meaning (provisioned maxErrorRate: 0.1 is still 10 %)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        expect(resolveRules({ maxErrorRate: f }).maxErrorRate).toBe(f);
        expect(storedErrorRatePercent({ maxErrorRate: f })).toBeCloseTo(f * 100, 4);
      })
    );
    expect(storedErrorRatePercent({ maxErrorRate: 0.1 })).toBe(10);
  });

  it('the percent wins over an older fraction in the same layer; later layers win; junk is ignored', () => {
    expect(resolveRules({ maxErrorRatePercent: 25, maxErrorRate: 0.1 }).maxErrorRate).toBe(0.25);
    expect(resolveRules({ maxErrorRatePercent: 25 }, { maxErrorRate: 0.05 }).maxErrorRate).toBe(0.05);
    expect(resolveRules({ maxErrorRate: 0.05 }, { maxErrorRatePercent: 30 }).maxErrorRate).toBe(0.3);
    expect(resolveRules({ maxErrorRatePercent: Number.NaN }).maxErrorRate).toBe(DEFAULT_HEALTH_RULES.maxErrorRate);
    expect(resolveRules({ maxErrorRatePercent: '10' as unknown as number }).maxErrorRate).toBe(
      DEFAULT_HEALTH_RULES.maxErrorRate
    );
    expect(storedErrorRatePercent(undefined)).toBeUndefined();
    expect(storedErrorRatePercent({})).toBeUndefined();
    // The resolved rules carry one key, the fraction.
    expect(Object.keys(resolveRules({ maxErrorRatePercent: 10 }))).not.toContain('maxErrorRatePercent');
  });
});
