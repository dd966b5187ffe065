import { SnapshotError } from '../../engine/common/errors.ts';
import { formatBytes } from '../../engine/common/format.ts';
import { promises as fsp } from 'node:fs';
import { type GenerationSummary, summarize } from '../../store/history.ts';
import { LocalStore } from '../../store/local.ts';
import { validateName } from '../../store/names.ts';
import { type Parsed, required, str } from '../args.ts';
import { print, type Out } from '../output.ts';

export const LIST_OPTIONS = {
  store: { type: 'string' },
  name: { type: 'string' },
} as const;

export const LIST_HELP = `Usage: sqlite-snapshot list --store <dir> [--name <name>] [--json]

Lists the generations in a store, oldest first: time, databases, raw and stored size, method,
and whether the generation was verified ("yes (quick)" when snapshot --verify, --keep,
--max-age or a later "verify" proved it readable; FAILED when a verify found it damaged).

Options:
  --store <dir>           store directory
  --name <name>           only this snapshot name
  --json                  an array with every figure, sizes in bytes`;

export async function listCommand(p: Parsed, out: Out): Promise<void> {
  const store = new LocalStore(required(p, 'store', 'list', './snapshots'));
  const nameArg = str(p, 'name');
  const name = nameArg === undefined ? undefined : validateName(nameArg, '--name');
  if (!(await fsp.stat(store.root).catch(() => undefined))) {
    throw new SnapshotError('not-found', `store ${store.root}: no such directory; check --store`);
  }
  const gens = await summarize(store, name);
  print(out, () => humanList(gens, store.root, name), () => gens);
}

export function verifiedLabel(g: GenerationSummary): string {
  if (!g.verified) return 'no';
  return g.verified.ok ? `yes (${g.verified.check})` : 'FAILED';
}

function methodLabel(g: GenerationSummary): string {
  if (g.error) return 'DAMAGED manifest';
  const kinds = [...new Set(g.databases.map((d) => `${d.method}/${d.copy}`))];
  return kinds.join(',');
}

function humanList(gens: GenerationSummary[], root: string, name: string | undefined): string {
  if (gens.length === 0) return name ? `no generations of "${name}" in ${root}` : `no snapshots in ${root}`;
  const header = ['NAME', 'GENERATION', 'TIME (UTC)', 'DBS', 'RAW', 'STORED', 'METHOD', 'VERIFIED'];
  const rows = gens.map((g) => [
    g.name,
    g.generation,
    g.createdAt.replace('T', ' ').replace('Z', ''),
    String(g.databases.length),
    formatBytes(g.rawSize),
    formatBytes(g.storedSize),
    methodLabel(g),
    verifiedLabel(g),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const names = new Set(gens.map((g) => g.name)).size;
  const stored = gens.reduce((a, g) => a + g.storedSize, 0);
  return [line(header), ...rows.map(line), `${gens.length} generation(s) of ${names} name(s), ${formatBytes(stored)} stored in ${root}`].join('\n');
}
