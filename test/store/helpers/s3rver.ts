import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** s3rver's one built-in account: any other key is refused (InvalidAccessKeyId), as S3 would. */
export const S3RVER_KEY = { id: 'S3RVER', secret: 'S3RVER' };

export interface S3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** The variables a client needs: endpoint, region and the account's keys. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: { closeAllConnections(): void };
}

/**
 * npm's s3rver (unmaintained, the S3 lookalike that installs from npm): in this process, its
 * objects in a temp directory, the buckets made at start. It checks signatures, but not
 * If-None-Match, nor checksums (docs/stores.md says what else it does not check).
 */
export async function startS3rver(buckets: string[]): Promise<S3Server> {
  const S3rver = createRequire(import.meta.url)('s3rver') as new (opts: object) => S3rverInstance;
  const directory = mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: { AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: S3RVER_KEY.id, AWS_SECRET_ACCESS_KEY: S3RVER_KEY.secret },
    stop: async () => {
      // A download a client gave up midway (a restore refused at its first frame) may still be
      // streaming to a forwarder that is gone: close() alone would wait for it forever.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
