import { formatBytes } from '../../engine/common/format.ts';
import { type GenerationSummary, type SeedSummary, list } from '../../api/index.ts';
import { storeFor } from '../../store/resolve.ts';
import { validateName } from '../../store/names.ts';
import { type Parsed, flag, required, str } from '../args.ts';
import { print, type Out } from '../output.ts';

export const LIST_OPTIONS = {
  store: { type: 'string' },
  name: { type: 'string' },
  seeds: { type: 'boolean', default: false },
} as const;

export const LIST_HELP = `Usage: sqlite-snapshot list --store <dir> [--name <name> | --seeds] [--json]

Lists the generations in a store, oldest first: time, databases, raw and stored size, method,
and whether the generation was verified ("yes (quick)" when snapshot --verify, --keep,
--max-age or a later "verify" proved it readable; FAILED when a verify found it damaged).
Then the store's seeds (see "sqlite-snapshot seed"), unless --name is given.

Options:
  --store <dir|url>       store directory, or s3://…, abs://… or oci://… (see docs/stores.md)
  --name <name>           only this snapshot name
  --seeds                 only the seeds: key, time, databases, sizes
  --json                  an array with every figure, sizes in bytes`;

export async function listCommand(p: Parsed, out: Out): Promise<void> {
  const store = await storeFor(required(p, 'store', 'list', './snapshots'));
  const nameArg = str(p, 'name');
  const name = nameArg === undefined ? undefined : validateName(nameArg, '--name');
  const { generations, seeds } = await list({ store, ...(name !== undefined ? { name } : {}) });
  const where = store.description;
  if (flag(p, 'seeds')) {
    print(out, () => humanSeeds(seeds, where), () => seeds);
    return;
  }
  print(out, () => [humanList(generations, where, name), ...(seeds.length ? ['', humanSeeds(seeds, where)] : [])].join('\n'), () => generations);
}

function humanSeeds(seeds: SeedSummary[], root: string): string {
  if (seeds.length === 0) return `no seeds in ${root}`;
  return table(
    ['SEED KEY', 'TIME (UTC)', 'DBS', 'RAW', 'STORED'],
    seeds.map((s) => [s.key, s.createdAt.replace('T', ' ').replace('Z', ''), s.error ? 'DAMAGED' : s.databases.join(','), formatBytes(s.rawSize), formatBytes(s.storedSize)]),
    `${seeds.length} seed(s), ${formatBytes(seeds.reduce((a, s) => a + s.storedSize, 0))} stored in ${root}/.seeds`,
  );
}

function table(header: string[], rows: string[][], footer: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), footer].join('\n');
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
