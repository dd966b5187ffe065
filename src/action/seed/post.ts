import * as core from '@actions/core';
import { GitHubCacheSeedStore } from '../../store/github/cache.ts';
import { saveSeed } from '../../store/seed/seed.ts';
import { runAction } from '../run.ts';
import { readSeedInputs } from './inputs.ts';
import { snapshotOptionsOf } from './options.ts';
import { logSaved } from './report.ts';
import { STATE, type SeedState } from './state.ts';

/**
 * The post step of the form without `run` (post-if: success(), as actions/cache): snapshots what
 * the job's steps left at path and saves it under the key, unless the key hit exactly.
 */
async function post(): Promise<void> {
  const raw = core.getState(STATE);
  // No state: the main step failed before it looked, or `run` was given and it saved itself.
  if (!raw) return;
  const state = JSON.parse(raw) as SeedState;
  if (state.hit === 'exact') {
    core.info(`Seed ${state.key}: exact hit in the main step; nothing to save`);
    return;
  }
  const inputs = readSeedInputs();
  const store = new GitHubCacheSeedStore({ log: core.info });
  const saved = await saveSeed({ store, key: state.key, databases: inputs.databases, snapshot: snapshotOptionsOf(inputs), log: core.info });
  logSaved(state.key, saved);
}

await runAction(post);
process.exit();
