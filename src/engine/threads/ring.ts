/**
 * The hand-over between the copy thread (producer: reads a chunk into a slot) and the hash thread
 * (consumer: hashes the slot and frees it) of an uncompressed copy: a ring of shared chunk buffers,
 * each slot's state in a shared Int32Array, passed with Atomics. ctl[slot] is the slot's state,
 * ctl[slots + slot] its byte count, ctl[2 * slots] is set to stop both sides.
 */
export const FREE = 0;
export const FILLED = 1;
export const END = 2;

/** Slots: enough that neither thread waits on the other's jitter. */
export const RING_SLOTS = 4;

/** Waits are bounded, so a stop request is seen even if the other thread is gone. */
const WAIT_MS = 100;

export interface RingBuffers {
  ring: SharedArrayBuffer;
  ctl: SharedArrayBuffer;
}

export function createRing(chunk: number, slots = RING_SLOTS): RingBuffers {
  return { ring: alignedSharedBuffer(slots * chunk), ctl: new SharedArrayBuffer(4 * (2 * slots + 1)) };
}

const WASM_PAGE = 64 * 1024;

/** The one WebAssembly API used here (this project's TypeScript libs leave the DOM's types out). */
interface WasmGlobal {
  WebAssembly: { Memory: new (d: { initial: number; maximum: number; shared: boolean }) => { buffer: SharedArrayBuffer } };
}

/**
 * Shared memory that starts on a page boundary, so the copy thread can write the slots with
 * O_DIRECT (sliced-writer.ts newFileWriter). A large SharedArrayBuffer comes from malloc, 16 bytes
 * past a page; a shared WebAssembly.Memory is mapped by V8 itself, page-aligned, and its buffer is
 * a SharedArrayBuffer like any other. Where that fails (no WebAssembly, a memory limit) the
 * plain buffer still works: the writer then falls back to ordinary writes.
 */
export function alignedSharedBuffer(bytes: number): SharedArrayBuffer {
  if (bytes % WASM_PAGE === 0) {
    try {
      const pages = bytes / WASM_PAGE;
      return new (globalThis as unknown as WasmGlobal).WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer;
    } catch {
      /* below */
    }
  }
  return new SharedArrayBuffer(bytes);
}

/** Wakes whichever side waits on the other; each then stops at its next check. */
export function stopRing(buffers: RingBuffers): void {
  const ctl = new Int32Array(buffers.ctl);
  Atomics.store(ctl, ctl.length - 1, 1);
}

export class Ring {
  readonly slots: number;
  private readonly ring: Buffer;
  private readonly ctl: Int32Array;
  private readonly chunk: number;
  private readonly stop: number;

  constructor(buffers: RingBuffers, chunk: number) {
    this.ring = Buffer.from(buffers.ring);
    this.ctl = new Int32Array(buffers.ctl);
    this.chunk = chunk;
    this.slots = this.ring.length / chunk;
    this.stop = this.ctl.length - 1;
  }

  stopped(): boolean {
    return Atomics.load(this.ctl, this.stop) !== 0;
  }

  /** Producer: waits until `slot` is free, then returns its buffer cut to `length`; throws once stopped. */
  take(slot: number, length: number): Buffer {
    while (Atomics.wait(this.ctl, slot, FILLED, WAIT_MS) !== 'not-equal') {
      if (this.stopped()) throw new Error('copy stopped');
    }
    return this.ring.subarray(slot * this.chunk, slot * this.chunk + length);
  }

  /** Producer: hands `slot`, holding `length` bytes, to the consumer. */
  fill(slot: number, length: number): void {
    this.ctl[this.slots + slot] = length;
    Atomics.store(this.ctl, slot, FILLED);
    Atomics.notify(this.ctl, slot);
  }

  /** Producer: after every chunk, the next slot (once free) tells the consumer there is no more. */
  end(slot: number): void {
    this.take(slot, 0);
    Atomics.store(this.ctl, slot, END);
    Atomics.notify(this.ctl, slot);
  }

  /** Consumer: waits for `slot`; its bytes, or undefined at the end; 'stopped' once stopped. */
  receive(slot: number): Buffer | undefined | 'stopped' {
    while (Atomics.wait(this.ctl, slot, FREE, WAIT_MS) !== 'not-equal') {
      if (this.stopped()) return 'stopped';
    }
    if (Atomics.load(this.ctl, slot) === END) return undefined;
    return this.ring.subarray(slot * this.chunk, slot * this.chunk + (this.ctl[this.slots + slot] as number));
  }

  /** Consumer: done with `slot`; the producer may fill it again. */
  release(slot: number): void {
    Atomics.store(this.ctl, slot, FREE);
    Atomics.notify(this.ctl, slot);
  }
}
