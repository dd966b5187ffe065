import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Azurite's documented development account: https://learn.microsoft.com/azure/storage/common/storage-use-azurite */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const root = path.resolve(import.meta.dirname, '../../..');

export interface Azurite {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  accountUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`azurite exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`azurite did not listen on ${port} within ${ms} ms`);
}

/** The real Azure Blob emulator, run with this Node (24: Azurite needs >= 22). */
export async function startAzurite(): Promise<Azurite> {
  const location = await fsp.mkdtemp(path.join(os.tmpdir(), 'azurite-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/azurite/dist/src/blob/main.js'), '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location, '--silent', '--skipApiVersionCheck', '--disableTelemetry'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, 20_000);
  } catch (err) {
    child.kill();
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  return {
    accountUrl: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // Its data lives in a temp directory we delete: no graceful shutdown needed (SIGTERM takes ~10 s).
        child.kill('SIGKILL');
        await exited;
      }
      await fsp.rm(location, { recursive: true, force: true });
    },
  };
}
