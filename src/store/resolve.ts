import { badInput } from '../engine/common/errors.ts';
import { LocalStore } from './local/local.ts';
import { LocalSeedStore } from './seed/local.ts';
import type { SeedStore } from './seed/store.ts';
import type { HistoryStore } from './store.ts';

/**
 * What a `--store` value (or the API's `store` string) names. A value with a URL scheme is never
 * taken for a folder: `s3://snaps/db` once quietly became a local `./s3:/snaps/db`.
 */
export type StoreLocation = { kind: 'local'; dir: string } | { kind: 'url'; scheme: string; url: URL };

/**
 * The store backends by URL scheme. Each factory loads its backend (and with it its SDK) only when
 * asked, through a dynamic import(), so that a command on a local directory never loads the AWS or
 * Azure SDK. `inputName` is the option the URL came from, for messages.
 */
type StoreFactory = (url: URL, inputName: string) => Promise<HistoryStore>;
const BACKENDS: Record<string, StoreFactory> = {
  s3: async (url, inputName) => (await import('./s3/s3.ts')).s3Store(url, inputName),
  abs: async (url, inputName) => (await import('./azure/azure.ts')).azureStore(url, inputName),
  oci: async (url, inputName) => (await import('./oci/oci.ts')).ociStore(url, inputName),
};

/** Schemes a store backend answers to; others are refused with the list. */
export const STORE_SCHEMES: readonly string[] = Object.keys(BACKENDS);

/** `C:\snaps` is a Windows path, not a URL with scheme `c`. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//;

export function parseStoreLocation(value: string, inputName = '--store'): StoreLocation {
  if (value.trim() === '') throw badInput(`${inputName}: is empty; give a directory, for example ${inputName} ./snapshots`);
  const m = SCHEME.exec(value) ?? /^(file):/.exec(value);
  if (!m) return { kind: 'local', dir: value };
  const scheme = (m[1] as string).toLowerCase();
  if (scheme === 'file') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badInput(`${inputName}: "${value}" is not a file URL; give a directory path instead`);
    }
    return { kind: 'local', dir: decodeURIComponent(url.pathname) };
  }
  if (!STORE_SCHEMES.includes(scheme)) {
    const known = ['a directory', ...STORE_SCHEMES.map((s) => `${s}://…`)].join(', ');
    throw badInput(`${inputName}: "${scheme}://" is not a store this sqlite-snapshot knows; give ${known}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(`${inputName}: "${value}" is not a valid ${scheme}:// URL; check its spelling`);
  }
  return { kind: 'url', scheme, url };
}

/** The store a `--store` value names: a local directory, or an object store by its URL. */
export async function storeFor(value: string, inputName = '--store'): Promise<HistoryStore> {
  const loc = parseStoreLocation(value, inputName);
  if (loc.kind === 'local') return new LocalStore(loc.dir);
  return (BACKENDS[loc.scheme] as StoreFactory)(loc.url, inputName);
}

/** Where `seed` keeps seeds for a `--store` value: `<dir>/.seeds/`, or `.seeds/` under an object store's prefix. */
export async function seedStoreFor(value: string, inputName = '--store'): Promise<SeedStore> {
  const loc = parseStoreLocation(value, inputName);
  if (loc.kind === 'local') return new LocalSeedStore(loc.dir);
  const seeds = (await storeFor(value, inputName)).seedStore?.();
  if (!seeds) throw badInput(`${inputName}: ${loc.scheme}:// stores keep no seeds; give a directory or another store`);
  return seeds;
}
