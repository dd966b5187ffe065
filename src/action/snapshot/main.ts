import * as core from '@actions/core';
import { ReleaseStore, type SnapshotResult, snapshot } from '../../api/index.ts';
import { badInput } from '../../engine/common/errors.ts';
import { formatBytes, formatDuration, formatRate } from '../../engine/common/format.ts';
import type { GitHubArtifactStore } from '../../store/github/artifacts.ts';
import { partSizeFrom } from '../../store/github/releases/assets.ts';
import { ACTION_WORDS } from '../../store/github/releases/errors.ts';
import type { PublishedRelease } from '../../store/github/releases/publish.ts';
import { cell, integrityText, ratio, rowCount } from '../report.ts';
import { runAction, throttled } from '../run.ts';
import { expandPatterns } from './paths.ts';
import { readSnapshotInputs, type ReleaseTarget, type SnapshotInputs } from './inputs.ts';
import { type Timing, loggedUpload } from './upload.ts';

async function main(): Promise<void> {
  const inputs = readSnapshotInputs();
  const { files, unmatched } = await expandPatterns(inputs.patterns, process.cwd());
  if (files.length === 0) {
    const msg = `path: no database matched ${inputs.patterns.map((p) => JSON.stringify(p)).join(', ')}; nothing was uploaded`;
    if (inputs.ifNoFilesFound === 'error') throw badInput(`${msg}; check the path, or set if-no-files-found: warn`);
    if (inputs.ifNoFilesFound === 'warn') core.warning(msg);
    else core.info(msg);
    return;
  }
  if (unmatched.length > 0) {
    const msg = `path: ${unmatched.map((p) => JSON.stringify(p)).join(', ')} matched no file`;
    if (inputs.ifNoFilesFound === 'error') throw badInput(`${msg}; fix the pattern, or set if-no-files-found: warn`);
    if (inputs.ifNoFilesFound === 'warn') core.warning(`${msg}; snapshotting the ${files.length} database(s) that matched`);
  }

  const release = inputs.release ? releaseStore(inputs.release, inputs) : undefined;
  // A release step never loads the artifact store (nor does any snapshot step load @actions/artifact).
  const artifacts = release ? undefined : new (await import('../../store/github/artifacts.ts')).GitHubArtifactStore({ retentionDays: inputs.retentionDays, overwrite: inputs.overwrite, log: core.info });
  // A token or permission missing, or an artifact name taken, fails the step as soon as GitHub
  // answers, which it does while the snapshot is taken (the snapshot is then stopped).
  if (release) {
    void release.checkCanPublish().then(({ isPublic }) => {
      if (isPublic) core.info(`${release.client.repoName} is public: once the release is published, anyone can download its assets, this snapshot included`);
    }, () => undefined);
  }
  const where = inputs.release ? `release ${inputs.release.tag} of ${release?.client.repoName ?? ''}` : `artifact ${inputs.name}`;
  let timing: Timing | undefined;
  const store = loggedUpload(release ?? (artifacts as GitHubArtifactStore), `Uploading to ${where}`, (t) => (timing = t), release ? release.checkCanPublish() : (artifacts as GitHubArtifactStore).checkCanPublish(inputs.name));
  const progress = throttled(10_000);
  const take = (signal?: AbortSignal): Promise<SnapshotResult> =>
    snapshot(files, {
      store,
      name: inputs.name,
      method: inputs.method,
      compression: inputs.compression,
      level: inputs.level,
      check: inputs.verify,
      busyTimeoutMs: inputs.busyTimeoutMs,
      rawSha256: inputs.rawSha256,
      ...(signal ? { signal } : {}),
      onProgress: (p) => progress(`${p.database}: ${p.phase} ${p.total > 1 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
    });
  // The name (artifacts) or the release is checked with GitHub while the snapshot is taken.
  const taken = release ? await release.whileChecking(take) : await (artifacts as GitHubArtifactStore).whileChecking(inputs.name, take);
  const { snapMs, upMs: commitMs } = timing as Timing;
  // A release's stored files go up while the snapshot is checked: the store times its own upload.
  const upMs = Number(taken.details?.['uploadMs'] ?? commitMs);
  const size = Number(taken.details?.['size'] ?? 0);
  core.info(
    `Snapshot ${inputs.name}: ${taken.manifest.databases.length} database(s) in ${formatDuration(snapMs)}, uploaded ${formatBytes(size)} in ${formatDuration(upMs)} (${formatRate(size, upMs)}) to ${inputs.release ? `release ${taken.generation}: ${taken.location}` : `artifact ${taken.generation}`}`,
  );

  if (release?.lastPublished) setReleaseOutputs(release.lastPublished);
  setOutputs(taken);
  await writeSummary(inputs, taken);
}

function releaseStore(target: ReleaseTarget, inputs: SnapshotInputs): ReleaseStore {
  return new ReleaseStore({
    repository: target.repository,
    token: target.token,
    ref: { tag: target.tag },
    publish: {
      draft: target.draft,
      prerelease: target.prerelease,
      makeLatest: target.makeLatest,
      overwrite: inputs.overwrite,
      partSize: partSizeFrom(process.env['SQLITE_SNAPSHOT_RELEASE_PART_SIZE']),
      ...(process.env['GITHUB_SHA'] ? { targetCommitish: process.env['GITHUB_SHA'] } : {}),
    },
    words: ACTION_WORDS,
    log: core.info,
  });
}

function setReleaseOutputs(p: PublishedRelease): void {
  core.setOutput('release-id', String(p.release.id));
  core.setOutput('release-url', p.release.html_url);
  core.setOutput('asset-ids', p.assets.map((a) => a.id).join('\n'));
  core.setOutput('asset-urls', p.assets.map((a) => a.browser_download_url).join('\n'));
}

function setOutputs(taken: SnapshotResult): void {
  const { manifest } = taken;
  const d = taken.details ?? {};
  if (d['releaseId'] !== undefined) {
    core.setOutput('size', String(d['size'] ?? ''));
    core.setOutput('manifest', JSON.stringify(manifest));
    return;
  }
  core.setOutput('artifact-id', String(d['artifactId'] ?? taken.generation));
  core.setOutput('artifact-url', String(d['url'] ?? taken.location));
  core.setOutput('artifact-digest', String(d['digest'] ?? ''));
  core.setOutput('size', String(d['size'] ?? ''));
  core.setOutput('manifest', JSON.stringify(manifest));
}

async function writeSummary(inputs: SnapshotInputs, taken: SnapshotResult): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  const { manifest } = taken;
  const rows = manifest.databases.map((e) => [
    cell(e.source),
    cell(`${e.method} (${e.copy})${e.recovery ? (e.recovery.kind === 'wal' ? ', WAL replayed (crash recovery)' : ', hot journal rolled back (crash recovery)') : ''}`),
    `${formatBytes(e.rawSize)} → ${formatBytes(e.storedSize)} ${e.compression} (${ratio(e.rawSize, e.storedSize)})`,
    String(Object.keys(e.tables).length),
    String(rowCount(e)),
    cell(integrityText(e)),
    e.rawSha256 ? `<code>${e.rawSha256}</code>` : 'not recorded',
  ]);
  await core.summary
    .addHeading(`SQLite snapshot: ${cell(inputs.name)}`, 3)
    .addTable([
      ['Database', 'Method', 'Raw → stored', 'Tables', 'Rows', 'Integrity', 'sha256'].map((data) => ({ data, header: true })),
      ...rows,
    ])
    .addRaw(
      inputs.release
        ? `Release <a href="${cell(taken.location)}">${cell(taken.generation ?? '')}</a> (id ${cell(String(taken.details?.['releaseId'] ?? ''))}, ${formatBytes(Number(taken.details?.['size'] ?? 0))} in its assets)`
        : `Artifact <a href="${cell(taken.location)}">${cell(inputs.name)}</a> (id ${cell(taken.generation ?? '')}, ${formatBytes(Number(taken.details?.['size'] ?? 0))})`,
      true,
    )
    .write();
}

await runAction(main);
