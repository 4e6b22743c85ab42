/**
 * The value a record holds under `key` as its own property, never one
 * inherited from Object.prototype: an id such as "constructor" or
 * "__proto__" names nothing.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
