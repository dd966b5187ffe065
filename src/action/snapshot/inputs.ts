import * as core from '@actions/core';
import { type Compression, COMPRESSIONS, resolveLevel } from '../../engine/manifest/compression.ts';
import type { CheckLevel } from '../../engine/sqlite/sqlite.ts';
import { METHODS, type MethodChoice } from '../../engine/snapshot/snapshot.ts';
import { badInput } from '../../engine/common/errors.ts';
import { validateName } from '../../store/names.ts';
import { currentRepo, parseRepository } from '../../store/github/repository.ts';
import type { Repo } from '../../store/github/rest.ts';
import { validateTag } from '../../store/github/releases/store.ts';
import { bool, int, lines, oneOf, text } from '../inputs.ts';

export type IfNoFilesFound = 'warn' | 'error' | 'ignore';

export interface SnapshotInputs {
  patterns: string[];
  name: string;
  method: MethodChoice;
  compression: Compression;
  level: number;
  verify: CheckLevel;
  retentionDays: number;
  overwrite: boolean;
  ifNoFilesFound: IfNoFilesFound;
  busyTimeoutMs: number;
  rawSha256: boolean;
  /** Set: publish to this release instead of uploading an artifact. */
  release?: ReleaseTarget;
}

export interface ReleaseTarget {
  tag: string;
  repository: Repo;
  token: string;
  draft: boolean;
  prerelease: boolean;
  makeLatest: boolean;
}

/** Every input of the snapshot action, read and checked before anything is touched. */
export function readSnapshotInputs(): SnapshotInputs {
  const patterns = lines('path');
  if (patterns.length === 0) {
    throw badInput('path: is empty; list the database file(s) to snapshot, one per line (globs such as data/*.db allowed)');
  }
  const name = validateName(lines('name')[0] ?? 'sqlite-snapshot', 'name');
  const method = oneOf('method', METHODS, 'auto');
  const compression = oneOf('compression', COMPRESSIONS, 'zstd');
  const level = resolveLevel(compression, compression === 'none' ? undefined : int('compression-level', -7, 22), 'compression-level');
  const verify = oneOf('verify', ['quick', 'full', 'off'] as const, 'quick');
  const retentionDays = int('retention-days', 0, 400) ?? 0;
  const overwrite = bool('overwrite', false);
  const ifNoFilesFound = oneOf('if-no-files-found', ['warn', 'error', 'ignore'] as const, 'warn');
  const busyTimeoutMs = int('busy-timeout', 0, 3_600_000) ?? 5000;
  const rawSha256 = bool('raw-sha256', false);
  const release = readRelease(retentionDays);
  return { patterns, name, method, compression, level, verify, retentionDays, overwrite, ifNoFilesFound, busyTimeoutMs, rawSha256, ...(release ? { release } : {}) };
}

function readRelease(retentionDays: number): ReleaseTarget | undefined {
  const tag = text('release');
  const token = text('github-token');
  // Registered before anything can print it: the runner masks it in every later log line.
  if (token) core.setSecret(token);
  if (!tag) {
    for (const input of ['draft', 'prerelease', 'make-latest']) {
      if (bool(input, false)) throw badInput(`${input}: applies only with release; set release to a tag, or remove ${input}`);
    }
    return undefined;
  }
  if (tag.toLowerCase() === 'latest') throw badInput('release: "latest" is for the restore action; give the tag to publish to, for example ${{ github.ref_name }}');
  validateTag(tag, 'release');
  if (retentionDays !== 0) throw badInput('retention-days: applies to artifacts; a release keeps its assets until they are deleted, so remove retention-days or release');
  if (!token) throw badInput('github-token: is empty; publishing to a release needs a token with contents: write (the default github.token has it with permissions: contents: write)');
  const repoText = text('repository');
  return {
    tag,
    repository: repoText ? parseRepository(repoText, 'repository') : currentRepo(),
    token,
    draft: bool('draft', false),
    prerelease: bool('prerelease', false),
    makeLatest: bool('make-latest', false),
  };
}
