import type { Hit } from '../../store/seed/seed.ts';

/** What the main step hands the post step (core.saveState → STATE_<name>). */
export const STATE = 'seed';

export interface SeedState {
  key: string;
  hit: Hit;
}
