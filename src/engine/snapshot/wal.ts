import { promises as fsp } from 'node:fs';
import os from 'node:os';

/**
 * Can a plain read of the main database file be trusted while we hold an open read transaction?
 *
 * In WAL mode, a checkpoint copies committed pages from the `-wal` into the main file, but only up
 * to the oldest frame a reader still needs, and never at all while a reader holds read-mark 0 (a
 * reader that began while the WAL held nothing un-checkpointed). So once our read transaction has
 * begun, the main file is frozen for as long as it lasts if, observed *after* the begin:
 *  - the `-wal` is absent or empty: we began on read-mark 0; or
 *  - the wal-index says every frame up to the newest commit is already backfilled (nBackfill ≥
 *    mxFrame): our snapshot's frames are all in the main file already, and no checkpoint may go past
 *    our mark, nor restart the WAL under us.
 * mxFrame is read strictly before nBackfill; both only grow while we hold a mark, so
 * nBackfill(later) ≥ mxFrame(earlier) ≥ our mark. Anything else (no `-shm`, a header caught
 * mid-update, frames not yet backfilled) answers false and the caller uses the backup API.
 */
export type WalState = 'no-wal' | 'empty-wal' | 'backfilled' | 'pending-frames' | 'unknown';

const HDR_SIZE = 48;
const CKPT_OFFSET = 96;
const WAL_INDEX_VERSION = 3007000;

/**
 * `holdOpen` receives the `-shm` handle instead of it being closed here: closing any descriptor
 * of a file drops every POSIX lock this process holds on it, including SQLite's read-mark lock
 * in the `-shm` that protects our snapshot. The caller closes it after the connection is closed.
 */
export async function walState(dbPath: string, holdOpen: fsp.FileHandle[]): Promise<WalState> {
  const wal = await fsp.stat(`${dbPath}-wal`).catch(() => undefined);
  if (!wal) return 'no-wal';
  if (wal.size === 0) return 'empty-wal';
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(`${dbPath}-shm`, 'r');
  } catch {
    return 'unknown';
  }
  holdOpen.push(fh);
  {
    const hdr = Buffer.alloc(HDR_SIZE * 2);
    if ((await fh.read(hdr, 0, hdr.length, 0)).bytesRead !== hdr.length) return 'unknown';
    const ckpt = Buffer.alloc(4);
    if ((await fh.read(ckpt, 0, 4, CKPT_OFFSET)).bytesRead !== 4) return 'unknown';
    // The wal-index lives in shared memory, so it uses the machine's own byte order.
    const le = os.endianness() === 'LE';
    const u32 = (b: Buffer, off: number): number => (le ? b.readUInt32LE(off) : b.readUInt32BE(off));
    const a = hdr.subarray(0, HDR_SIZE);
    const b = hdr.subarray(HDR_SIZE);
    if (!a.equals(b) || u32(a, 0) !== WAL_INDEX_VERSION || a[12] !== 1) return 'unknown';
    const mxFrame = u32(a, 16);
    const nBackfill = u32(ckpt, 0);
    return nBackfill >= mxFrame ? 'backfilled' : 'pending-frames';
  }
}

export function fileIsFrozen(state: WalState): boolean {
  return state === 'no-wal' || state === 'empty-wal' || state === 'backfilled';
}
