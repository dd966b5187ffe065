import { badInput } from '../engine/common/errors.ts';
import { readManifest } from '../engine/manifest/manifest.ts';
import { validateName } from '../store/names.ts';
import type { Selector, Store } from '../store/store.ts';
import { storeOf, timeOf } from './options.ts';

/**
 * Which snapshot restore, verify and inspect read: a generation of a name in a store (the newest,
 * or one chosen by id or time), or a snapshot directory written by `snapshot({ outDir })`.
 */
export interface SnapshotSelection {
  /** The store: a Store object, or a directory path. Give this and `name`, or `dir`. */
  store?: Store | string;
  /** The snapshot name in the store. */
  name?: string;
  /** One generation by id (as `list` shows them); default: the newest. */
  generation?: string;
  /** The newest generation taken at or before this time (a Date or ISO 8601 string). */
  at?: Date | string;
  /** A snapshot directory (manifest.json and its data files) instead of a store. */
  dir?: string;
}

export interface OpenedSnapshot {
  name: string;
  /** Undefined for a snapshot directory (`dir`). */
  generation?: string;
  dir: string;
  /** The store it came from; undefined for `dir`. */
  store?: Store;
  close(): Promise<void>;
}

export async function openSnapshot(sel: SnapshotSelection, verb: string): Promise<OpenedSnapshot> {
  if (sel.dir !== undefined) {
    if (sel.store !== undefined || sel.name !== undefined) throw badInput(`${verb}: give either dir, or store and name, not both`);
    if (typeof sel.dir !== 'string' || sel.dir.trim() === '') throw badInput(`${verb}: dir is empty; give the snapshot directory's path`);
    const manifest = await readManifest(sel.dir);
    return { name: manifest.name, dir: sel.dir, close: async () => {} };
  }
  if (sel.store === undefined) throw badInput(`${verb}: no store given; pass store (a directory or a Store) and name, or dir`);
  const store = await storeOf(sel.store);
  if (sel.name === undefined) throw badInput(`${verb}: no name given; pass the snapshot's name, for example name: 'nightly'`);
  const name = validateName(sel.name, 'name');
  const select: Selector = {};
  if (sel.generation !== undefined) select.generation = sel.generation;
  const at = timeOf(sel.at, 'at');
  if (at) select.at = at;
  const opened = await store.open(name, select);
  return { name: opened.name, generation: opened.generation, dir: opened.dir, store, close: () => opened.close() };
}

/** Runs `fn` on the opened snapshot and releases it after, whatever happens. */
export async function withSnapshot<T>(sel: SnapshotSelection, verb: string, fn: (opened: OpenedSnapshot) => Promise<T>): Promise<T> {
  const opened = await openSnapshot(sel, verb);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}
