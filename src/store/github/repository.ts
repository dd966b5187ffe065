import { badInput } from '../../engine/common/errors.ts';
import type { Repo } from './rest.ts';

// Apart from artifacts.ts so that a step reading its inputs does not load @actions/artifact.

export function currentRepo(): Repo {
  const full = process.env['GITHUB_REPOSITORY'] ?? '';
  return parseRepository(full, 'GITHUB_REPOSITORY');
}

export function parseRepository(full: string, inputName = 'repository'): Repo {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full.trim());
  if (!m) throw badInput(`${inputName}: "${full}" is not owner/name; give it as owner/repository, for example octo-org/app`);
  return { owner: m[1] as string, repo: m[2] as string };
}
