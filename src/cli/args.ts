import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput, oneLine } from '../engine/common/errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON: Options = {
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** For commands that run one (seed): the words after the first `--`, undefined when there is no `--`. */
  command?: string[];
}

export function parse(command: string, argv: string[], options: Options, allowPositionals: boolean, takesCommand = false): Parsed {
  const dd = takesCommand ? argv.indexOf('--') : -1;
  if (dd >= 0) return { ...parse(command, argv.slice(0, dd), options, allowPositionals), command: argv.slice(dd + 1) };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    // node's messages are good but long; keep the first sentence and point at --help.
    const msg = oneLine(err).replace(/\. To specify a positional argument.*$/, '').replace(/\.$/, '');
    throw badInput(`${command}: ${msg}; see "sqlite-snapshot ${command} --help"`);
  }
}

export function str(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}

export function list(p: Parsed, key: string): string[] {
  const v = p.values[key];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flag(p: Parsed, key: string): boolean {
  return p.values[key] === true;
}

export function required(p: Parsed, key: string, command: string, example: string): string {
  const v = str(p, key);
  if (v === undefined) throw badInput(`${command}: --${key} is required; give it, for example --${key} ${example}`);
  if (v.trim() === '') throw badInput(`${command}: --${key} is empty; give a value, for example --${key} ${example}`);
  return v;
}

export function choice<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badInput(`--${name}: unknown value "${value}"; use one of ${allowed.join(', ')}`);
}

export function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw badInput(`--${name}: "${value}" is not a whole number; give an integer from ${min} to ${max}`);
  const n = Number(value);
  if (n < min || n > max) throw badInput(`--${name}: ${n} is out of range; give an integer from ${min} to ${max}`);
  return n;
}
