import { badInput } from '../engine/common/errors.ts';

/** Snapshot names become directory and artifact names: keep them to a portable, traversal-free set. */
export function validateName(name: string, inputName = 'name'): string {
  if (name.trim() === '') throw badInput(`${inputName}: is empty; give the snapshot a name such as "seed-db"`);
  if (name.includes('/') || name.includes('\\') || name.includes('..')) {
    throw badInput(`${inputName}: "${name}" contains "/", "\\" or ".."; use letters, digits, ".", "_" and "-" only`);
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw badInput(`${inputName}: "${name}" is not a valid name; use up to 100 letters, digits, ".", "_" and "-", not starting with "." or "-"`);
  }
  return name;
}

/**
 * Generation ids are UTC times in ISO 8601 basic format ("20261125T224508.123Z"): they sort as
 * strings in time order and contain no ":" so they are valid file names on Windows too.
 */
export function generationId(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

const GENERATION_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z(-\d+)?$/;

export function isGenerationId(id: string): boolean {
  return GENERATION_RE.test(id);
}

export function generationTime(id: string): Date | undefined {
  const m = GENERATION_RE.exec(id);
  if (!m) return undefined;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
}
