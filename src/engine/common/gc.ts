import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (opts?: { type: 'minor' | 'major' }) => void;

let made: Gc | null | undefined;

/**
 * V8's gc(), which Node exposes only when started with --expose-gc: setFlagsFromString exposes it
 * to contexts created afterwards, the one made here (once per thread). Undefined where that fails:
 * memory then stays bounded, only higher.
 */
export function gcFunction(): Gc | undefined {
  if (made === undefined) {
    try {
      v8.setFlagsFromString('--expose_gc');
      made = vm.runInNewContext('gc') as Gc;
    } catch {
      made = null;
    }
  }
  return made ?? undefined;
}
