import { readManifest } from '../../engine/manifest/manifest.ts';
import type { LocalSeedStore } from './local.ts';

export interface SeedSummary {
  key: string;
  createdAt: string;
  dir: string;
  databases: string[];
  rawSize: number;
  storedSize: number;
  /** Set when the manifest cannot be read: the seed is damaged. */
  error?: string;
}

/** The seeds of a local store with their manifests' figures, oldest first (for `list`). */
export async function summarizeSeeds(store: LocalSeedStore): Promise<SeedSummary[]> {
  const out: SeedSummary[] = [];
  for (const s of await store.list()) {
    try {
      const m = await readManifest(s.dir);
      out.push({
        ...s,
        databases: m.databases.map((d) => d.name),
        rawSize: m.databases.reduce((a, d) => a + d.rawSize, 0),
        storedSize: m.databases.reduce((a, d) => a + d.storedSize, 0),
      });
    } catch (err) {
      out.push({ ...s, databases: [], rawSize: 0, storedSize: 0, error: (err as Error).message });
    }
  }
  return out;
}
