import { readSync } from 'node:fs';
import os from 'node:os';
import type { DB } from '../sqlite/sqlite.ts';

/**
 * A WAL-mode snapshot read straight from the files, without the backup API, when the WAL holds
 * frames not yet checkpointed (the case wal.ts cannot handle: the main file is not frozen then).
 *
 * Our read transaction sees the database as of the wal-index header it read at BEGIN: every page's
 * newest frame among frames 1..mxFrame of the `-wal`, else the page in the main file, for nPage
 * pages. We pin exactly that header: read it, BEGIN and take the read lock, read it again; equal
 * twice (it holds iChange, bumped by every commit and every WAL restart) means BEGIN saw this one.
 * While we hold that read transaction, with nBackfill < mxFrame when it began (so SQLite gave us a
 * read-mark slot other than 0):
 *  - no checkpoint backfills past our read-mark (≤ mxFrame), so a checkpoint only ever writes pages
 *    that have a frame in 1..mxFrame. Those we read from the `-wal`; every other page of the main
 *    file stays untouched and we read it from there;
 *  - the WAL cannot be restarted (that needs every read-mark slot but 0 free), so frames 1..mxFrame
 *    are never overwritten; new commits only append after them.
 * So the page plan built here reads a consistent image of our snapshot while writers carry on and
 * checkpoints run. Anything unexpected (headers that differ, a salt mismatch, a page nowhere)
 * answers undefined and the caller uses the backup API. The `-shm` and `-wal` descriptors are
 * the caller's and stay open until the connection is closed (closing one would drop SQLite's locks).
 */

export interface WalPlan {
  pageSize: number;
  /** Pages in our snapshot. */
  pages: number;
  /** Frames 1..mxFrame of the WAL that our snapshot covers. */
  frames: number;
  /** Pages taken from the WAL (the newest frame of each). */
  walPages: number;
  /** [file (0 main, 1 wal), offset, length] triples, in page order, adjacent main-file pages merged. */
  segments: number[];
}

const SHM_HDR = 48;
const NBACKFILL = 96;
const WAL_INDEX_VERSION = 3007000;
const WAL_HDR = 32;
const FRAME_HDR = 24;
/** Tries at pinning the header before giving up: under a writer committing back to back, a few lose the race. */
const ATTEMPTS = 50;

function readExact(fd: number, length: number, position: number, into?: Buffer): Buffer | undefined {
  const buf = into ? into.subarray(0, length) : Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) return undefined;
    got += n;
  }
  return buf;
}

interface IndexHeader {
  bytes: Buffer;
  mxFrame: number;
  nPage: number;
  pageSize: number;
  salt: Buffer;
}

function readIndexHeader(shmFd: number): IndexHeader | undefined {
  const both = readExact(shmFd, SHM_HDR * 2, 0);
  if (!both) return undefined;
  const a = both.subarray(0, SHM_HDR);
  if (!a.equals(both.subarray(SHM_HDR)) || a[12] !== 1) return undefined;
  const le = os.endianness() === 'LE';
  const u32 = (off: number): number => (le ? a.readUInt32LE(off) : a.readUInt32BE(off));
  const u16 = le ? a.readUInt16LE(14) : a.readUInt16BE(14);
  if (u32(0) !== WAL_INDEX_VERSION) return undefined;
  return { bytes: Buffer.from(a), mxFrame: u32(16), nPage: u32(20), pageSize: (u16 & 0xfe00) + ((u16 & 1) << 16), salt: Buffer.from(a.subarray(32, 40)) };
}

function nBackfill(shmFd: number): number | undefined {
  const b = readExact(shmFd, 4, NBACKFILL);
  if (!b) return undefined;
  return os.endianness() === 'LE' ? b.readUInt32LE(0) : b.readUInt32BE(0);
}

/**
 * Begins a read transaction on `db` (which must have none) pinned to a known wal-index header.
 * Returns the header, or undefined with no transaction open when it could not be pinned with
 * frames pending. Synchronous on purpose: the window between the two header reads must be short.
 */
