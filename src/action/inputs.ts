import * as core from '@actions/core';
import { badInput } from '../engine/common/errors.ts';

/**
 * Readers for action inputs that fail with one line naming the input and the values it takes.
 * Every value arrives as a string from the runner (action.yml defaults included), so an empty
 * string means "use the default" only where the input says so.
 */
export function text(name: string): string {
  return core.getInput(name).trim();
}

export function lines(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = text(name).toLowerCase();
  if (v === '') return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw badInput(`${name}: "${text(name)}" is not one of ${allowed.join(', ')}; set it to one of those`);
}

export function bool(name: string, fallback: boolean): boolean {
  const v = text(name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badInput(`${name}: "${text(name)}" is not a boolean; use true or false`);
}

export function int(name: string, min: number, max: number): number | undefined {
  const v = text(name);
  if (v === '') return undefined;
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw badInput(`${name}: "${v}" is not a whole number from ${min} to ${max}; fix the value or leave it empty for the default`);
  }
  return Number(v);
}
