import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { RepoRecord } from './release-model.ts';
import { NEEDS_AUTH, NOT_ACCESSIBLE, NOT_FOUND, tokenOf } from './release-wire.ts';

/**
 * Who may do what in the Releases emulator, as GitHub decides it for a `contents` permission:
 * tokens are scoped to one repository (or all), read or write; anyone reads a public repository;
 * a private one is hidden (404) from everyone else.
 */

export type Perm = 'read' | 'write';
/** Anonymous (no Authorization), a token the emulator issued, or one GitHub wouldn't know. */
export type Caller = { kind: 'anonymous' } | { kind: 'token'; repo: string; perm: Perm } | { kind: 'bad' };

export class Access {
  private readonly tokens = new Map<string, { repo: string; perm: Perm }>();

  issue(fullName: string, perm: Perm): string {
    const t = `ghs_${randomBytes(18).toString('hex')}`;
    this.tokens.set(t, { repo: fullName.toLowerCase(), perm });
    return t;
  }

  caller(req: http.IncomingMessage): Caller {
    const t = tokenOf(req.headers.authorization);
    if (t === undefined) return { kind: 'anonymous' };
    const grant = this.tokens.get(t);
    return grant ? { kind: 'token', ...grant } : { kind: 'bad' };
  }

  of(repo: RepoRecord, caller: Caller): Perm | 'none' {
    if (caller.kind === 'token' && (caller.repo === '*' || caller.repo === repo.fullName.toLowerCase())) return caller.perm;
    return repo.private ? 'none' : 'read';
  }

  /**
   * GitHub's answer when the caller lacks `need`, or undefined: a repository it can't see is not
   * found; a reader who writes is refused (403 with a token, 401 without one).
   */
  refusal(repo: RepoRecord, caller: Caller, need: Perm): { status: number; body: unknown } | undefined {
    const has = this.of(repo, caller);
    if (has === 'none') return { status: 404, body: NOT_FOUND };
    if (need === 'write' && has === 'read') return caller.kind === 'token' ? { status: 403, body: NOT_ACCESSIBLE } : { status: 401, body: NEEDS_AUTH };
    return undefined;
  }
}
