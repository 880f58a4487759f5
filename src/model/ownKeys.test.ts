import { ownValue, recordFrom } from './ownKeys';

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('own keys', () => {
  it.each(PROTO_KEYS)('%s is not found in an empty record', (k) => {
    expect(ownValue({}, k)).toBeUndefined();
  });

  it.each(PROTO_KEYS)('%s round-trips as an own key', (k) => {
    const r = recordFrom([[k, 'v']]);
    expect(Object.keys(r)).toEqual([k]);
    expect(ownValue(r, k)).toBe('v');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
