import { logLineParts, logSummary, prettyLogBody } from './logLine';

describe('logSummary', () => {
  it('puts the message first, the error next and the ids last', () => {
    const line = JSON.stringify({
      event: 'asset_failed',
      asset_name: 'fct_glucose_readings',
      level: 'error',
      trace_id: 't',
      span_id: 's',
      run_id: 'c4711a0b2c3d',
      phase: 'validate',
      status: 'failure',
      error_type: 'SchemaError',
      error_message: 'column glucose_mg_dl missing',
      timestamp: '2024',
    });
    expect(logSummary(line)).toBe(
      'asset_failed error_message="column glucose_mg_dl missing" error_type=SchemaError phase=validate status=failure run_id=c4711a0b2c3d'
    );
  });

  it('keeps the logger order among ordinary fields and uses message or msg when there is no event', () => {
    const line = JSON.stringify({ event: 'validation_complete', total_rows: 487, note: 'two bad rows', ok: true });
    expect(logSummary(line)).toBe('validation_complete total_rows=487 note="two bad rows" ok=true');
    expect(logSummary('{"msg":"hello","x":1}')).toBe('hello x=1');
  });

  it('leaves plain text and broken JSON alone', () => {
    expect(logSummary('level=info msg="plain"')).toBe('level=info msg="plain"');
    expect(logSummary('{"not json')).toBe('{"not json');
    expect(logSummary('[1,2]')).toBe('[1,2]');
  });
});

describe('logLineParts', () => {
  it('splits a JSON line into its message and ordered fields', () => {
    expect(logLineParts('{"event":"x","runId":"r1","error":"boom"}')).toEqual({
      message: 'x',
      fields: [
        ['error', 'boom'],
        ['runId', 'r1'],
      ],
    });
    expect(logLineParts('plain')).toBeUndefined();
  });
});

describe('prettyLogBody', () => {
  it('indents JSON and leaves anything else as it is', () => {
    expect(prettyLogBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyLogBody('plain')).toBe('plain');
  });
});
