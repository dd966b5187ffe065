import { badInput } from '../engine/common/errors.ts';
import { LocalStore } from './local/local.ts';

/**
 * What a `--store` value (or the API's `store` string) names. A value with a URL scheme is never
 * taken for a folder: `s3://snaps/db` once quietly became a local `./s3:/snaps/db`.
 */
export type StoreLocation = { kind: 'local'; dir: string } | { kind: 'url'; scheme: string; url: URL };

/** Schemes a store backend answers to; others are refused with the list. */
export const STORE_SCHEMES: readonly string[] = [];

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

/** The store a `--store` value names; only local directories until the object-store backends land. */
export function storeFor(value: string, inputName = '--store'): LocalStore {
  const loc = parseStoreLocation(value, inputName);
  if (loc.kind !== 'local') throw badInput(`${inputName}: ${loc.scheme}:// stores are not available in this build; give a directory`);
  return new LocalStore(loc.dir);
}
