import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/** A POST of a byte range of an open file: an asset upload, in line or on its thread (upload-thread.ts). */
export interface PostFile {
  url: string;
  headers: Record<string, string>;
  /** Open for reading; postFile closes it once its stream is done (whatever the answer). */
  fd: number;
  start: number;
  size: number;
}

/** The answer, read whole (GitHub's is the asset's JSON). */
export interface PostAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Sends the range and reads the answer; the descriptor is closed when it settles, not before its last read. */
export function postFile(job: PostFile): Promise<PostAnswer> {
  const url = new URL(job.url);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // Closed by destroy() below in every case: it waits for a read still running, as closing the
    // descriptor ourselves would not.
    const src = createReadStream('', { fd: job.fd, start: job.start, end: job.start + job.size - 1, autoClose: false, highWaterMark: 1 << 20 });
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
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', fail);
    src.on('error', (err) => req.destroy(err));
    src.pipe(req);
  });
}
