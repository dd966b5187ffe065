/**
 * Where each zstd frame ends, read from the frame and block headers alone (RFC 8878 §3.1), so a
 * stored file of independent frames (what our snapshots write) can be decompressed frame by frame
 * on several cores. Nothing here decodes data: a damaged frame is found by the decoder.
 */

const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames: magic 0x184D2A50-0x184D2A5F, a 4-byte length, then that many bytes. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

export type FrameEnd =
  /** The frame occupies bytes [start, end); `checksum`: it carries its content's xxh64. */
  | { end: number; checksum: boolean; skippable: boolean }
  /** More bytes are needed to find the end. */
  | 'more'
  /** Not a zstd frame at all. */
  | 'invalid';

/** Finds the end of the frame starting at `start` in `buf`. */
export function frameEnd(buf: Uint8Array, start: number): FrameEnd {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length - start < 4) return 'more';
  const magic = view.getUint32(start, true);
  if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
    if (buf.length - start < 8) return 'more';
    const end = start + 8 + view.getUint32(start + 4, true);
    return end <= buf.length ? { end, checksum: false, skippable: true } : 'more';
  }
  if (magic !== ZSTD_MAGIC) return 'invalid';
  if (buf.length - start < 5) return 'more';
  const fhd = buf[start + 4] as number;
  if (fhd & 0x08) return 'invalid'; // reserved bit
  const fcsFlag = fhd >> 6;
  const singleSegment = (fhd >> 5) & 1;
  const checksum = ((fhd >> 2) & 1) === 1;
  const dictIdSize = [0, 1, 2, 4][fhd & 3] as number;
  const fcsSize = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag] as number;
  let pos = start + 5 + (singleSegment ? 0 : 1) + dictIdSize + fcsSize;
  for (;;) {
    if (buf.length - pos < 3) return 'more';
    const header = (buf[pos] as number) | ((buf[pos + 1] as number) << 8) | ((buf[pos + 2] as number) << 16);
    const last = header & 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) return 'invalid'; // reserved block type
    // An RLE block stores one byte, repeated `size` times when decoded.
    pos += 3 + (type === 1 ? 1 : size);
    if (last) break;
  }
  const end = pos + (checksum ? 4 : 0);
  return end <= buf.length ? { end, checksum, skippable: false } : 'more';
}
