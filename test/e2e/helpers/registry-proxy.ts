import type http from 'node:http';
import type { DownloadFault } from './blob-host.ts';
import { type Fault, FaultProxy } from '../../store/helpers/fault-proxy.ts';

/**
 * The object stores' fault proxy (test/store/helpers/fault-proxy.ts) in front of a registry, with
 * the registry's error body, and faults named as the OCI tests use them: `503` and `429` answer
 * for the registry; `reset` drops an upload's connection, or a download's half way; `corrupt` and
 * `truncate` damage a download; `hold` never answers (a process killed mid-upload); `expire`
 * passes the request on without its Authorization, so the registry answers with its own 401 and
 * challenge, as it does once a token has expired; `norange` passes it on without its Range, as a
 * registry that ignores ranges would answer; `digest-invalid` refuses the request with 400
 * DIGEST_INVALID, as the registry answers one of two writers' manifest PUTs to one tag at once.
 * Each fault is used once.
 */
export type RegistryFault = '503' | '429' | 'reset' | 'hold' | 'expire' | 'norange' | 'digest-invalid' | DownloadFault;

export interface RegistryProxy {
  /** host:port of the proxy, for oci:// URLs. */
  host: string;
  /** Fails the next request whose method and path match (and whose body has at least `minBytes`). */
  inject(fault: RegistryFault, method: string, path: RegExp, minBytes?: number): void;
  /** Faults injected and not yet used. */
  pending(): number;
  /** Resolves once a request is being held (fault `hold`). */
  held(): Promise<void>;
  stop(): Promise<void>;
}

const REGISTRY_ERROR = (status: number): string => JSON.stringify({ errors: [{ code: status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message: 'injected by the test proxy' }] });

export async function startRegistryProxy(registryUrl: string): Promise<RegistryProxy> {
  const proxy = await FaultProxy.start(registryUrl, REGISTRY_ERROR);
  let added = 0;
  let stripped = 0;
  const matches = (method: string, path: RegExp, minBytes: number) => (req: http.IncomingMessage) =>
    req.method === method && path.test((req.url ?? '/').replace(/\?.*$/, '')) && Number(req.headers['content-length'] ?? 0) >= minBytes;
  return {
    host: new URL(proxy.url).host,
    inject: (fault, method, path, minBytes = 0) => {
      added++;
      const match = matches(method, path, minBytes);
      if (fault === 'expire' || fault === 'norange') {
        // Not faults the proxy knows: the request goes on unfaulted, a header taken off here.
        let left = 1;
        const stripOnce = (req: http.IncomingMessage): boolean => {
          if (left > 0 && match(req)) {
            left--;
            stripped++;
            delete req.headers[fault === 'expire' ? 'authorization' : 'range'];
          }
          return false;
        };
        proxy.add({ match: stripOnce, fault: { kind: 'reset' } });
        return;
      }
      const f: Fault =
        fault === '503' || fault === '429'
          ? { kind: 'throttle', status: Number(fault) as 503 | 429 }
          : fault === 'digest-invalid'
            ? { kind: 'refuse', status: 400, body: JSON.stringify({ errors: [{ code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' }] }) }
          : fault === 'hold' || (fault === 'reset' && method !== 'GET')
            ? { kind: fault }
            : { kind: 'download', fault: fault as DownloadFault };
      proxy.add({ match, fault: f });
    },
    pending: () => added - proxy.injected.length - stripped,
    held: async () => {
      while (proxy.holding === 0) await new Promise((r) => setTimeout(r, 20));
    },
    stop: () => proxy.stop(),
  };
}
