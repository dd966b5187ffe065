import * as core from '@actions/core';
import { badInput } from '../../engine/common/errors.ts';
import { JOURNAL_MODES, type JournalModeChoice } from '../../engine/restore/restore.ts';
import type { CheckLevel } from '../../engine/sqlite/sqlite.ts';
import type { ArtifactSource } from '../../store/github/artifacts.ts';
import { currentRepo, parseRepository } from '../../store/github/repository.ts';
import { workflowFile } from '../../store/github/rest.ts';
import { validateName } from '../../store/names.ts';
import type { Repo } from '../../store/github/rest.ts';
import type { ReleaseRef } from '../../store/github/releases/read.ts';
import { validateTag } from '../../store/github/releases/store.ts';
import { bool, lines, oneOf, text } from '../inputs.ts';

export type IfNotFound = 'error' | 'warn' | 'ignore';

export interface RestoreInputs {
  name: string;
  /** Empty: each database goes back to the path it was snapshotted from. */
  targets: string[];
  verify: CheckLevel | 'auto';
  keepPrevious: boolean;
  journalMode: JournalModeChoice;
  ifNotFound: IfNotFound;
  source: ArtifactSource;
  /** Set: read from a release's assets instead of an artifact. */
  release?: { ref: ReleaseRef; repository: Repo; token?: string };
}

/** Every input of the restore action, read and checked before anything is downloaded. */
export function readRestoreInputs(): RestoreInputs {
  const name = validateName(lines('name')[0] ?? 'sqlite-snapshot', 'name');
  const targets = lines('path');
  const verify = oneOf('verify', ['auto', 'quick', 'full', 'off'] as const, 'auto');
  const keepPrevious = bool('keep-previous', false);
  const journalMode = oneOf('journal-mode', JOURNAL_MODES, 'keep');
  const ifNotFound = oneOf('if-not-found', ['error', 'warn', 'ignore'] as const, 'error');

  const token = text('github-token');
  // Registered before anything can print it: the runner masks it in every later log line.
  if (token) core.setSecret(token);

  const runText = text('run-id');
  let runId: number | 'latest' | undefined;
  if (runText === '') runId = undefined;
  else if (runText.toLowerCase() === 'latest') runId = 'latest';
  else if (/^\d+$/.test(runText) && Number(runText) > 0) runId = Number(runText);
  else throw badInput(`run-id: "${runText}" is not a run id; give the number from the run's URL (…/actions/runs/<id>), latest, or leave it empty for this run`);
  // This run's own id goes through the runtime token like any same-run download; no API token needed.
  if (typeof runId === 'number' && String(runId) === process.env['GITHUB_RUN_ID'] && !text('repository')) runId = undefined;

  const repoText = text('repository');
  const repository = repoText ? parseRepository(repoText, 'repository') : undefined;
  const release = readRelease(runText, repository, token);
  if (release) return { name, targets, verify, keepPrevious, journalMode, ifNotFound, source: {}, release };
  const otherRepo = repository !== undefined && `${repository.owner}/${repository.repo}`.toLowerCase() !== (process.env['GITHUB_REPOSITORY'] ?? '').toLowerCase();
  if (otherRepo && runId === undefined) {
    throw badInput(`repository: ${repoText} is another repository; also give run-id (a run id of that repository, or latest)`);
  }
  if (runId !== undefined && !token) {
    throw badInput('github-token: is empty; restoring from another run needs a token with actions:read (the default github.token works within this repository)');
  }
  const branch = text('branch') || process.env['GITHUB_BASE_REF'] || process.env['GITHUB_REF_NAME'] || '';
  if (runId === 'latest' && !branch) throw badInput('branch: is empty and this run has no branch; give the branch whose runs to search, for example main');
  const allowForks = bool('allow-forks', false);
  const workflow = readWorkflow(runId);

  const source: ArtifactSource = {
    ...(runId !== undefined ? { runId } : {}),
    ...(runId !== undefined ? { repository: repository ?? currentRepo() } : {}),
    ...(token ? { token } : {}),
    ...(runId === 'latest' ? { branch, allowForks, ...(workflow ? { workflow } : {}) } : {}),
  };
  return { name, targets, verify, keepPrevious, journalMode, ifNotFound, source };
}

function readRelease(runText: string, repository: Repo | undefined, token: string): RestoreInputs['release'] {
  const tag = text('release');
  const prereleases = bool('prereleases', false);
  if (!tag) {
    if (prereleases) throw badInput('prereleases: applies only with release: latest; set release, or remove prereleases');
    return undefined;
  }
  if (runText) throw badInput(`run-id: "${runText}" is for artifacts, release: "${tag}" for release assets; give one of them`);
  if (text('workflow')) throw badInput('workflow: applies only to run-id: latest; remove it when restoring from a release');
  const latest = tag.toLowerCase() === 'latest';
  if (!latest) validateTag(tag, 'release');
  if (prereleases && !latest) throw badInput(`prereleases: applies only with release: latest, not a tag (${tag}); remove it`);
  return { ref: latest ? { latest: true, prereleases } : { tag }, repository: repository ?? currentRepo(), ...(token ? { token } : {}) };
}

/** `nightly.yml`, `.github/workflows/nightly.yml` or either with `@ref`: the file name is what runs are compared by. */
function readWorkflow(runId: number | 'latest' | undefined): string {
  const value = text('workflow');
  if (!value) return '';
  if (runId !== 'latest') throw badInput(`workflow: "${value}" only applies with run-id: latest; remove it, or set run-id: latest`);
  const file = workflowFile(value);
  if (!/^[\w.-]+\.ya?ml$/.test(file)) throw badInput(`workflow: "${value}" is not a workflow file name; give the file name in .github/workflows, for example nightly.yml`);
  return file;
}
