import type { Manifest } from '../engine/manifest/manifest.ts';
import type { GenerationInfo, GenerationSummary, Verification } from './store.ts';

/** Beside a generation's manifest, in every store: the only file of a generation replaced after it is published. */
export const VERIFICATION_FILE = 'verification.json';

/** A generation's line in `list`, from its manifest and verification record: the same for every store. */
export function summaryOf(g: GenerationInfo, m: Manifest, verified: Verification | null): GenerationSummary {
  const databases = m.databases.map((e) => ({
    name: e.name,
    rawSize: e.rawSize,
    storedSize: e.storedSize,
    method: e.method,
    copy: e.copy,
    compression: e.compression,
    integrity: e.integrity.ok,
  }));
  return {
    ...g,
    databases,
    rawSize: databases.reduce((a, d) => a + d.rawSize, 0),
    storedSize: databases.reduce((a, d) => a + d.storedSize, 0),
    verified,
  };
}

/** A generation whose manifest cannot be read: listed as damaged rather than left out. */
export function damagedSummary(g: GenerationInfo, verified: Verification | null, error: string): GenerationSummary {
  return { ...g, databases: [], rawSize: 0, storedSize: 0, verified, error };
}

/** A verification record as stored (JSON), or undefined when it is not one. */
export function parseVerification(text: string): Verification | undefined {
  try {
    const v = JSON.parse(text) as Partial<Verification>;
    if (typeof v.ok !== 'boolean') return undefined;
    return {
      ok: v.ok,
      check: v.check ?? 'quick',
      verifiedAt: String(v.verifiedAt ?? ''),
      by: String(v.by ?? ''),
      problems: Array.isArray(v.problems) ? v.problems.map(String) : [],
    };
  } catch {
    return undefined;
  }
}
