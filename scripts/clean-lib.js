// Empties lib/ before tsc writes it: tsc never deletes the output of a source that was renamed or
// removed, and such a stale module would still ship in the npm tarball (`files` takes lib/ whole).
import { rmSync } from 'node:fs';

rmSync(new URL('../lib', import.meta.url), { recursive: true, force: true });
