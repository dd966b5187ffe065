import * as core from '@actions/core';
import type { Store } from '../../api/index.ts';
import { readManifest } from '../../engine/manifest/manifest.ts';
import { logEntry } from '../report.ts';

/** How long the snapshot and its upload took, for the step's closing line. */
export interface Timing {
  snapMs: number;
  upMs: number;
}

/**
 * The store with each upload in a log group of its own, timed: snapshot() publishes inside, and
 * the step still logs each database before the upload starts (a failed upload still shows what
 * was taken), then how long the snapshot and the upload each took. `ready`: checks the upload
 * needs, awaited before anything is logged.
 */
export function loggedUpload(store: Store, title: string, onCommitted: (t: Timing) => void, ready?: Promise<unknown>): Store {
  return {
    description: store.description,
    open: (name, select) => store.open(name, select),
    list: (name) => store.list(name),
    begin: async (name) => {
      const staging = await store.begin(name);
      const t0 = performance.now();
      return {
        dir: staging.dir,
        ...(staging.scratch !== undefined ? { scratch: staging.scratch } : {}),
        ...(staging.onStoredFile ? { onStoredFile: staging.onStoredFile.bind(staging) } : {}),
        ...(staging.checkAfterCopy !== undefined ? { checkAfterCopy: staging.checkAfterCopy } : {}),
        abort: () => staging.abort(),
        commit: async () => {
          const snapMs = performance.now() - t0;
          // Checks that ran beside the snapshot: refused, nothing is logged as taken.
          await ready;
          for (const e of (await readManifest(staging.dir)).databases) await logEntry(e);
          const t1 = performance.now();
          const published = await core.group(title, () => staging.commit());
          onCommitted({ snapMs, upMs: performance.now() - t1 });
          return published;
        },
      };
    },
  };
}
