import { shortTraceId, SHORT_TRACE_ID_LENGTH } from './format';

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
