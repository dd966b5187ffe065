/**
 * What a job's runner hands an action for the artifact service, read as @actions/artifact reads it
 * (lib/internal/shared/config.js and util.js), with the same error texts: describeToolkitError
 * (artifacts.ts) turns those into "run this action as a step of a job" advice.
 */
export interface Runtime {
  /** ACTIONS_RUNTIME_TOKEN: the Bearer token of every Twirp call. */
  token: string;
  /** The origin of ACTIONS_RESULTS_URL: the toolkit drops any path it has. */
  resultsOrigin: string;
  /** The run and the job as the results service knows them, from the token's `scp` claim. */
  runBackendId: string;
  jobBackendId: string;
}

const INVALID_JWT = 'Failed to get backend IDs: The provided JWT token is invalid and/or missing claims';

export function readRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const token = env['ACTIONS_RUNTIME_TOKEN'];
  if (!token) throw new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable');
  const results = env['ACTIONS_RESULTS_URL'];
  if (!results) throw new Error('Unable to get the ACTIONS_RESULTS_URL env variable');
  return { token, resultsOrigin: new URL(results).origin, ...backendIds(token) };
}

/**
 * The token is a JWT that is decoded, never verified (the service does that): its `scp` claim
 * lists scopes separated by spaces, one of them `Actions.Results:<runBackendId>:<jobBackendId>`.
 */
function backendIds(token: string): { runBackendId: string; jobBackendId: string } {
  let scp: unknown;
  try {
    scp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { scp?: unknown }).scp;
  } catch {
    throw new Error(INVALID_JWT);
  }
  if (typeof scp !== 'string' || !scp) throw new Error(INVALID_JWT);
  for (const scope of scp.split(' ')) {
    const parts = scope.split(':');
    if (parts[0] !== 'Actions.Results') continue;
    if (parts.length !== 3) throw new Error(INVALID_JWT);
    return { runBackendId: parts[1] as string, jobBackendId: parts[2] as string };
  }
  throw new Error(INVALID_JWT);
}
