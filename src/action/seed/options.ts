import type { SnapshotOptions } from '../../engine/snapshot/snapshot.ts';
import type { SeedInputs } from './inputs.ts';

/** The snapshot knobs of the seed action, for main (with run) and post alike. */
export function snapshotOptionsOf(inputs: SeedInputs): SnapshotOptions {
  return { method: inputs.method, level: inputs.level, check: inputs.verify };
}
