/** Large enough never to be one of Node's pooled small-buffer slabs, which must not be freed. */
const OWN_BUFFER = 1 << 20;

/**
 * Frees a codec's output buffer now (ArrayBuffer.prototype.transfer detaches it and drops its
 * memory), instead of at some later GC: the codecs hand out views of large buffers, and V8 only
 * collects those when its external-memory budget (tens of MiB) runs out. The caller must be the
 * buffer's last user.
 */
export function freeNow(ab: ArrayBufferLike): void {
  if (ab instanceof ArrayBuffer && ab.byteLength >= OWN_BUFFER && !ab.detached) ab.transfer(0);
}
