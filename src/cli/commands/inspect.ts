import { inspect } from '../../api/index.ts';
import type { Parsed } from '../args.ts';
import { describeManifest, print, type Out } from '../output.ts';
import { SELECT_HELP, SELECT_OPTIONS, selectionFrom } from './open.ts';

export const INSPECT_OPTIONS = SELECT_OPTIONS;

export const INSPECT_HELP = `Usage: sqlite-snapshot inspect --store <dir> --name <name> [options]
       sqlite-snapshot inspect --release <owner/repo@tag|latest> --name <name> [options]

Prints a snapshot's manifest readably: each database's method, sizes, checksums, tables and rows.

Options:
${SELECT_HELP}
  --json                  the manifest itself`;

export async function inspectCommand(p: Parsed, out: Out): Promise<void> {
  // A store that downloads sends the manifest first, and no data is fetched.
  const { generation, manifest } = await inspect(await selectionFrom(p, 'inspect', out));
  print(out, () => describeManifest(manifest, generation), () => ({ generation, ...manifest }));
}
