import { SnapshotError, oneLine } from '../../engine/common/errors.ts';
import { readManifest } from '../../engine/manifest/manifest.ts';
import type { GenerationSummary, Store } from '../store.ts';
import { damagedSummary, summaryOf } from '../summary.ts';
import { readVerification } from './verification.ts';

export type { GenerationSummary };

/** The generations of a store whose generations are local directories, summarized from their files. */
export async function summarize(store: Pick<Store, 'list'>, name?: string): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  for (const g of await store.list(name)) {
    const verified = (await readVerification(g.dir)) ?? null;
    try {
      out.push(summaryOf(g, await readManifest(g.dir), verified));
    } catch (err) {
      // Pruned between listing and reading: not a damaged generation, just gone.
      if (err instanceof SnapshotError && err.kind === 'not-found') continue;
      out.push(damagedSummary(g, verified, oneLine(err)));
    }
  }
  return out;
}
