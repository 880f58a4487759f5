import { hashSeed, mulberry32, randInt } from './prng';

test('same seed, same sequence; different seeds differ; values in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const sa = Array.from({ length: 1000 }, a);
  expect(Array.from({ length: 1000 }, b)).toEqual(sa);
  expect(Array.from({ length: 1000 }, c)).not.toEqual(sa);
  expect(sa.every((v) => v >= 0 && v < 1)).toBe(true);
  // Roughly uniform: mean near 0.5.
  expect(Math.abs(sa.reduce((x, y) => x + y, 0) / sa.length - 0.5)).toBeLessThan(0.05);
});

test('hashSeed separates parts and randInt stays in bounds', () => {
  expect(hashSeed(1, 'ab', 'c')).not.toBe(hashSeed(1, 'a', 'bc'));
  expect(hashSeed(1, 'x', 0)).toBe(hashSeed(1, 'x', 0));
  const r = mulberry32(5);
  const ints = Array.from({ length: 500 }, () => randInt(r, 1, 3));
  expect(new Set(ints)).toEqual(new Set([1, 2, 3]));
});
