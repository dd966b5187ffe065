import { SnapshotError } from '../engine/common/errors.ts';
import type { GenerationInfo, Selector } from './store.ts';

/** The generation a selector names among a name's generations (oldest first), for every history store; `where` names the store in messages. */
export function pickGeneration(gens: readonly GenerationInfo[], name: string, select: Selector, where: string): GenerationInfo {
  let pick: GenerationInfo | undefined;
  if (select.generation) {
    pick = gens.find((g) => g.generation === select.generation);
    if (!pick) throw new SnapshotError('not-found', `snapshot ${name}: no generation ${select.generation} in ${where}; run "sqlite-snapshot list" to see them`);
  } else if (select.at) {
    const at = select.at.getTime();
    pick = gens.filter((g) => Date.parse(g.createdAt) <= at).at(-1);
    if (!pick) throw new SnapshotError('not-found', `snapshot ${name}: no generation at or before ${select.at.toISOString()} in ${where}`);
  } else {
    pick = gens.at(-1);
  }
  if (!pick) throw new SnapshotError('not-found', `snapshot "${name}" not found in ${where}; check --name and --store, or run "sqlite-snapshot list"`);
  return pick;
}
