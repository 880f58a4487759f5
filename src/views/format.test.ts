import { formatPercent, shortTraceId, SHORT_TRACE_ID_LENGTH } from './format';

describe('shortTraceId', () => {
  it('cuts every trace id to the same length and marks the cut', () => {
    const jaeger = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(shortTraceId(jaeger)).toBe(`${jaeger.slice(0, SHORT_TRACE_ID_LENGTH)}…`);
    expect(shortTraceId('4bf92f3577b34da6')).toBe('4bf92f3577b3…');
  });
  it('leaves ids that already fit alone', () => {
    expect(shortTraceId('abc123')).toBe('abc123');
    expect(shortTraceId('')).toBe('');
  });
});

describe('formatPercent', () => {
  it('prints two decimals everywhere', () => {
    expect(formatPercent(99.9567)).toBe('99.96%');
    expect(formatPercent(91.5)).toBe('91.50%');
    expect(formatPercent(100)).toBe('100.00%');
    expect(formatPercent(0)).toBe('0.00%');
  });
  it('never rounds an imperfect rate to 100% or a non-zero one to 0%', () => {
    expect(formatPercent(99.999)).toBe('99.99%');
    expect(formatPercent(0.001)).toBe('0.01%');
  });
  it('says – for no value', () => {
    expect(formatPercent(undefined)).toBe('–');
    expect(formatPercent(NaN)).toBe('–');
  });
});
