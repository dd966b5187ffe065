/**
 * What the Action's bundle gets for `import … from 'undici'` (scripts/bundle.js maps the name
 * here). @actions/http-client imports undici for proxies and @actions/github for Octokit's
 * requests: ~0.9 MB of code that every step compiled at start-up (a third of what the seed step
 * loads), though most steps never call it. The real undici, bundled on its own beside this file
 * (dist/undici.cjs), is loaded on first use. These two names are all the toolkit imports of it.
 */
import { createRequire } from 'node:module';

interface Undici {
  ProxyAgent: new (options: unknown) => object;
  fetch: (...args: unknown[]) => Promise<unknown>;
}

let undici: Undici | undefined;
const load = (): Undici => (undici ??= createRequire(import.meta.url)('./undici.cjs') as Undici);

/** `new ProxyAgent(options)` gives undici's own ProxyAgent: a constructor that returns an object returns that object. */
export function ProxyAgent(options: unknown): object {
  return new (load().ProxyAgent)(options);
}

export function fetch(...args: unknown[]): Promise<unknown> {
  return load().fetch(...args);
}
