import { badInput } from '../engine/common/errors.ts';
import { generationTime } from './names.ts';

/**
 * Each option is a limit, and a generation goes when any limit says so: `keep` caps how many
 * generations of a name stay, `maxAgeMs` how old they may be. The newest generation always
 * stays, whatever the limits, so a name never loses its last rollback point.
 */
export interface RetentionPolicy {
  keep?: number;
  maxAgeMs?: number;
}

export interface PrunePlan {
  keep: string[];
  remove: { generation: string; why: string }[];
}

export function hasRetention(p: RetentionPolicy): boolean {
  return p.keep !== undefined || p.maxAgeMs !== undefined;
}

export function checkPolicy(p: RetentionPolicy): RetentionPolicy {
  if (p.keep !== undefined && (!Number.isInteger(p.keep) || p.keep < 1)) {
    throw badInput(`--keep: ${p.keep} keeps nothing; give at least 1 (the newest generation is always kept)`);
  }
  return p;
}

/** Decides, from generation ids alone, which generations a policy removes. */
export function planPrune(generations: readonly string[], policy: RetentionPolicy, now: Date): PrunePlan {
  const sorted = [...generations].sort();
  const plan: PrunePlan = { keep: [], remove: [] };
  const cutoff = policy.maxAgeMs === undefined ? undefined : now.getTime() - policy.maxAgeMs;
  sorted.forEach((id, i) => {
    const rank = sorted.length - i; // 1 = newest
    const t = generationTime(id)?.getTime();
    if (rank === 1) plan.keep.push(id);
    else if (policy.keep !== undefined && rank > policy.keep) plan.remove.push({ generation: id, why: `beyond the ${policy.keep} newest` });
    else if (cutoff !== undefined && t !== undefined && t < cutoff) plan.remove.push({ generation: id, why: 'older than --max-age' });
    else plan.keep.push(id);
  });
  return plan;
}
