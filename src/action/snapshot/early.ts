/**
 * Run before the rest of the snapshot step loads (scripts/bundle.js, EARLY): a release snapshot
 * of a large database sends its stored file from a thread of its own, and that thread boots now,
 * on the core that loading leaves idle, instead of beside the copy that keeps both cores busy
 * (~80 ms of a core on Node 24). A guess from the raw inputs, read without @actions/core so as to
 * load nothing more: a wrong one leaves a thread idle, or boots it later, when the copy starts.
 */
import { statSync } from 'node:fs';
import { warmUploadThread } from '../../store/github/releases/upload-thread-start.ts';

if ((process.env['INPUT_RELEASE'] ?? '').trim() !== '') warmUploadThread(sizeGuess());

/** The database's size when `path` names one file, else as large as any (a pattern: matched later). */
function sizeGuess(): number {
  const lines = (process.env['INPUT_PATH'] ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const only = lines.length === 1 ? (lines[0] as string) : undefined;
  // paths.ts's GLOB_CHARS and `!` excludes, not imported: paths.ts brings node:crypto with it.
  if (only === undefined || /[*?[\]{}!]/.test(only)) return Number.POSITIVE_INFINITY;
  return statSync(only, { throwIfNoEntry: false })?.size ?? 0;
}
