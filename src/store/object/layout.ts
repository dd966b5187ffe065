import { MANIFEST_FILE } from '../../engine/manifest/manifest.ts';
import { isGenerationId, validateName } from '../names.ts';
import { VERIFICATION_FILE } from '../summary.ts';

/**
 * Where things live in an object store, below the --store URL's prefix (docs/stores.md):
 *
 *   <name>/<generation>/manifest.json       written last: the generation exists once it does
 *   <name>/<generation>/<data file>         one per database, as the manifest names them
 *   <name>/<generation>/verification.json   the last verify's result; the one object replaced
 *   <name>/<generation>/.upload.json        while a snapshot uploads: who, since when (UploadMarker)
 *
 * Names never start with "." (validateName), so every top-level key that does is free for what
 * all names share. Reserved for the next step, generations that store only the pages that
 * changed: `.pages/sha256/<hh>/<hash>` content-addressed page packs, referenced from a
 * per-generation index beside its manifest (`<name>/<generation>/index.json`, named by a manifest
 * of a newer format version, which older readers refuse rather than misread).
 */
export const MARKER_FILE = '.upload.json';

export const generationPrefix = (name: string, generation: string): string => `${name}/${generation}/`;
export const objectKey = (name: string, generation: string, file: string): string => `${name}/${generation}/${file}`;
export const manifestKey = (name: string, generation: string): string => objectKey(name, generation, MANIFEST_FILE);
export const verificationKey = (name: string, generation: string): string => objectKey(name, generation, VERIFICATION_FILE);
export const markerKey = (name: string, generation: string): string => objectKey(name, generation, MARKER_FILE);

/** A key split into name, generation and file, or undefined when it is not one of a generation's objects. */
export function parseKey(key: string): { name: string; generation: string; file: string } | undefined {
  const parts = key.split('/');
  if (parts.length !== 3) return undefined;
  const [name, generation, file] = parts as [string, string, string];
  if (!isGenerationId(generation) || file === '' || !isName(name)) return undefined;
  return { name, generation, file };
}

function isName(name: string): boolean {
  try {
    validateName(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The in-flight marker: put first (conditionally, so it also reserves the generation id), deleted
 * once the manifest is in. A generation without a manifest whose marker names a process of this
 * host that is gone, or is older than STALE_UPLOAD_MS, is a crashed upload that sweep removes; a
 * generation with neither is what a killed prune or abort left, removed at once.
 */
export interface UploadMarker {
  host: string;
  pid: number;
  startedAt: string;
  /** Tells our own marker from another writer's that took the same id. */
  nonce: string;
}

/** A writer on another host is judged by age alone: no upload runs this long. */
export const STALE_UPLOAD_MS = 24 * 3600_000;

export function parseMarker(text: string): UploadMarker | undefined {
  try {
    const m = JSON.parse(text) as Partial<UploadMarker>;
    if (typeof m.host !== 'string' || typeof m.pid !== 'number' || typeof m.startedAt !== 'string' || typeof m.nonce !== 'string') return undefined;
    return { host: m.host, pid: m.pid, startedAt: m.startedAt, nonce: m.nonce };
  } catch {
    return undefined;
  }
}
