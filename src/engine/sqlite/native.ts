import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * better-sqlite3 ships one prebuilt addon per platform. Unbundled, it finds its own; inside our
 * ncc bundle its lookup needs `__dirname`, which an ES module does not have, so dist/ carries
 * the addons once in `dist/prebuilds/`, beside the bundle that holds this module, for every entry,
 * and we load the right one here (scripts/bundle.js).
 */
export type PrebuildName =
  | 'linux-x64'
  | 'linux-arm64'
  | 'linuxmusl-x64'
  | 'linuxmusl-arm64'
  | 'darwin-x64'
  | 'darwin-arm64'
  | 'win32-x64'
  | 'win32-arm64';

export function prebuildName(platform: string, arch: string, musl: boolean): PrebuildName | undefined {
  if (arch !== 'x64' && arch !== 'arm64') return undefined;
  if (platform === 'linux') return `${musl ? 'linuxmusl' : 'linux'}-${arch}`;
  if (platform === 'darwin' || platform === 'win32') return `${platform}-${arch}`;
  return undefined;
}

/** musl is told apart by the dynamic loader mapped into this process, as better-sqlite3 itself does. */
export function isMusl(procMaps?: string): boolean {
  if (procMaps === undefined) {
    if (process.platform !== 'linux') return false;
    try {
      procMaps = readFileSync('/proc/self/maps', 'latin1');
    } catch {
      return false;
    }
  }
  return /\/ld-musl-[^/\s]*\.so/.test(procMaps);
}

let cached: object | null | undefined;

/** The addon object for better-sqlite3's `nativeBinding` option, or undefined to let it search. */
export function nativeBinding(): object | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const name = prebuildName(process.platform, process.arch, isMusl());
  const file = name && path.join(here, 'prebuilds', `${name}.node`);
  if (file && existsSync(file)) {
    cached = createRequire(import.meta.url)(file) as object;
  } else if (existsSync(path.join(here, 'prebuilds'))) {
    throw new Error(
      `no SQLite addon for ${process.platform}-${process.arch}${isMusl() ? ' (musl)' : ''}; supported: Linux (glibc or musl), macOS and Windows on x64 or arm64`,
    );
  } else {
    cached = null;
  }
  return cached ?? undefined;
}
