import * as core from '@actions/core';
import { SnapshotError } from '../../engine/common/errors.ts';
import { formatBytes, formatDuration, formatRate } from '../../engine/common/format.ts';
import { readManifest, type Manifest } from '../../engine/manifest/manifest.ts';
import { restoreSnapshot, type RestoreResult } from '../../engine/restore/restore.ts';
import { GitHubArtifactStore, inArtifact } from '../../store/github/artifacts.ts';
import type { Opened } from '../../store/store.ts';
import { cell, rawShaText, rowCount } from '../report.ts';
import { runAction, throttled } from '../run.ts';
import { readRestoreInputs, type RestoreInputs } from './inputs.ts';
import { ReleaseStore } from '../../store/github/releases/store.ts';
import { ACTION_WORDS } from '../../store/github/releases/errors.ts';
import { defaultTargets } from './targets.ts';
import { restoresMustBeDurable } from '../durable.ts';

async function main(): Promise<void> {
  const inputs = readRestoreInputs();
  if (inputs.release) return restoreFromRelease(inputs, inputs.release);
  const store = new GitHubArtifactStore({ source: inputs.source, log: core.info, warn: core.warning });
  core.setOutput('restored', 'false');

  const t0 = performance.now();
  let opened: Opened;
  try {
    opened = await core.group(`Downloading artifact ${inputs.name} from ${store.description}`, () => store.open(inputs.name));
  } catch (err) {
    if (err instanceof SnapshotError && err.kind === 'not-found' && inputs.ifNotFound !== 'error') {
      if (inputs.ifNotFound === 'warn') core.warning(`${err.message}; nothing was restored`);
      else core.info(`${err.message}; nothing was restored (if-not-found: ignore)`);
      return;
    }
    if (err instanceof SnapshotError && err.kind === 'not-found') {
      throw new SnapshotError('not-found', `${err.message}, or set if-not-found: warn`);
    }
    throw err;
  }
  const downloadMs = performance.now() - t0;

  try {
    const manifest = await readManifest(opened.dir);
    const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
    core.info(`Downloaded artifact ${inputs.name} (id ${opened.generation}): ${manifest.databases.length} database(s), ${formatBytes(stored)} in ${formatDuration(downloadMs)} (${formatRate(stored, downloadMs)})`);
    const targets = inputs.targets.length > 0 ? inputs.targets : defaultTargets(manifest);
    const t1 = performance.now();
    const progress = throttled(10_000);
    const results = await restoreSnapshot(opened.dir, targets, {
      journalMode: inputs.journalMode,
      durable: restoresMustBeDurable(),
      check: inputs.verify,
      keepPrevious: inputs.keepPrevious,
      onProgress: (p) => progress(`${p.database}: restoring ${p.total > 0 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
    }).catch((err: unknown) => {
      // Errors about the targets stand as they are; those about the downloaded files name the artifact.
      if (!(err instanceof SnapshotError) || !err.message.includes(opened.dir)) throw err;
      const e = inArtifact(err, opened.dir, `artifact "${inputs.name}" (id ${opened.generation})`) as SnapshotError;
      // Without a digest to compare, damage in transit first shows here: a new download may be intact.
      throw new SnapshotError(e.kind, e.message.replace(/; take the snapshot again$/, '; retry the job, and if it fails again take the snapshot again'), { cause: err });
    });
    const restoreMs = performance.now() - t1;
    for (const r of results) await logResult(r, manifest);
    const raw = results.reduce((a, r) => a + (manifest.databases.find((e) => e.name === r.entry)?.rawSize ?? 0), 0);
    core.info(`Restored ${results.length} target(s), ${formatBytes(raw)}, in ${formatDuration(restoreMs)} (${formatRate(raw, restoreMs)}); verify: ${inputs.verify}`);

    core.setOutput('restored', 'true');
    core.setOutput('paths', results.map((r) => r.path).join('\n'));
    // An empty line where the snapshot recorded no sha256 keeps the lines in the order of paths.
    core.setOutput('sha256', results.map((r) => r.sha256 ?? '').join('\n'));
    core.setOutput('manifest', JSON.stringify(manifest));
    await writeSummary(inputs, manifest, results, `artifact id ${opened.generation}`);
  } finally {
    await opened.close();
  }
}

async function restoreFromRelease(inputs: RestoreInputs, release: NonNullable<RestoreInputs['release']>): Promise<void> {
  core.setOutput('restored', 'false');
  const store = new ReleaseStore({ repository: release.repository, ...(release.token ? { token: release.token } : {}), ref: release.ref, words: ACTION_WORDS, log: core.info });
  const t0 = performance.now();
  const progress = throttled(10_000);
  let done;
  try {
    done = await core.group(`Restoring ${inputs.name} from ${store.description}`, () =>
      store.restore(inputs.name, (m) => (inputs.targets.length > 0 ? inputs.targets : defaultTargets(m)), {
        journalMode: inputs.journalMode,
        durable: restoresMustBeDurable(),
        check: inputs.verify,
        keepPrevious: inputs.keepPrevious,
        onProgress: (p) => progress(`${p.database}: restoring ${p.total > 0 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
      }),
    );
  } catch (err) {
    if (err instanceof SnapshotError && err.kind === 'not-found' && inputs.ifNotFound !== 'error') {
      if (inputs.ifNotFound === 'warn') core.warning(`${err.message}; nothing was restored`);
      else core.info(`${err.message}; nothing was restored (if-not-found: ignore)`);
      return;
    }
    if (err instanceof SnapshotError && err.kind === 'not-found') throw new SnapshotError('not-found', `${err.message}, or set if-not-found: warn`);
    throw err;
  }
  const { manifest, results } = done;
  const ms = performance.now() - t0;
  for (const r of results) await logResult(r, manifest);
  const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
  core.info(`Restored ${results.length} target(s) from release ${done.generation}: ${formatBytes(stored)} downloaded${done.streamed ? ' and decoded as it arrived' : ''} in ${formatDuration(ms)} (${formatRate(stored, ms)}); GitHub's digests and the manifest's checksums checked; verify: ${inputs.verify}`);
  core.setOutput('restored', 'true');
  core.setOutput('paths', results.map((r) => r.path).join('\n'));
  core.setOutput('sha256', results.map((r) => r.sha256 ?? '').join('\n'));
  core.setOutput('manifest', JSON.stringify(manifest));
  core.setOutput('release', done.generation);
  await writeSummary(inputs, manifest, results, `release ${done.generation}`);
}

async function logResult(r: RestoreResult, manifest: Manifest): Promise<void> {
  const e = manifest.databases.find((d) => d.name === r.entry);
  await core.group(`${r.entry} → ${r.path}`, async () => {
    core.info(`target       ${r.path} (${r.replaced ? 'replaced' : 'new file'}), journal ${r.journalMode}`);
    if (e) core.info(`size         ${formatBytes(e.storedSize)} ${e.compression} → ${formatBytes(e.rawSize)}; ${Object.keys(e.tables).length} tables, ${rowCount(e)} rows`);
    if (r.previous) core.info(`previous     kept as ${r.previous}`);
    if (r.removedSideFiles.length) core.info(`removed      stale ${r.removedSideFiles.join(', ')}`);
    core.info(`sha256       ${rawShaText(r.sha256)}`);
  });
}

async function writeSummary(inputs: RestoreInputs, manifest: Manifest, results: RestoreResult[], from: string): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  await core.summary
    .addHeading(`SQLite restore: ${cell(inputs.name)}`, 3)
    .addTable([
      ['Database', 'Target', 'Result', 'Size', 'Rows', 'sha256'].map((data) => ({ data, header: true })),
      ...results.map((r) => {
        const e = manifest.databases.find((d) => d.name === r.entry);
        return [
          cell(r.entry),
          cell(r.path),
          r.replaced ? `replaced${r.removedSideFiles.length ? ', stale WAL/SHM removed' : ''}` : 'new',
          e ? formatBytes(e.rawSize) : '',
          e ? String(rowCount(e)) : '',
          r.sha256 ? `<code>${r.sha256}</code>` : 'not recorded',
        ];
      }),
    ])
    .addRaw(`From ${cell(from)}, snapshot taken ${cell(manifest.createdAt)}.`, true)
    .write();
}

await runAction(main);
