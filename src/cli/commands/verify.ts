import { SnapshotError } from '../../engine/common/errors.ts';
import { readManifest } from '../../engine/manifest/manifest.ts';
import { verifySnapshot } from '../../engine/restore/verify.ts';
import { storeFor } from '../../store/resolve.ts';
import { type Parsed, choice, str } from '../args.ts';
import { print, type Out } from '../output.ts';
import { ProgressLine } from '../progress.ts';
import { SELECT_HELP, SELECT_OPTIONS, openSelected } from './open.ts';

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
  const opened = await openSelected(p, 'verify', out);
  const progress = new ProgressLine(!out.quiet && !out.json);
  try {
    const sizes = new Map((await readManifest(opened.dir)).databases.map((d) => [d.name, d.rawSize]));
    const report = await verifySnapshot(opened.dir, check, { onBytes: (name, n) => progress.update(`${name} verify`, n, sizes.get(name) ?? n) });
    progress.clear();
    // Recorded in the generation itself, so "list" can show which rollback points were proven readable.
    // A release is not ours to annotate: only a store keeps the result.
    if (str(p, 'release') === undefined) await (await storeFor(str(p, 'store') as string)).recordVerification(opened.name, opened.generation, {
      ok: report.ok,
      check,
      verifiedAt: new Date().toISOString(),
      by: 'verify',
      problems: report.databases.flatMap((d) => d.problems),
    });
    print(
      out,
      () =>
        [
          `${report.ok ? 'OK' : 'FAILED'}: snapshot ${opened.name} generation ${opened.generation}`,
          ...report.databases.map((d) => (d.ok ? `  ${d.name}: ok (${check} check, checksums match)` : `  ${d.name}: ${d.problems.join('; ')}`)),
        ].join('\n'),
      () => ({ ok: report.ok, name: opened.name, generation: opened.generation, databases: report.databases }),
    );
    if (!report.ok) {
      const bad = report.databases.filter((d) => !d.ok).map((d) => d.name);
      throw new SnapshotError('corrupt', `verify: ${bad.join(', ')} in snapshot ${opened.name} failed verification; do not restore it, take a new snapshot`, { reported: true });
    }
  } finally {
    progress.clear();
    await opened.close();
  }
}
