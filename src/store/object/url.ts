import { badInput } from '../../engine/common/errors.ts';

/**
 * The parts of an object-store URL every backend reads the same way: the key prefix (the URL's
 * path, without its slashes at either end) and the options given as query parameters, which stand
 * in for flags so that a --store value says all there is to say about where snapshots go.
 */
export function urlPrefix(url: URL): string {
  return decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
}

/** A secret written into the URL would be shown wherever the URL is: refused, with where it belongs. */
export function refuseSecretInUrl(url: URL, inputName: string, where: string): void {
  if (url.password) throw badInput(`${inputName}: holds a password or key after ":" in the URL; remove it from the URL and set ${where} instead`);
}

/** The URL's query parameters, refusing any this backend does not take (a typo must not be ignored). */
export function urlOptions(url: URL, inputName: string, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of url.searchParams) {
    if (!allowed.includes(k)) {
      const hint = allowed.length ? `; it takes ${allowed.map((a) => `?${a}=…`).join(', ')}` : '';
      throw badInput(`${inputName}: "${k}" is not an option of ${url.protocol}// stores${hint}`);
    }
    out.set(k, v);
  }
  return out;
}

/** An endpoint given by the user: an http(s) URL, refused in one line otherwise. */
export function checkEndpoint(value: string, from: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw badInput(`${from}: "${value}" is not a URL; give one such as https://s3.example.com or http://127.0.0.1:9000`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badInput(`${from}: "${value}" is not an http(s) URL; give one such as https://s3.example.com`);
  return value.replace(/\/+$/, '');
}

/** `prefix/key`, or the key alone at the bucket's root. */
export function prefixed(prefix: string, key: string): string {
  return prefix ? `${prefix}/${key}` : key;
}
