import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { StoredFileWrite } from '../../engine/snapshot/options.ts';

/**
 * How often a follower looks again at a file that has not grown. The engine appends frames of
 * 1-8 MiB at a few hundred MiB/s, so a part fills in tens of milliseconds; a shorter pause only
 * costs wake-ups while the engine's integrity check holds the event loop anyway.
 */
const POLL_MS = 25;

/** What was read of a followed file: the bytes the store received, to compare with the manifest's. */
export interface Followed {
  size: number;
  sha256: string;
}

export interface FollowOptions {
  /** The size of part `index` (0-based): every part but the last is exactly this long. */
  partSize(index: number): number;
  /** Parts handed to `send` and not yet settled, at most: with the part being filled and the one held back, what the upload holds in memory. */
  inFlight: number;
  signal: AbortSignal;
  /**
   * Sends one part; `last` says the file ends with it (a file of one part can go in a single
   * request). `data` is only valid until the promise settles: its buffer is reused.
   */
  send(index: number, data: Buffer, last: boolean): Promise<void>;
}

/**
 * Reads a stored file while the engine writes it (StoredFileWrite: appended in order, then renamed
 * whole) and hands it on in parts, in order, with at most `inFlight` parts being sent at once, so
 * memory stays a few parts whatever the file's size. A full part is held until a byte after it is
 * seen or the file is whole, so that the last part is known as the last. Rejects when the
 * snapshot fails (`done` rejects), when a part cannot be sent, or when the signal aborts; then
 * nothing more is sent.
 */
export async function followFile(w: StoredFileWrite, opts: FollowOptions): Promise<Followed> {
  let whole = false;
  let failed: { err: unknown } | undefined;
  const settled = w.done.then(
    () => void (whole = true),
    (err: unknown) => void (failed = { err }),
  );
  const check = (): void => {
    opts.signal.throwIfAborted();
    if (failed) throw failed.err;
  };
  const wait = (): Promise<unknown> => Promise.race([settled, new Promise((r) => setTimeout(r, POLL_MS))]);
  const fh = await openGrowing(w, () => whole, check, wait);
  const hash = createHash('sha256');
  const sending = new Set<Promise<void>>();
  let sendFailure: { err: unknown } | undefined;
  const sendFailed = (): void => {
    if (sendFailure) throw sendFailure.err;
  };
  const pool: Buffer[] = [];
  let size = 0;
  try {
    let index = 0;
    let held: Buffer | undefined;
    let part = take(pool, opts.partSize(0));
    let filled = 0;
    const hand = async (data: Buffer, last: boolean): Promise<void> => {
      while (sending.size >= opts.inFlight) await Promise.race(sending);
      sendFailed();
      const i = index++;
      const p = opts.send(i, data, last).then(
        () => {
          sending.delete(p);
          pool.push(data);
        },
        (err: unknown) => {
          sending.delete(p);
          sendFailure ??= { err };
        },
      );
      sending.add(p);
    };
    for (;;) {
      check();
      sendFailed();
      // Taken before the read: a read that finds nothing after the file was whole is its end.
      const wasWhole = whole;
      const { bytesRead } = await fh.read(part, filled, part.length - filled, size);
      if (bytesRead > 0) {
        hash.update(part.subarray(filled, filled + bytesRead));
        filled += bytesRead;
        size += bytesRead;
        if (held) {
          await hand(held, false);
          held = undefined;
        }
        if (filled === part.length) {
          held = part;
          part = take(pool, opts.partSize(index + 1));
          filled = 0;
        }
        continue;
      }
      if (!wasWhole) {
        await wait();
        continue;
      }
      if (held) await hand(held, filled === 0);
      if (filled > 0 || index === 0) await hand(part.subarray(0, filled), true);
      break;
    }
    await Promise.all(sending);
    sendFailed();
    return { size, sha256: hash.digest('hex') };
  } finally {
    // Nothing may still read a buffer of the pool, nor the descriptor, once this returns.
    await Promise.allSettled(sending);
    await fh.close();
  }
}

/** A pooled buffer of exactly `size` bytes (part sizes change rarely: a buffer of another size is left to the GC). */
function take(pool: Buffer[], size: number): Buffer {
  for (;;) {
    const b = pool.pop();
    if (!b) return Buffer.allocUnsafeSlow(size);
    if (b.buffer.byteLength === size) return Buffer.from(b.buffer, b.byteOffset, size);
  }
}

/**
 * The file as soon as it exists: its temp name while it is written (it may appear only when a raw
 * copy is renamed to it), its final name once whole. A descriptor opened on the temp name keeps
 * reading the same file after the rename.
 */
async function openGrowing(w: StoredFileWrite, whole: () => boolean, check: () => void, wait: () => Promise<unknown>): Promise<fsp.FileHandle> {
  for (;;) {
    check();
    const done = whole();
    try {
      return await fsp.open(done ? w.path : w.writing, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || done) throw err;
    }
    await wait();
  }
}
