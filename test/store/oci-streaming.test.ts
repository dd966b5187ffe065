// The oci:// store pushes each database blob while the engine writes it, as a chunked upload (helpers/streaming-suite.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ociStore } from '../../src/store/oci/oci.ts';
import { startRegistry } from '../e2e/helpers/registry.ts';
import { streamingSuite } from './helpers/streaming-suite.ts';

streamingSuite('oci', async () => {
  const registry = await startRegistry();
  const home = mkdtempSync(path.join(os.tmpdir(), 'oci-home-'));
  const pathOf = (url: string): string => new URL(url, 'http://x').pathname;
  return {
    origin: registry.url,
    store: (via, prefix, tempRoot) => ociStore(new URL(`oci://${new URL(via).host}/${prefix}`), '--store', { env: { HOME: home }, tempRoot }),
    visible: async (prefix) => {
      const res = await fetch(`${registry.url}/v2/${prefix}/tags/list`);
      return res.status === 404 ? [] : (((await res.json()) as { tags?: string[] | null }).tags ?? []);
    },
    partSize: 8 << 20,
    isPart: (r) => r.method === 'PATCH',
    // The PUT that closes an upload whose bytes came in PATCHes (not a whole small blob's PUT).
    isComplete: (r, before) => r.method === 'PUT' && /[?&]digest=/.test(r.url) && before.some((b) => b.method === 'PATCH' && pathOf(b.url) === pathOf(r.url)),
    isAbort: (r) => r.method === 'DELETE' && /\/blobs\/uploads\//.test(r.url),
    markers: false,
    throttleBody: () => JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }),
    stop: async () => {
      await registry.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
});
