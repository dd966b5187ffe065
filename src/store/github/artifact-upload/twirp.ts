import { STATUS_CODES } from 'node:http';
import { readAll, send } from '../../oci/http.ts';
import { agentFor } from './agents.ts';
import { UsageError, asNetworkError } from './errors.ts';
import type { Runtime } from './runtime.ts';

/**
 * The artifact service's Twirp JSON API, called as @actions/artifact calls it
 * (lib/internal/shared/artifact-twirp-client.js): POST `/twirp/<service>/<Method>` on the results
 * origin, a Bearer runtime token, the proto field names of lib/generated/results/api/v1/artifact.js
 * (int64 as strings, wrapper types as bare values, timestamps as RFC 3339), and the same retries:
 * 5 attempts on 429, 500, 502, 503, 504 or an unreadable answer, 3 s then ×1.5 with jitter (about
 * 30 s in all), a dropped connection not at all. Errors carry the toolkit's texts.
 */

const SERVICE = 'github.actions.results.api.v1.ArtifactService';
const MAX_ATTEMPTS = 5;
const FIRST_PAUSE_MS = 3000;
const MULTIPLIER = 1.5;
const RETRIED = new Set([429, 500, 502, 503, 504]);

/** An artifact of this run as ListArtifacts gives it (ListArtifactsResponse_MonolithArtifact). */
export interface ListedArtifact {
  workflow_run_backend_id: string;
  workflow_job_run_backend_id: string;
  /** int64, as a string. */
  database_id: string;
  name: string;
  size?: string;
  created_at?: string;
  digest?: string;
}

export class ArtifactTwirp {
  private readonly rt: Runtime;
  private readonly log: (line: string) => void;

  constructor(rt: Runtime, log: (line: string) => void = () => undefined) {
    this.rt = rt;
    this.log = log;
  }

  /** This run's finalized artifacts named `name` (the toolkit's name_filter, as getArtifact and deleteArtifact use it). */
  async list(name?: string): Promise<ListedArtifact[]> {
    const res = await this.call<{ artifacts?: ListedArtifact[] }>('ListArtifacts', { ...this.ids(), ...(name === undefined ? {} : { name_filter: name }) });
    return res.artifacts ?? [];
  }

  /** Reserves the name in this run; the answer is where the zip goes. 409 when the name is taken. */
  async create(name: string, mimeType: string, expiresAt?: Date): Promise<string> {
    const res = await this.call<{ ok?: boolean; signed_upload_url?: string }>('CreateArtifact', {
      ...this.ids(),
      name,
      ...(expiresAt ? { expires_at: timestamp(expiresAt) } : {}),
      version: 7,
      mime_type: mimeType,
    });
    if (!res.ok || !res.signed_upload_url) throw new Error('CreateArtifact: response from backend was not ok');
    return res.signed_upload_url;
  }

  /** Makes the uploaded zip the artifact; `sha256` is the hex digest of the zip's bytes. */
  async finalize(name: string, size: number, sha256: string): Promise<number> {
    const res = await this.call<{ ok?: boolean; artifact_id?: string }>('FinalizeArtifact', { ...this.ids(), name, size: String(size), hash: `sha256:${sha256}` });
    if (!res.ok) throw new Error('FinalizeArtifact: response from backend was not ok');
    return Number(res.artifact_id);
  }

  /** Deletes an artifact as listed: the toolkit names it by the run and job that uploaded it. */
  async delete(a: ListedArtifact): Promise<number> {
    const res = await this.call<{ ok?: boolean; artifact_id?: string }>('DeleteArtifact', {
      workflow_run_backend_id: a.workflow_run_backend_id,
      workflow_job_run_backend_id: a.workflow_job_run_backend_id,
      name: a.name,
    });
    return Number(res.artifact_id);
  }

  private ids(): { workflow_run_backend_id: string; workflow_job_run_backend_id: string } {
    return { workflow_run_backend_id: this.rt.runBackendId, workflow_job_run_backend_id: this.rt.jobBackendId };
  }

  private async call<T>(method: string, body: Record<string, unknown>): Promise<T> {
    try {
      return (await this.retried(method, Buffer.from(JSON.stringify(body)))) as T;
    } catch (err) {
      throw new Error(`Failed to ${method}: ${(err as Error).message}`, { cause: err });
    }
  }

  private async retried(method: string, body: Buffer): Promise<unknown> {
    const url = new URL(`/twirp/${SERVICE}/${method}`, this.rt.resultsOrigin);
    let errorMessage = '';
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let retryable: boolean;
      try {
        const res = await send({ method: 'POST', url, headers: { 'content-type': 'application/json', authorization: `Bearer ${this.rt.token}` }, body: () => body, agent: agentFor(url) });
        const status = res.statusCode ?? 0;
        const parsed = JSON.parse((await readAll(res)).toString('utf8')) as { msg?: unknown };
        if (status >= 200 && status < 300) return parsed;
        retryable = RETRIED.has(status);
        errorMessage = `Failed request: (${status}) ${res.statusMessage ?? STATUS_CODES[status] ?? ''}`;
        if (parsed.msg) {
          if (UsageError.is(parsed.msg)) throw new UsageError();
          errorMessage = `${errorMessage}: ${String(parsed.msg)}`;
        }
      } catch (err) {
        if (err instanceof UsageError) throw err;
        const network = asNetworkError(err);
        if (network) throw network;
        retryable = true;
        errorMessage = (err as Error).message;
      }
      if (!retryable) throw new Error(`Received non-retryable error: ${errorMessage}`);
      if (attempt + 1 === MAX_ATTEMPTS) break;
      const ms = pauseMs(attempt);
      this.log(`Attempt ${attempt + 1} of ${MAX_ATTEMPTS} failed with error: ${errorMessage}. Retrying request in ${ms} ms...`);
      await new Promise((r) => setTimeout(r, ms));
    }
    throw new Error(`Failed to make request after ${MAX_ATTEMPTS} attempts: ${errorMessage}`);
  }
}

/** 3 s, then a random time between 3 s × 1.5^n and 3 s × 1.5^(n+1). */
function pauseMs(attempt: number): number {
  if (attempt === 0) return FIRST_PAUSE_MS;
  const min = FIRST_PAUSE_MS * MULTIPLIER ** attempt;
  return Math.trunc(Math.random() * (min * MULTIPLIER - min) + min);
}

/** google.protobuf.Timestamp in JSON: RFC 3339, milliseconds only when there are some. */
function timestamp(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
