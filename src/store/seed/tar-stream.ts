import { corrupt } from '../../engine/common/errors.ts';
import type { ByteSource } from '../../engine/restore/zstd-restore.ts';
import { ChunkReader } from '../chunk-reader.ts';

/**
 * A tar archive read as it arrives (a seed streamed from GitHub's cache), one member at a time,
 * holding no more than the chunk in hand: what GNU tar writes for @actions/cache (`--posix`, so
 * pax headers), and the ustar and GNU long-name forms besides. Only what a seed entry needs:
 * regular files and directories by name; links and devices are reported as `other`.
 */
export interface TarMember {
  name: string;
  type: 'file' | 'dir' | 'other';
  size: number;
  /** The member's bytes; whatever is left unread is skipped when the next member is asked for. */
  source: ByteSource;
}

const BLOCK = 512;

/** Members in archive order. `what` names the archive in errors: each is `corrupt` (damaged or cut short). */
export async function* tarMembers(chunks: AsyncIterable<Buffer>, what: string): AsyncGenerator<TarMember> {
  const damaged = (where: string): Error => corrupt(`${what}: not a complete tar archive (${where})`);
  const input = new ChunkReader(chunks[Symbol.asyncIterator](), damaged);
  let pax: Map<string, string> = new Map();
  let longName: string | undefined;
  for (let at = 0; ; ) {
    const header = await input.exact(BLOCK, 'a tar header');
    if (!header) throw damaged(`it ends at byte ${at} without tar's end marker`);
    at += BLOCK;
    if (header.every((b) => b === 0)) {
      // Read to the end all the same: the compression's own checksum is checked only there.
      while (await input.skip(BLOCK));
      return;
    }
    if (checksumOf(header) !== octal(header.subarray(148, 156))) throw damaged(`no valid tar header at byte ${at - BLOCK}`);
    const flag = String.fromCharCode(header[156] as number);
    const own = sizeField(header.subarray(124, 136));
    if (flag === 'x' || flag === 'g' || flag === 'L') {
      const size = own;
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      const body = await input.exact(padded, 'a tar header');
      if (!body && padded > 0) throw damaged(`it ends inside a header at byte ${at}`);
      at += padded;
      const text = (body ?? Buffer.alloc(0)).subarray(0, size).toString('utf8');
      if (flag === 'x') pax = parsePax(text, damaged);
      if (flag === 'L') longName = text.replace(/\0+$/, '');
      continue;
    }
    const size = Number(pax.get('size') ?? own);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    const prefix = field(header.subarray(345, 500));
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${field(header.subarray(0, 100))}` : field(header.subarray(0, 100)));
    pax = new Map();
    longName = undefined;
    let left = size;
    const source: ByteSource = {
      read: async (buf, offset, length) => {
        let got = 0;
        // Filled as far as asked: a decoder re-copies its unfinished frame on every read.
        while (got < length && left > 0) {
          const n = await input.read(buf, offset + got, Math.min(length - got, left));
          if (n === 0) throw damaged(`it ends inside ${name}`);
          got += n;
          left -= n;
        }
        return got;
      },
    };
    yield { name: name.replace(/\/+$/, ''), type: flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'dir' : 'other', size, source };
    if (!(await input.skip(left + (padded - size)))) throw damaged(`it ends inside ${name}`);
    at += padded;
  }
}

/** A NUL-terminated text field. */
function field(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end === -1 ? b.length : end).toString('utf8');
}

function octal(b: Buffer): number {
  const text = field(b).trim();
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : Number.NaN;
}

/** Octal, or GNU's base-256 for sizes past 8 GiB (the top bit of the first byte set). */
function sizeField(b: Buffer): number {
  if (((b[0] as number) & 0x80) === 0) return octal(b);
  let n = (b[0] as number) & 0x7f;
  for (let i = 1; i < b.length; i++) n = n * 256 + (b[i] as number);
  return n;
}

/** The header's bytes summed with its own checksum field counted as spaces. */
function checksumOf(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
  return sum;
}

/** pax records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePax(text: string, damaged: (where: string) => Error): Map<string, string> {
  const out = new Map<string, string>();
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; ) {
    const space = bytes.indexOf(0x20, i);
    const len = Number(bytes.subarray(i, space).toString());
    if (space === -1 || !Number.isInteger(len) || len <= 0) throw damaged('a pax header is malformed');
    const record = bytes.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}
