import type { ErrorKind } from '../engine/common/errors.ts';

/** Documented in the README; scripts rely on them, so never renumber. */
export const EXIT = {
  ok: 0,
  failed: 1,
  badInput: 2,
  corrupt: 3,
  busy: 4,
  notFound: 5,
} as const;

export function exitCodeFor(kind: ErrorKind | undefined): number {
  switch (kind) {
    case 'bad-input':
      return EXIT.badInput;
    case 'corrupt':
      return EXIT.corrupt;
    case 'busy':
      return EXIT.busy;
    case 'not-found':
      return EXIT.notFound;
    default:
      return EXIT.failed;
  }
}
