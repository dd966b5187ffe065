import { createReadStream, openSync } from 'node:fs';
import type http from 'node:http';
import { httpModule } from './http-module.ts';

/** A POST of a byte range of an open file: an asset upload, in line or on its thread (upload-thread.ts). */
export interface PostFile {
  url: string;
  headers: Record<string, string>;
  /**
   * The file, under the first of these names that opens (a file being renamed into place is
   * under one or the other). Opened by postFile, on the thread that sends it: a thread that closes
   * a descriptor another thread opened gets a warning from Node on stderr.
   */
  names: string[];
  start: number;
  size: number;
}

/** The answer, read whole (GitHub's is the asset's JSON). */
export interface PostAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** From the first byte sent to the answer's last, timed on the thread that sent it (the thread that awaits the answer may be busy meanwhile). */
  ms: number;
}

/**
 * Sends the range and reads the answer. The file is opened before this returns (a caller may
 * rename it right after), and closed when the answer is in, not before its last read.
 */
export function postFile(job: PostFile): Promise<PostAnswer> {
  const url = new URL(job.url);
  const lib = httpModule(url);
  const fd = openFirst(job.names);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // Closed by destroy() below in every case: it waits for a read still running, as closing the
    // descriptor ourselves would not.
    const src = createReadStream('', { fd, start: job.start, end: job.start + job.size - 1, autoClose: false, highWaterMark: 1 << 20 });
    const fail = (err: unknown): void => {
      src.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const req = lib.request(url, { method: 'POST', headers: job.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        src.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 });
      });
    });
    req.on('error', fail);
    src.on('error', (err) => req.destroy(err));
    src.pipe(req);
  });
}

function openFirst(names: string[]): number {
  for (const [i, name] of names.entries()) {
    try {
      return openSync(name, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || i === names.length - 1) throw err;
    }
  }
  throw new Error('postFile: no file named');
}
