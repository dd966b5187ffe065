import path from 'node:path';
import { badInput } from '../../engine/common/errors.ts';
import type { Manifest } from '../../engine/manifest/manifest.ts';

/**
 * With no `path` input, each database goes back where the snapshot step found it, as recorded in
 * the manifest. Only a path relative to the workspace and staying inside it is trusted: an
 * artifact from another run or repository must not be able to choose where we write.
 */
export function defaultTargets(manifest: Manifest): string[] {
  return manifest.databases.map((e) => {
    const rel = e.source.replace(/\\/g, '/');
    const norm = path.posix.normalize(rel);
    if (path.posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || norm === '..' || norm.startsWith('../') || norm === '.') {
      throw badInput(`path: is empty and ${e.name} was snapshotted from ${e.source}, outside the workspace; give path (where to restore it)`);
    }
    return `${e.name}=${norm}`;
  });
}
