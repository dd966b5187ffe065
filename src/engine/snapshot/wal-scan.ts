import { promises as fsp } from 'node:fs';

/**
 * Our own reading of a `-wal` file, following SQLite's WAL format (sqlite.org/fileformat2.html,
 * "WAL file format") and the rules of its recovery (walIndexRecover): a frame counts only if its
 * salts equal the header's and its cumulative checksum matches; the WAL ends at the last valid
 * commit frame (one whose "database size after commit" field is non-zero). Everything after it
 * is ignored: an uncommitted transaction, a torn (partly written) frame, frames of an older WAL
 * generation. Used as a cross-check of SQLite's own recovery of the private copy (recovery.ts),
 * and for the numbers the manifest reports.
 */
export interface WalScan {
  /** Page size the WAL header gives (0 when the header is not valid). */
  pageSize: number;
  /** Frames up to and including the last valid commit frame: what SQLite's recovery keeps (mxFrame). */
  frames: number;
  /** Commit frames among them: committed transactions. */
  commits: number;
  /** Whole frame slots after `frames` in the file, which recovery ignores. */
  framesIgnored: number;
  /**
   * The WAL ends in damage rather than cleanly after its last commit: a partly written frame, or a
   * frame of this WAL generation (same salts) whose checksum fails.
   */
  tornTail: boolean;
  /** Why the scan stopped after `frames`. */
  stop: 'end' | 'no-header' | 'partial-frame' | 'checksum' | 'other-salt' | 'no-commit';
}

const WAL_HDR = 32;
const FRAME_HDR = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;
/** Frames read per file read: large reads, bounded memory (a few MiB whatever the WAL's size). */
const READ_BYTES = 4 << 20;

/**
 * SQLite's WAL checksum (walChecksumBytes): over 32-bit words in pairs, in the byte order the
 * header's magic chose. `data.length` is a multiple of 8.
 */
export function walChecksum(data: Buffer, bigEndian: boolean, s0: number, s1: number): [number, number] {
  const n = data.length;
  if (bigEndian) {
    for (let i = 0; i < n; i += 8) {
      s0 = (s0 + data.readUInt32BE(i) + s1) >>> 0;
      s1 = (s1 + data.readUInt32BE(i + 4) + s0) >>> 0;
    }
  } else {
    for (let i = 0; i < n; i += 8) {
      s0 = (s0 + data.readUInt32LE(i) + s1) >>> 0;
      s1 = (s1 + data.readUInt32LE(i + 4) + s0) >>> 0;
    }
  }
  return [s0, s1];
}

export async function scanWal(file: string): Promise<WalScan> {
  const fh = await fsp.open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const hdr = Buffer.alloc(WAL_HDR);
    const none = (stop: WalScan['stop']): WalScan => ({ pageSize: 0, frames: 0, commits: 0, framesIgnored: 0, tornTail: false, stop });
    if ((await fh.read(hdr, 0, WAL_HDR, 0)).bytesRead !== WAL_HDR) return none('no-header');
    const magic = hdr.readUInt32BE(0);
    const pageSize = hdr.readUInt32BE(8);
    if ((magic !== MAGIC_LE && magic !== MAGIC_BE) || hdr.readUInt32BE(4) !== WAL_VERSION) return none('no-header');
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return none('no-header');
    const bigEndian = magic === MAGIC_BE;
    let [s0, s1] = walChecksum(hdr.subarray(0, 24), bigEndian, 0, 0);
    if (s0 !== hdr.readUInt32BE(24) || s1 !== hdr.readUInt32BE(28)) return none('no-header');
    const salt1 = hdr.readUInt32BE(16);
    const salt2 = hdr.readUInt32BE(20);

    const frameSize = FRAME_HDR + pageSize;
    const slots = Math.floor((size - WAL_HDR) / frameSize);
    const partial = (size - WAL_HDR) % frameSize !== 0;
    const perRead = Math.max(1, Math.floor(READ_BYTES / frameSize));
    const buf = Buffer.alloc(perRead * frameSize);
    let frames = 0;
    let commits = 0;
    let commitsAtLast = 0;
    let lastCommit = 0;
    let stop: WalScan['stop'] | undefined;
    scan: for (let first = 0; first < slots; first += perRead) {
      const count = Math.min(perRead, slots - first);
      const want = count * frameSize;
      const { bytesRead } = await fh.read(buf, 0, want, WAL_HDR + first * frameSize);
      if (bytesRead !== want) {
        stop = 'partial-frame';
        break;
      }
      for (let k = 0; k < count; k++) {
        const f = buf.subarray(k * frameSize, (k + 1) * frameSize);
        const pgno = f.readUInt32BE(0);
        const commitSize = f.readUInt32BE(4);
        if (f.readUInt32BE(8) !== salt1 || f.readUInt32BE(12) !== salt2) {
          stop = 'other-salt';
          break scan;
        }
        let [c0, c1] = walChecksum(f.subarray(0, 8), bigEndian, s0, s1);
        [c0, c1] = walChecksum(f.subarray(FRAME_HDR), bigEndian, c0, c1);
        if (pgno === 0 || c0 !== f.readUInt32BE(16) || c1 !== f.readUInt32BE(20)) {
          stop = 'checksum';
          break scan;
        }
        s0 = c0;
        s1 = c1;
        frames++;
        if (commitSize !== 0) {
          commits++;
          lastCommit = frames;
          commitsAtLast = commits;
        }
      }
    }
    stop ??= partial ? 'partial-frame' : lastCommit === frames ? 'end' : 'no-commit';
    return {
      pageSize,
      frames: lastCommit,
      commits: commitsAtLast,
      framesIgnored: slots - lastCommit,
      tornTail: stop === 'partial-frame' || stop === 'checksum',
      stop,
    };
  } finally {
    await fh.close();
  }
}
