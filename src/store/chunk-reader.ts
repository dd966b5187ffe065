/**
 * Bytes that arrive in chunks of any size (a download, a decoder's output) read as a ByteSource:
 * reads are served from the chunk in hand, and the next chunk is pulled only when it is used up,
 * so no more than one chunk is held.
 */
export class ChunkReader {
  private chunk: Buffer = Buffer.alloc(0);
  private ended = false;
  private readonly it: AsyncIterator<Buffer>;
  private readonly damaged: (where: string) => Error;

  constructor(it: AsyncIterator<Buffer>, damaged: (where: string) => Error) {
    this.it = it;
    this.damaged = damaged;
  }

  /** Up to `length` bytes from the chunk in hand (the next one if it is used up); 0 at the end. */
  async read(buf: Buffer, offset: number, length: number): Promise<number> {
    if (!(await this.fill())) return 0;
    const n = Math.min(length, this.chunk.length);
    this.chunk.copy(buf, offset, 0, n);
    this.chunk = this.chunk.subarray(n);
    return n;
  }

  /** Exactly `n` bytes; undefined at a clean end (nothing read), `damaged` part-way (`inside` names what was being read). */
  async exact(n: number, inside: string): Promise<Buffer | undefined> {
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const k = await this.read(out, got, n - got);
      if (k === 0) {
        if (got === 0) return undefined;
        throw this.damaged(`it ends inside ${inside}`);
      }
      got += k;
    }
    return out;
  }

  /** false: the input ended first. */
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      if (!(await this.fill())) return false;
      const k = Math.min(n, this.chunk.length);
      this.chunk = this.chunk.subarray(k);
      n -= k;
    }
    return true;
  }

  private async fill(): Promise<boolean> {
    while (this.chunk.length === 0) {
      if (this.ended) return false;
      const next = await this.it.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.chunk = next.value;
    }
    return true;
  }
}
