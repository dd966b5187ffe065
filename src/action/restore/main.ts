import * as core from '@actions/core';
import { type Manifest, ReleaseStore, type RestoreOptions, type RestoreResult, type RestoreSummary, SnapshotError, restore } from '../../api/index.ts';
import { formatBytes, formatDuration, formatRate } from '../../engine/common/format.ts';
import { ACTION_WORDS } from '../../store/github/releases/errors.ts';
import { cell, rawShaText, rowCount } from '../report.ts';
import { runAction, throttled } from '../run.ts';
import { type Download, loggedDownload } from './download.ts';
import { readRestoreInputs, type RestoreInputs } from './inputs.ts';
import { defaultTargets } from './targets.ts';
import { restoresMustBeDurable } from '../durable.ts';

async function main(): Promise<void> {
  const inputs = readRestoreInputs();
  core.setOutput('restored', 'false');
  if (inputs.release) return restoreFromRelease(inputs, inputs.release);
  // Loaded only here: a release restore needs none of @actions/artifact and the Azure SDK under it.
  const { GitHubArtifactStore, inArtifact } = await import('../../store/github/artifacts.ts');
  const artifacts = new GitHubArtifactStore({ source: inputs.source, log: core.info, warn: core.warning });
  let download: Download | undefined;
  const store = loggedDownload(artifacts, `Downloading artifact ${inputs.name} from ${artifacts.description}`, (d) => (download = d));
  let t1 = 0;
  let done: RestoreSummary;
  try {
    done = await restore({
      store,
      name: inputs.name,
      // Called with the manifest once the artifact is downloaded, before anything is restored.
      to: (manifest) => {
        const d = download as Download;
        const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
        core.info(`Downloaded artifact ${inputs.name} (id ${d.generation}): ${manifest.databases.length} database(s), ${formatBytes(stored)} in ${formatDuration(d.ms)} (${formatRate(stored, d.ms)})`);
        t1 = performance.now();
        return inputs.targets.length > 0 ? inputs.targets : defaultTargets(manifest);
      },
      ...restoreOptions(inputs),
    });
  } catch (err) {
    if (!download) return notFound(err, inputs);
    // Errors about the targets stand as they are; those about the downloaded files name the artifact.
    if (!(err instanceof SnapshotError) || !err.message.includes(download.dir)) throw err;
    const e = inArtifact(err, download.dir, `artifact "${inputs.name}" (id ${download.generation})`) as SnapshotError;
    // Without a digest to compare, damage in transit first shows here: a new download may be intact.
    throw new SnapshotError(e.kind, e.message.replace(/; take the snapshot again$/, '; retry the job, and if it fails again take the snapshot again'), { cause: err });
  }
  const { manifest, restored: results } = done;
  const restoreMs = performance.now() - t1;
  for (const r of results) await logResult(r, manifest);
  const raw = results.reduce((a, r) => a + (manifest.databases.find((e) => e.name === r.entry)?.rawSize ?? 0), 0);
  core.info(`Restored ${results.length} target(s), ${formatBytes(raw)}, in ${formatDuration(restoreMs)} (${formatRate(raw, restoreMs)}); verify: ${inputs.verify}`);
  setOutputs(results, manifest);
  await writeSummary(inputs, manifest, results, `artifact id ${done.generation}`);
}

async function restoreFromRelease(inputs: RestoreInputs, release: NonNullable<RestoreInputs['release']>): Promise<void> {
  const store = new ReleaseStore({ repository: release.repository, ...(release.token ? { token: release.token } : {}), ref: release.ref, words: ACTION_WORDS, log: core.info });
  const t0 = performance.now();
  let done: RestoreSummary;
  try {
    // Decoded as it downloads when every database is zstd; a damaged download is fetched once more.
    done = await core.group(`Restoring ${inputs.name} from ${store.description}`, () =>
      restore({ store, name: inputs.name, to: (m) => (inputs.targets.length > 0 ? inputs.targets : defaultTargets(m)), ...restoreOptions(inputs) }),
    );
  } catch (err) {
    return notFound(err, inputs);
  }
  const { manifest, restored: results } = done;
  const ms = performance.now() - t0;
  for (const r of results) await logResult(r, manifest);
  const stored = manifest.databases.reduce((a, e) => a + e.storedSize, 0);
  core.info(`Restored ${results.length} target(s) from release ${done.generation}: ${formatBytes(stored)} downloaded${done.streamed ? ' and decoded as it arrived' : ''} in ${formatDuration(ms)} (${formatRate(stored, ms)}); GitHub's digests and the manifest's checksums checked; verify: ${inputs.verify}`);
  setOutputs(results, manifest);
  core.setOutput('release', done.generation);
  await writeSummary(inputs, manifest, results, `release ${done.generation ?? ''}`);
}

function restoreOptions(inputs: RestoreInputs): Pick<RestoreOptions, 'journalMode' | 'check' | 'keepPrevious' | 'durable' | 'onProgress'> {
  const progress = throttled(10_000);
  return {
    journalMode: inputs.journalMode,
    durable: restoresMustBeDurable(),
    check: inputs.verify,
    keepPrevious: inputs.keepPrevious,
    onProgress: (p) => progress(`${p.database}: restoring ${p.total > 0 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
  };
}

/** No snapshot to restore: what if-not-found says; any other failure stands. */
function notFound(err: unknown, inputs: RestoreInputs): void {
  if (!(err instanceof SnapshotError) || err.kind !== 'not-found') throw err;
  if (inputs.ifNotFound === 'error') throw new SnapshotError('not-found', `${err.message}, or set if-not-found: warn`);
  if (inputs.ifNotFound === 'warn') core.warning(`${err.message}; nothing was restored`);
  else core.info(`${err.message}; nothing was restored (if-not-found: ignore)`);
}

function setOutputs(results: RestoreResult[], manifest: Manifest): void {
  core.setOutput('restored', 'true');
  core.setOutput('paths', results.map((r) => r.path).join('\n'));
  // An empty line where the snapshot recorded no sha256 keeps the lines in the order of paths.
  core.setOutput('sha256', results.map((r) => r.sha256 ?? '').join('\n'));
  core.setOutput('manifest', JSON.stringify(manifest));
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
