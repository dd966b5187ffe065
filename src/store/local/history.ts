import { SnapshotError, oneLine } from '../../engine/common/errors.ts';
import { readManifest } from '../../engine/manifest/manifest.ts';
import type { GenerationInfo, Store } from '../store.ts';
import { type Verification, readVerification } from './verification.ts';

/** One generation as `list` shows it: the facts of its manifest and its verification record. */
export interface GenerationSummary extends GenerationInfo {
  databases: { name: string; rawSize: number; storedSize: number; method: string; copy: string; compression: string; integrity: boolean | null }[];
  rawSize: number;
  storedSize: number;
  /** The record of the last verification, or null when it was never verified. */
  verified: Verification | null;
  /** Set when the manifest cannot be read: the generation is damaged. */
  error?: string;
}

export async function summarize(store: Pick<Store, 'list'>, name?: string): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  for (const g of await store.list(name)) {
    const verified = (await readVerification(g.dir)) ?? null;
    try {
      const m = await readManifest(g.dir);
      const databases = m.databases.map((e) => ({
        name: e.name,
        rawSize: e.rawSize,
        storedSize: e.storedSize,
        method: e.method,
        copy: e.copy,
        compression: e.compression,
        integrity: e.integrity.ok,
      }));
      out.push({
        ...g,
        databases,
        rawSize: databases.reduce((a, d) => a + d.rawSize, 0),
        storedSize: databases.reduce((a, d) => a + d.storedSize, 0),
        verified,
      });
    } catch (err) {
      // Pruned between listing and reading: not a damaged generation, just gone.
      if (err instanceof SnapshotError && err.kind === 'not-found') continue;
      out.push({ ...g, databases: [], rawSize: 0, storedSize: 0, verified, error: oneLine(err) });
    }
  }
  return out;
}
