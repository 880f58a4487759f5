import { errorMessage, lineFields } from './logLines';

const entry = (line: string, labels: Record<string, string> = {}) => ({ tsNs: '1', tsMs: 0, line, labels });

describe('lineFields', () => {
  it('reads top-level scalar JSON fields; extracted labels win', () => {
    expect(lineFields(entry('{"asset":"a","n":3,"ok":true,"nested":{"x":1}}', { asset: 'b' }))).toEqual({
      asset: 'b',
      n: '3',
      ok: 'true',
    });
  });
  it('keeps fields named like Object.prototype members as own fields', () => {
    const f = lineFields(entry('{"__proto__":"p","constructor":"c"}'));
    expect(Object.keys(f).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
  });
  it('falls back to the labels for a non-JSON line', () => {
    expect(lineFields(entry('plain text', { level: 'info' }))).toEqual({ level: 'info' });
  });
});

describe('errorMessage', () => {
  it('prefers error_message with its type, then other message fields, then the line', () => {
    expect(errorMessage({ error_message: 'boom', error_type: 'ValueError' }, 'l')).toBe('ValueError: boom');
    expect(errorMessage({ msg: 'hi' }, 'l')).toBe('hi');
    expect(errorMessage({}, 'raw line')).toBe('raw line');
  });
});
