import { badInput } from '../engine/common/errors.ts';
import { readManifest, type Manifest } from '../engine/manifest/manifest.ts';
import type { StreamedSnapshot } from '../engine/restore/restore.ts';
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

interface OpenedBase {
  name: string;
  /** Undefined for a snapshot directory (`dir`). */
  generation?: string;
  /** The store it came from; undefined for `dir`. */
  store?: Store;
  close(): Promise<void>;
}

/** A snapshot as files: a manifest and its data files in `dir`. */
export interface OpenedSnapshot extends OpenedBase {
  dir: string;
}

/** A snapshot read once as it downloads (a store's openStream): the manifest first, then the data. */
export interface OpenedStreamed extends OpenedBase {
  snapshot: StreamedSnapshot;
}

type Chosen = { dir: string } | { store: Store; name: string; select: Selector };

/** What the selection names, each option checked; nothing is opened yet. */
async function choose(sel: SnapshotSelection, verb: string): Promise<Chosen> {
  if (sel.dir !== undefined) {
    if (sel.store !== undefined || sel.name !== undefined) throw badInput(`${verb}: give either dir, or store and name, not both`);
    if (typeof sel.dir !== 'string' || sel.dir.trim() === '') throw badInput(`${verb}: dir is empty; give the snapshot directory's path`);
    return { dir: sel.dir };
  }
  if (sel.store === undefined) throw badInput(`${verb}: no store given; pass store (a directory or a Store) and name, or dir`);
  const store = await storeOf(sel.store);
  if (sel.name === undefined) throw badInput(`${verb}: no name given; pass the snapshot's name, for example name: 'nightly'`);
  const name = validateName(sel.name, 'name');
  const select: Selector = {};
  if (sel.generation !== undefined) select.generation = sel.generation;
  const at = timeOf(sel.at, 'at');
  if (at) select.at = at;
  return { store, name, select };
}

async function openChosen(chosen: Chosen): Promise<OpenedSnapshot> {
  if ('dir' in chosen) {
    const manifest = await readManifest(chosen.dir);
    return { name: manifest.name, dir: chosen.dir, close: async () => {} };
  }
  const opened = await chosen.store.open(chosen.name, chosen.select);
  return { name: opened.name, generation: opened.generation, dir: opened.dir, store: chosen.store, close: () => opened.close() };
}

export async function openSnapshot(sel: SnapshotSelection, verb: string): Promise<OpenedSnapshot> {
  return openChosen(await choose(sel, verb));
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

/**
 * Runs `fn` on the snapshot read once: as it downloads where the store offers that (openStream),
 * else as files. The whole read goes through the store's retryDamaged, where it has one, so a
 * download damaged on the way is read once more.
 */
export async function withReadOnce<T>(sel: SnapshotSelection, verb: string, fn: (opened: OpenedSnapshot | OpenedStreamed) => Promise<T>): Promise<T> {
  const chosen = await choose(sel, verb);
  const read = async (): Promise<T> => {
    const opened = await openOnce(chosen);
    try {
      return await fn(opened);
    } finally {
      await opened.close();
    }
  };
  const store = 'store' in chosen ? chosen.store : undefined;
  return store?.retryDamaged ? store.retryDamaged(read) : read();
}

async function openOnce(chosen: Chosen): Promise<OpenedSnapshot | OpenedStreamed> {
  if ('store' in chosen && chosen.store.openStream) {
    const s = await chosen.store.openStream(chosen.name, chosen.select);
    if (s) return { name: s.name, generation: s.generation, snapshot: s.snapshot, store: chosen.store, close: () => s.close() };
  }
  return openChosen(chosen);
}

/** The manifest of an opened snapshot: streamed ones carry it, a directory holds it. */
export async function manifestOf(opened: OpenedSnapshot | OpenedStreamed): Promise<Manifest> {
  return 'snapshot' in opened ? opened.snapshot.manifest : readManifest(opened.dir);
}
