import { badInput } from '../engine/common/errors.ts';
import { storeFor } from '../store/resolve.ts';
import type { Store } from '../store/store.ts';

/**
 * Checks of what a caller passes: JavaScript callers get no help from the types, so a wrong value
 * is refused with one line naming the option, as the CLI names its flag.
 */
export function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw badInput(`${option}: "${String(value)}" is not one of ${allowed.join(', ')}; choose one of them`);
  return value;
}

export function intIn(value: number | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${option}: ${String(value)} is not an integer from ${min} to ${max}; give one in that range`);
  }
  return value;
}

/** A Store as given, or the store a string names (a directory, or an object store's URL; see store/resolve.ts). */
export async function storeOf(store: Store | string | undefined, option = 'store'): Promise<Store> {
  if (typeof store === 'string') return storeFor(store, option);
  if (store && typeof store.begin === 'function' && typeof store.open === 'function' && typeof store.list === 'function') return store;
  throw badInput(`${option}: give a directory path or a Store object (new LocalStore(dir))`);
}

/** The paths of one or several databases, as `snapshot(sources)` and `seed({ paths })` take them. */
export function pathList(value: string | readonly string[] | undefined, option: string, example: string): string[] {
  const list = typeof value === 'string' ? [value] : [...(value ?? [])];
  if (list.length === 0) throw badInput(`${option}: no database given; name at least one database file (${example})`);
  for (const p of list) if (typeof p !== 'string' || p.trim() === '') throw badInput(`${option}: a database path is empty; give the file's path`);
  return list;
}

/** An `at` time as a Date or an ISO 8601 string. */
export function timeOf(value: Date | string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(t.getTime())) throw badInput(`${option}: "${String(value)}" is not a time; give a Date or ISO 8601, for example 2026-11-25T12:00:00Z`);
  return t;
}
