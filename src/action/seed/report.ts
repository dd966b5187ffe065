import * as core from '@actions/core';
import { formatBytes } from '../../engine/common/format.ts';
import type { Restored, Saved } from '../../store/seed/seed.ts';
import { cell } from '../report.ts';

/** The outputs, set first to a miss so that a failing step still leaves them defined. */
export function setHitOutputs(r?: Restored): void {
  core.setOutput('cache-hit', r?.hit === 'exact' ? 'true' : 'false');
  core.setOutput('cache-matched-key', r?.matchedKey ?? '');
}

export function logRestored(key: string, r: Restored): void {
  if (r.hit === 'miss') {
    core.info(`Seed ${key}: no entry matches the key or a restore key (miss)`);
    return;
  }
  const how = r.hit === 'exact' ? 'exact hit' : `partial hit on ${r.matchedKey}`;
  core.info(`Seed ${key}: ${how}; found and downloaded in ${Math.round(r.ms.find)} ms, verified and restored ${r.results.length} database(s) in ${Math.round(r.ms.restore)} ms`);
  for (const x of r.results) {
    core.info(`  ${x.path} (${x.replaced ? 'replaced' : 'new file'}${x.removedSideFiles.length ? `, stale ${x.removedSideFiles.map((f) => f.slice(f.lastIndexOf('-'))).join(', ')} removed` : ''}${x.sha256 ? `, sha256 ${x.sha256}` : ''})`);
  }
}

/**
 * A lost race is a notice: the other job's seed was built from the same inputs (same key) and
 * this job keeps the database its own command built. Any other failure to save is a warning:
 * this job has its database, later runs build the seed again.
 */
export function logSaved(key: string, s: Saved): void {
  const stored = s.manifest.databases.reduce((a, e) => a + e.storedSize, 0);
  const raw = s.manifest.databases.reduce((a, e) => a + e.rawSize, 0);
  const o = s.outcome;
  if (o.saved) core.info(`Seed ${key}: saved ${s.manifest.databases.length} database(s), ${formatBytes(raw)} as ${formatBytes(stored)} zstd`);
  else if (o.reason === 'taken') core.notice(`seed ${key}: not saved: ${o.message}`);
  else core.warning(`seed ${key}: not saved: ${o.message}; this job keeps its database, later runs will build the seed again`);
}

/** One line in the job summary: which key, what happened, what was saved. */
export async function writeSummary(key: string, r: Restored, saved?: Saved): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  const how = r.hit === 'exact' ? 'exact hit, restored' : r.hit === 'partial' ? `partial hit on <code>${cell(r.matchedKey ?? '')}</code>, restored and migrated` : 'miss, built';
  const o = saved?.outcome;
  const save = !o ? '' : o.saved ? '; saved' : o.reason === 'taken' ? '; another job saved this key first' : '; not saved (see the warning)';
  await core.summary.addHeading(`SQLite seed: <code>${cell(key)}</code>`, 3).addRaw(`${how} ${r.results.length || saved?.manifest.databases.length || 0} database(s)${save}.`, true).write();
}
