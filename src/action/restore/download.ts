import * as core from '@actions/core';
import type { Store } from '../../api/index.ts';

/** What opening the artifact took: the step logs it, and names the download in errors about its files. */
export interface Download {
  generation: string;
  dir: string;
  ms: number;
}

/**
 * The store with its download in a log group of its own, timed: restore() opens the snapshot
 * inside, and the step still shows the download apart from the restore.
 */
export function loggedDownload(store: Store, title: string, onOpened: (d: Download) => void): Store {
  return {
    description: store.description,
    begin: (name) => store.begin(name),
    list: (name) => store.list(name),
    open: async (name, select) => {
      const t0 = performance.now();
      const opened = await core.group(title, () => store.open(name, select));
      onOpened({ generation: opened.generation, dir: opened.dir, ms: performance.now() - t0 });
      return opened;
    },
  };
}
