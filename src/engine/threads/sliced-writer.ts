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
