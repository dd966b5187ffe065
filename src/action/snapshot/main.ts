import * as core from '@actions/core';
import { createSnapshot } from '../../engine/snapshot/snapshot.ts';
import { badInput } from '../../engine/common/errors.ts';
import { formatBytes, formatDuration, formatRate } from '../../engine/common/format.ts';
import type { Manifest } from '../../engine/manifest/manifest.ts';
import type { Published } from '../../store/store.ts';
import { GitHubArtifactStore } from '../../store/github/artifacts.ts';
import { cell, integrityText, logEntry, ratio, rowCount } from '../report.ts';
import { runAction, throttled } from '../run.ts';
import { expandPatterns } from './paths.ts';
import { readSnapshotInputs, type ReleaseTarget, type SnapshotInputs } from './inputs.ts';
import { ReleaseStore } from '../../store/github/releases/store.ts';
import { ACTION_WORDS } from '../../store/github/releases/errors.ts';
import { partSizeFrom } from '../../store/github/releases/assets.ts';
import type { PublishedRelease } from '../../store/github/releases/publish.ts';

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
  const store = release ?? new GitHubArtifactStore({ retentionDays: inputs.retentionDays, overwrite: inputs.overwrite, log: core.info });
  if (release) {
    const { isPublic } = await release.checkCanPublish();
    if (isPublic) core.info(`${release.client.repoName} is public: once the release is published, anyone can download its assets, this snapshot included`);
  } else {
    await (store as GitHubArtifactStore).checkCanPublish(inputs.name);
  }
  const staging = await store.begin(inputs.name);
  const t0 = performance.now();
  let manifest: Manifest;
  let published: Published;
  try {
    const progress = throttled(10_000);
    manifest = await createSnapshot(files, staging.dir, inputs.name, {
      method: inputs.method,
      compression: inputs.compression,
      level: inputs.level,
      check: inputs.verify,
      busyTimeoutMs: inputs.busyTimeoutMs,
      rawSha256: inputs.rawSha256,
      durable: !staging.scratch,
      onProgress: (p) => progress(`${p.database}: ${p.phase} ${p.total > 1 ? `${Math.floor((100 * p.done) / p.total)}%` : ''}`),
    });
    const snapMs = performance.now() - t0;
    for (const e of manifest.databases) await logEntry(e);
    const t1 = performance.now();
    const where = inputs.release ? `release ${inputs.release.tag} of ${release?.client.repoName ?? ''}` : `artifact ${inputs.name}`;
    published = await core.group(`Uploading to ${where}`, () => staging.commit());
    const upMs = performance.now() - t1;
    const size = Number(published.details?.['size'] ?? 0);
    core.info(
      `Snapshot ${inputs.name}: ${manifest.databases.length} database(s) in ${formatDuration(snapMs)}, uploaded ${formatBytes(size)} in ${formatDuration(upMs)} (${formatRate(size, upMs)}) to ${inputs.release ? `release ${published.generation}: ${published.location}` : `artifact ${published.generation}`}`,
    );
  } catch (err) {
    await staging.abort();
    throw err;
  }

  if (release?.lastPublished) setReleaseOutputs(release.lastPublished);
  setOutputs(manifest, published);
  await writeSummary(inputs, manifest, published);
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

function setOutputs(manifest: Manifest, published: Published): void {
  const d = published.details ?? {};
  if (d['releaseId'] !== undefined) {
    core.setOutput('size', String(d['size'] ?? ''));
    core.setOutput('manifest', JSON.stringify(manifest));
    return;
  }
  core.setOutput('artifact-id', String(d['artifactId'] ?? published.generation));
  core.setOutput('artifact-url', String(d['url'] ?? published.location));
  core.setOutput('artifact-digest', String(d['digest'] ?? ''));
  core.setOutput('size', String(d['size'] ?? ''));
  core.setOutput('manifest', JSON.stringify(manifest));
}

async function writeSummary(inputs: SnapshotInputs, manifest: Manifest, published: Published): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
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
        ? `Release <a href="${cell(published.location)}">${cell(published.generation)}</a> (id ${cell(String(published.details?.['releaseId'] ?? ''))}, ${formatBytes(Number(published.details?.['size'] ?? 0))} in its assets)`
        : `Artifact <a href="${cell(published.location)}">${cell(inputs.name)}</a> (id ${cell(published.generation)}, ${formatBytes(Number(published.details?.['size'] ?? 0))})`,
      true,
    )
    .write();
}

await runAction(main);
