// The Action's seed step (action.yml); its code is in the bundle beside this folder (scripts/bundle.js).
import { entries } from '../index.js';
await entries["seed"]();
