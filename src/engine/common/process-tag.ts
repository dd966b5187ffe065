import { createHash } from 'node:crypto';
import os from 'node:os';

/**
 * Scratch directories in a store (staging, reader pins) and temp files carry the host and pid that made them,
 * so a later run can tell a crashed process's leftovers from a live one's work and sweep only
 * the former. The host is hashed: host names may hold characters that are not portable in paths.
 */
export const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);

export function processTag(): string {
  return `${HOST_TAG}-${process.pid}`;
}

/** Whether a process of this host is running. EPERM means it exists but belongs to someone else. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TAGGED_RE = /^\.(?:staging|reader)-([0-9a-f]{8})-(\d+)-/;

/** A tagged scratch directory whose process is gone: safe to remove. Other hosts' are never judged. */
export function isAbandoned(entry: string): boolean {
  const m = TAGGED_RE.exec(entry);
  if (!m) return false;
  return m[1] === HOST_TAG && Number(m[2]) !== process.pid && !processAlive(Number(m[2]));
}
