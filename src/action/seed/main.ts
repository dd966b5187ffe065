import * as core from '@actions/core';
import { GitHubCacheSeedStore } from '../../store/github/cache.ts';
import { runCommand } from '../../store/seed/command.ts';
import { type SeedOutcome, restoreSeed, seed } from '../../store/seed/seed.ts';
import { runAction } from '../run.ts';
import { restoresMustBeDurable } from '../durable.ts';
import { readSeedInputs } from './inputs.ts';
import { snapshotOptionsOf } from './options.ts';
import { logRestored, logSaved, setHitOutputs, writeSummary } from './report.ts';
import { STATE, type SeedState } from './state.ts';

async function main(): Promise<void> {
  setHitOutputs();
  const inputs = readSeedInputs();
  const store = new GitHubCacheSeedStore({ log: core.info });
  const restore = { check: 'auto' as const, durable: restoresMustBeDurable() };
  if (!inputs.run) {
    const r = await restoreSeed({ store, key: inputs.key, restoreKeys: inputs.restoreKeys, databases: inputs.databases, restore, log: core.info });
    logRestored(inputs.key, r);
    setHitOutputs(r);
    const state: SeedState = { key: inputs.key, hit: r.hit };
    core.saveState(STATE, JSON.stringify(state));
    if (r.hit !== 'exact') core.info('The post step will save what the job leaves at path under the key, if the job succeeds');
    await writeSummary(inputs.key, r);
    return;
  }
  const outcome: SeedOutcome = await seed({
    store,
    key: inputs.key,
    restoreKeys: inputs.restoreKeys,
    databases: inputs.databases,
    command: async () => {
      core.info(`Running: ${inputs.run}`);
      return runCommand(['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', inputs.run], { cwd: process.cwd(), env: stepEnv(), stdio: 'inherit', label: 'run' });
    },
    commandLabel: 'run',
    snapshot: snapshotOptionsOf(inputs),
    restore,
    log: core.info,
  });
  logRestored(inputs.key, outcome);
  setHitOutputs(outcome);
  if (outcome.saved) logSaved(inputs.key, outcome.saved);
  await writeSummary(inputs.key, outcome, outcome.saved);
}

/**
 * `run` gets what a `run:` step gets: the job's environment without the runtime token and the
 * cache service's variables (only actions receive those), and without this action's inputs.
 */
function stepEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(INPUT_|STATE_)/.test(k) || ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RUNTIME_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_CACHE_SERVICE_V2'].includes(k)) delete env[k];
  }
  return env;
}

await runAction(main);
// The cache client can leave a download timer running after a failed transfer; the step is done.
process.exit();
