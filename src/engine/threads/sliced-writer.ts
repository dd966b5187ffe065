import fs from 'node:fs';

/** One write call's most: buffered writes of 1 MiB or more often cost 1-2 s of extra system time per GiB on this project's benchmark VM (dd bs=1M shows it, bs=256K almost never; bench/README.md). */
export const SLICE = 256 * 1024;

/** Written bytes between flushes on libuv's pool, so the final fsync has little left to do. */
export const SYNC_EVERY = 128 * 1024 * 1024;

/** The two calls the writer makes; tests pass recording wrappers around the real ones. */
export interface WriterIo {
  writeSync(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number;
  fdatasync(fd: number, done: (err: NodeJS.ErrnoException | null) => void): void;
}

export interface SlicedWriter {
  /** Writes all of `buf` at `position`, synchronously, in slices of at most SLICE bytes. */
  write(buf: Uint8Array, position: number): void;
  /** Waits for the flushes started so far and throws the first one's error. */
  settle(): Promise<void>;
}

/**
 * How every thread that writes a new file writes it (copy and write threads): synchronous calls in
 * 256 KiB slices, and every 128 MiB the part written so far flushed on libuv's pool while writing
 * goes on.
 */
export function slicedWriter(fd: number, io: WriterIo = fs, syncEvery = SYNC_EVERY): SlicedWriter {
  const syncs: Promise<NodeJS.ErrnoException | null>[] = [];
  let synced = 0;
  return {
    write(buf, position) {
      for (let w = 0; w < buf.length; ) w += io.writeSync(fd, buf, w, Math.min(SLICE, buf.length - w), position + w);
      const end = position + buf.length;
      if (end - synced >= syncEvery) {
        synced = end;
        syncs.push(new Promise((resolve) => io.fdatasync(fd, resolve)));
      }
    },
    async settle() {
      const err = (await Promise.all(syncs)).find((e) => e);
      if (err) throw err;
    },
  };
}

/** Where O_DIRECT exists (Linux): 0 elsewhere. */
const O_DIRECT = (fs.constants as { O_DIRECT?: number }).O_DIRECT ?? 0;

const NO_DIRECT_IO = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);

/** What a direct write must be a multiple of, in position and length: the largest logical block size in common use. */
const DIRECT_ALIGN = 4096;

export interface NewFileWriter extends SlicedWriter {
  /**
   * Writes all of `buf` at `position` on libuv's pool when the write can go past the page cache
   * (the caller goes on reading while the device works, and several writes can be in flight);
   * otherwise synchronously, as write(). `buf` must not change until the promise settles.
   */
  writeAsync(buf: Uint8Array, position: number): Promise<void>;
  /** Whether the writes so far bypassed the page cache. */
  readonly direct: boolean;
  /** Closes the descriptors (after settle, or after a failure). */
  close(): void;
}

/**
 * Writes a new file (created exclusively, like 'wx') for a whole-file copy: through the page cache
 * in 256 KiB slices, as `cp` writes, or with `direct` (Linux), opened with O_DIRECT: the data go
 * from our buffers to the device, with no copy into the page cache. Which is faster depends on
 * the machine. On this project's benchmark VM in R12 the page cache was the dearest part of an
 * uncompressed snapshot (`dd` of 1 GiB: 1.1-2.5 s of system time through it, 0.3 s with
 * oflag=direct), so copies wrote directly; in R15 the same VM wrote 1 GiB with `dd oflag=direct
 * bs=4M` + sync in 1.45-1.60 s and with `dd bs=256K` + sync in 0.95-1.04 s, as fast as `cp` +
 * sync, and the default uncompressed snapshot took 2.16-2.55 s direct against 1.89-2.18 s through
 * the page cache. The baseline a copy is held to is `cp` + fsync, which goes through the page
 * cache, so copies do too: they then fare as `cp` fares. The caller fsyncs the file at the end
 * either way.
 *
 * O_DIRECT needs aligned buffers, offsets and lengths: the caller passes page-aligned buffers
 * (ring.ts), and anything unaligned (a last chunk that is not a whole number of 4 KiB blocks, a
 * buffer from elsewhere) or refused (EINVAL: a file system without direct I/O) is written through
 * a second, ordinary descriptor of the same file, from then on.
 */
export function newFileWriter(file: string, direct = false, syncEvery = SYNC_EVERY): NewFileWriter {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL;
  let directFd: number | undefined;
  if (direct && O_DIRECT !== 0) {
    try {
      directFd = fs.openSync(file, flags | O_DIRECT, 0o666);
    } catch (err) {
      // EINVAL: the file system has no direct I/O (so say tmpfs before Linux 6.6, FUSE, some network file systems).
      if (!NO_DIRECT_IO.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
  }
  // The ordinary descriptor: the only one without O_DIRECT, else opened once the first write needs it.
  let buffered: SlicedWriter | undefined;
  let bufferedFd: number | undefined;
  if (directFd === undefined) {
    // Without O_EXCL after a refused direct open: that open got past the existence check (else
    // EEXIST), and some kernels refuse O_DIRECT only after creating the file.
    bufferedFd = fs.openSync(file, direct && O_DIRECT !== 0 ? fs.constants.O_WRONLY | fs.constants.O_CREAT : flags, 0o666);
    buffered = slicedWriter(bufferedFd, fs, syncEvery);
  }
  let goesDirect = directFd !== undefined;
  const toBuffered = (): SlicedWriter => {
    if (!buffered) {
      bufferedFd = fs.openSync(file, fs.constants.O_WRONLY);
      buffered = slicedWriter(bufferedFd, fs, syncEvery);
      goesDirect = false;
    }
    return buffered;
  };
  const canGoDirect = (buf: Uint8Array, position: number): boolean =>
    goesDirect && directFd !== undefined && buf.length % DIRECT_ALIGN === 0 && position % DIRECT_ALIGN === 0;
  return {
    get direct() {
      return goesDirect;
    },
    writeAsync(buf, position) {
      if (!canGoDirect(buf, position)) {
        this.write(buf, position);
        return Promise.resolve();
      }
      const fd = directFd as number;
      return new Promise((resolve, reject) => {
        // The rest through the ordinary descriptor: after a short write, or when refused.
        const rest = (from: number): void => {
          try {
            toBuffered().write(buf.subarray(from), position + from);
            resolve();
          } catch (err) {
            reject(err);
          }
        };
        const step = (w: number): void =>
          fs.write(fd, buf, w, buf.length - w, position + w, (err, n) => {
            if (err) return err.code === 'EINVAL' ? rest(w) : reject(err);
            if (n === 0 || n % DIRECT_ALIGN !== 0) return rest(w + n);
            if (w + n < buf.length) step(w + n);
            else resolve();
          });
        step(0);
      });
    },
    write(buf, position) {
      if (canGoDirect(buf, position)) {
        try {
          for (let w = 0; w < buf.length; ) {
            const n = fs.writeSync(directFd as number, buf, w, buf.length - w, position + w);
            // A short direct write leaves the rest unaligned as often as not: finished below.
            if (n === 0 || n % DIRECT_ALIGN !== 0) {
              toBuffered().write(buf.subarray(w + n), position + w + n);
              return;
            }
            w += n;
          }
          return;
        } catch (err) {
          // Refused (misaligned buffer memory, or no direct I/O here): written again below, whole.
          if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
        }
      }
      toBuffered().write(buf, position);
    },
    async settle() {
      await buffered?.settle();
    },
    close() {
      if (directFd !== undefined) fs.closeSync(directFd);
      if (bufferedFd !== undefined) fs.closeSync(bufferedFd);
    },
  };
}
