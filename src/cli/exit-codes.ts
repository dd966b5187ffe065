import { EXIT_CODES } from '../engine/common/errors.ts';

export { exitCodeFor } from '../engine/common/errors.ts';

/** Documented in the README; scripts rely on them, so never renumber (the numbers live in EXIT_CODES). */
export const EXIT = {
  ok: 0,
  failed: EXIT_CODES.failed,
  badInput: EXIT_CODES['bad-input'],
  corrupt: EXIT_CODES.corrupt,
  busy: EXIT_CODES.busy,
  notFound: EXIT_CODES['not-found'],
} as const;
