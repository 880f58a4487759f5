/**
 * Lookups and builds keyed by data (asset names, log fields, tag keys). A plain `{}` indexed by
 * `constructor` or `__proto__` reaches Object.prototype, and assigning `__proto__` is dropped.
 */

/** The value stored under `key` itself, never an inherited one. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A record from entries; every key, `__proto__` included, becomes an own property. */
export function recordFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries);
}
