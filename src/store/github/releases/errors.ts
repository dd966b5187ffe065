import { SnapshotError, oneLine } from '../../../engine/common/errors.ts';
import { GitHubHttpError } from './client.ts';

/**
 * How each front door names the settings a message points at: the Action's inputs
 * (`github-token`, `overwrite: true`) or the CLI's flags and environment (`GITHUB_TOKEN`, `--overwrite`).
 */
export interface ReleaseWords {
  /** Where the token comes from. */
  token: string;
  /** The input or flag that names the release. */
  release: string;
  /** How to allow replacing an asset. */
  overwrite: string;
  /** How to leave a created release a draft. */
  draft: string;
  /** How to let `latest` take prereleases. */
  prereleases: string;
}

export const ACTION_WORDS: ReleaseWords = {
  token: 'github-token',
  release: 'release',
  overwrite: 'overwrite: true',
  draft: 'draft: true',
  prereleases: 'prereleases: true',
};

export const CLI_WORDS: ReleaseWords = {
  token: 'GITHUB_TOKEN',
  release: '--release',
  overwrite: '--overwrite',
  draft: '--draft',
  prereleases: '--prereleases',
};

/** A REST failure turned into one line a user can act on: a token, a permission, a name, or a retry. */
export function describeReleaseError(err: unknown, what: string, repo: string, words: ReleaseWords): SnapshotError {
  if (err instanceof SnapshotError && !(err instanceof GitHubHttpError)) return err;
  if (err instanceof GitHubHttpError) {
    const said = err.githubMessage ? ` ${err.githubMessage}` : '';
    if (err.status === 401) {
      return new SnapshotError('bad-input', `${words.token}: GitHub refused the token (401${said}) while ${what}; give a valid token`, { cause: err });
    }
    if (err.status === 403) {
      return new SnapshotError(
        'bad-input',
        `${words.token}: may not do this in ${repo} (403${said}) while ${what}; publishing to a release needs contents: write (in a workflow: permissions: contents: write), reading a private repository's releases contents: read`,
        { cause: err },
      );
    }
    if (err.status === 404) {
      return new SnapshotError(
        'not-found',
        `${what}: ${repo} not found (404); check the repository name, and that ${words.token} can read it (a private repository needs a token with contents: read, publishing contents: write)`,
        { cause: err },
      );
    }
    if (err.status === 422) return new SnapshotError('failed', `${what}: GitHub refused it (422${said})`, { cause: err });
    return new SnapshotError('failed', `${what}: GitHub answered ${err.status}${said}; retry the job, or check https://www.githubstatus.com`, { cause: err });
  }
  const code = (err as { cause?: { code?: string } } | undefined)?.cause?.code ?? (err as NodeJS.ErrnoException | undefined)?.code;
  return new SnapshotError('failed', `${what}: the connection to GitHub failed (${code ?? oneLine(err)}); retry the job`, { cause: err });
}
