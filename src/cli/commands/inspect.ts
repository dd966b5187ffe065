import { readManifest } from '../../engine/manifest/manifest.ts';
import type { Parsed } from '../args.ts';
import { describeManifest, print, type Out } from '../output.ts';
import { SELECT_HELP, SELECT_OPTIONS, openSelected } from './open.ts';

export const INSPECT_OPTIONS = SELECT_OPTIONS;

export const INSPECT_HELP = `Usage: sqlite-snapshot inspect --store <dir> --name <name> [options]
       sqlite-snapshot inspect --release <owner/repo@tag|latest> --name <name> [options]

Prints a snapshot's manifest readably: each database's method, sizes, checksums, tables and rows.

Options:
${SELECT_HELP}
  --json                  the manifest itself`;

export async function inspectCommand(p: Parsed, out: Out): Promise<void> {
  // Streamed where the store offers it: the manifest arrives first, and no data is downloaded.
  const opened = await openSelected(p, 'inspect', out, 'stream');
  try {
    const manifest = 'snapshot' in opened ? opened.snapshot.manifest : await readManifest(opened.dir);
    print(out, () => describeManifest(manifest, opened.generation), () => ({ generation: opened.generation, ...manifest }));
  } finally {
    await opened.close();
  }
}