function beginPinned(db: DB, shmFd: number): IndexHeader | undefined {
  for (let i = 0; i < ATTEMPTS; i++) {
    const before = readIndexHeader(shmFd);
    if (!before) return undefined;
    try {
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    } catch {
      if (db.inTransaction) db.exec('ROLLBACK');
      continue;
    }
    const backfilled = nBackfill(shmFd);
    const after = readIndexHeader(shmFd);
    if (after && backfilled !== undefined && after.bytes.equals(before.bytes) && backfilled < before.mxFrame) return before;
    db.exec('ROLLBACK');
  }
  return undefined;
}

/**
 * Pins a snapshot on `db` and plans how to read it from the main file and the `-wal`.
 * On success `db` is left inside the pinned read transaction; on failure it has none.
 */
export function planWalSnapshot(db: DB, dbSize: number, walFd: number, shmFd: number): WalPlan | undefined {
  const hdr = beginPinned(db, shmFd);
  if (!hdr) return undefined;
  try {
    const plan = buildPlan(hdr, dbSize, walFd);
    if (plan && plan.pages === Number(db.pragma('page_count', { simple: true }))) return plan;
  } catch {
    /* anything unreadable: fall back */
  }
  db.exec('ROLLBACK');
  return undefined;
}

function buildPlan(hdr: IndexHeader, dbSize: number, walFd: number): WalPlan | undefined {
  const walHeader = readExact(walFd, WAL_HDR, 0);
  if (!walHeader) return undefined;
  const magic = walHeader.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== 0x377f0682 || walHeader.readUInt32BE(8) !== hdr.pageSize || !walHeader.subarray(16, 24).equals(hdr.salt)) return undefined;
  const frameSize = FRAME_HDR + hdr.pageSize;
  // Newest frame of each page among frames 1..mxFrame (0: none); the frame headers are read in
  // batches. A typed array, not a Map: 4 bytes a page instead of ~40 an entry, which a WAL of
  // 87k frames made 20-30 MiB of peak memory.
  const newest = new Uint32Array(hdr.nPage + 1);
  // Whole frames are read (one large read beats thousands of 24-byte ones) into one reused buffer,
  // so a WAL of hundreds of MiB leaves no garbage behind on this thread.
  const batch = 256;
  const scratch = Buffer.allocUnsafe(batch * frameSize);
  for (let first = 1; first <= hdr.mxFrame; first += batch) {
    const count = Math.min(batch, hdr.mxFrame - first + 1);
    const buf = readExact(walFd, count * frameSize, WAL_HDR + (first - 1) * frameSize, scratch);
    if (!buf) return undefined;
    for (let k = 0; k < count; k++) {
      const h = buf.subarray(k * frameSize, k * frameSize + FRAME_HDR);
      if (!h.subarray(8, 16).equals(hdr.salt)) return undefined;
      const page = h.readUInt32BE(0);
      // Frames of pages past the snapshot's end belong to a larger, older version: not copied.
      if (page <= hdr.nPage) newest[page] = first + k;
    }
  }
  const pageSize = hdr.pageSize;
  const segments: number[] = [];
  let walPages = 0;
  for (let page = 1; page <= hdr.nPage; page++) {
    const frame = newest[page] as number;
    if (frame !== 0) {
      segments.push(1, WAL_HDR + (frame - 1) * frameSize + FRAME_HDR, pageSize);
      walPages++;
      continue;
    }
    const offset = (page - 1) * pageSize;
    if (offset + pageSize > dbSize) return undefined;
    const n = segments.length;
    if (n >= 3 && segments[n - 3] === 0 && (segments[n - 2] as number) + (segments[n - 1] as number) === offset) {
      segments[n - 1] = (segments[n - 1] as number) + pageSize;
    } else {
      segments.push(0, offset, pageSize);
    }
  }
  return { pageSize, pages: hdr.nPage, frames: hdr.mxFrame, walPages, segments };
}
