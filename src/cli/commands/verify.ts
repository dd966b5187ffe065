import { SnapshotError, verify } from '../../api/index.ts';
import { type Parsed, choice, str } from '../args.ts';
import { print, type Out } from '../output.ts';
import { ProgressLine } from '../progress.ts';
import { SELECT_HELP, SELECT_OPTIONS, selectionFrom } from './open.ts';

export const VERIFY_OPTIONS = { ...SELECT_OPTIONS, check: { type: 'string' } } as const;

export const VERIFY_HELP = `Usage: sqlite-snapshot verify --store <dir> --name <name> [options]
       sqlite-snapshot verify --release <owner/repo@tag|latest> --name <name> [options]

Recomputes every checksum and size, decompresses each database to a temp copy and runs SQLite's
integrity check on it, then compares schema, page count and row counts with the manifest.
Reports everything found; exits 3 when anything is wrong. The result is recorded in the
generation (verification.json), which "list" shows.

Options:
${SELECT_HELP}
  --check <c>             full (default) | quick | off
  --json, -q/--quiet`;

export async function verifyCommand(p: Parsed, out: Out): Promise<void> {
  const check = choice(str(p, 'check'), ['full', 'quick', 'off'] as const, 'check', 'full');
  const selection = await selectionFrom(p, 'verify', out);
  const progress = new ProgressLine(!out.quiet && !out.json);
  try {
    // The result is recorded in the generation itself, so "list" can show which rollback points
    // were proven readable; a release is not ours to annotate.
    const report = await verify({ ...selection, check, onProgress: (e) => progress.update(`${e.database} verify`, e.done, e.total) });
    progress.clear();
    print(
      out,
      () =>
        [
          `${report.ok ? 'OK' : 'FAILED'}: snapshot ${report.name} generation ${report.generation}`,
          ...report.databases.map((d) => (d.ok ? `  ${d.name}: ok (${check} check, checksums match)` : `  ${d.name}: ${d.problems.join('; ')}`)),
        ].join('\n'),
      () => ({ ok: report.ok, name: report.name, generation: report.generation, databases: report.databases }),
    );
    if (!report.ok) {
      const bad = report.databases.filter((d) => !d.ok).map((d) => d.name);
      throw new SnapshotError('corrupt', `verify: ${bad.join(', ')} in snapshot ${report.name} failed verification; do not restore it, take a new snapshot`, { reported: true });
    }
  } finally {
    progress.clear();
  }
}
