import { badInput } from '../engine/common/errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Durations as people write them: "30s", "12h", "7d", "1h30m", "250ms". A bare number is refused
 * (minutes or seconds?), except 0 where `allowZero` says "do not wait".
 */
export function parseDuration(value: string | undefined, option: string, opts: { allowZero?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (opts.allowZero && text === '0') return 0;
  const parts = text.match(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g);
  if (!parts || parts.join('') !== text) {
    throw badInput(`--${option}: "${value}" is not a duration; write a number and a unit (ms, s, m, h, d, w), for example 30s, 12h, 7d or 1h30m`);
  }
  let ms = 0;
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(p) as RegExpExecArray;
    ms += Number(m[1]) * (UNITS[m[2] as string] as number);
  }
  if (ms <= 0) throw badInput(`--${option}: "${value}" is zero; give a positive duration such as 1h`);
  if (ms > 100 * 365 * 86_400_000) throw badInput(`--${option}: "${value}" is over 100 years; give a shorter duration`);
  return Math.round(ms);
}
