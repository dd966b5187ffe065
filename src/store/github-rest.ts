import { SnapshotError } from '../engine/errors.ts';

/**
 * The few REST calls that @actions/artifact does not make for us: finding the newest successful
 * run that holds an artifact. Plain fetch keeps us off @actions/github (not a direct dependency).
 */
export interface Repo {
  owner: string;
  repo: string;
}

export interface RestArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  digest?: string | null;
  workflow_run?: { id?: number; head_branch?: string | null } | null;
}

export interface RestRun {
  id: number;
  conclusion: string | null;
  status: string | null;
  head_branch: string | null;
}

export class RestClient {
  readonly base: string;
  private readonly token: string;
  constructor(token: string, base = process.env['GITHUB_API_URL'] || 'https://api.github.com') {
    this.token = token;
    this.base = base.replace(/\/+$/, '');
  }

  async get<T>(route: string): Promise<T> {
    const res = await this.fetchWithRetries(route);
    if (res.status === 401 || res.status === 403) {
      throw new SnapshotError('failed', `GitHub API ${route.split('?')[0]}: ${res.status}; give github-token a token with actions:read on the repository`);
    }
    if (res.status === 404) {
      throw new SnapshotError('not-found', `GitHub API ${route.split('?')[0]}: 404; check repository and run-id, and that github-token can read that repository`);
    }
    if (!res.ok) {
      throw new SnapshotError('failed', `GitHub API ${route.split('?')[0]}: HTTP ${res.status}; retry the job, or check https://www.githubstatus.com`);
    }
    return (await res.json()) as T;
  }

  /**
   * GitHub's API answers the odd 502 or drops a connection; @actions/artifact's own REST calls
   * retry those (octokit's retry plugin), so the calls we make ourselves do too.
   */
  private async fetchWithRetries(route: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= REST_ATTEMPTS;
      try {
        const res = await fetch(`${this.base}${route}`, {
          headers: {
            Accept: 'application/vnd.github+json',
            Authorization: `Bearer ${this.token}`,
            'X-GitHub-Api-Version': '2022-11-28',
            'User-Agent': 'sqlite-snapshot',
          },
        });
        if (last || (res.status < 500 && res.status !== 429)) return res;
        await res.body?.cancel();
      } catch (err) {
        if (last) {
          // fetch says only "fetch failed"; the socket's error code is on its cause.
          const code = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;
          throw new SnapshotError('failed', `GitHub API ${route.split('?')[0]}: ${(err as Error).message}${code ? ` (${code})` : ''}; retry the job, and check that the runner can reach ${this.base}`, { cause: err });
        }
      }
      await new Promise((r) => setTimeout(r, REST_RETRY_MS * attempt));
    }
  }

  /** The newest artifacts of that name in the repository, newest first (one page). */
  async artifactsNamed(r: Repo, name: string): Promise<RestArtifact[]> {
    const data = await this.get<{ artifacts: RestArtifact[] }>(
      `/repos/${enc(r.owner)}/${enc(r.repo)}/actions/artifacts?name=${encodeURIComponent(name)}&per_page=100`,
    );
    return [...data.artifacts].sort((a, b) => b.id - a.id);
  }

  async run(r: Repo, runId: number): Promise<RestRun> {
    return this.get<RestRun>(`/repos/${enc(r.owner)}/${enc(r.repo)}/actions/runs/${runId}`);
  }
}

const enc = encodeURIComponent;

/** Tries per REST call, and the first wait between them (growing linearly): about 3 s in all. */
const REST_ATTEMPTS = 3;
const REST_RETRY_MS = 1000;

/** How many runs `latest` inspects before giving up: each costs one API call. */
export const LATEST_MAX_RUNS = 30;

/**
 * `run-id: latest`: the newest unexpired artifact of that name whose run is on `branch` and
 * concluded successfully. A run still in progress (this one, say) does not count.
 */
export async function findLatest(
  api: RestClient,
  r: Repo,
  name: string,
  branch: string,
): Promise<{ runId: number; artifact: RestArtifact } | undefined> {
  const checked = new Map<number, boolean>();
  for (const a of await api.artifactsNamed(r, name)) {
    const runId = a.workflow_run?.id;
    if (a.expired || a.name !== name || !runId) continue;
    if (branch && a.workflow_run?.head_branch !== branch) continue;
    if (!checked.has(runId)) {
      if (checked.size >= LATEST_MAX_RUNS) break;
      const run = await api.run(r, runId);
      checked.set(runId, run.status === 'completed' && run.conclusion === 'success');
    }
    if (checked.get(runId)) return { runId, artifact: a };
  }
  return undefined;
}
