import type http from 'node:http';
import { type DownloadFault, closeServers, forwardToAzurite, serve } from './blob-host.ts';

/**
 * A proxy in front of a registry that fails chosen requests as a flaky registry or network would:
 * `503` and `429` answer with the registry's error body instead of passing the request on;
 * `reset` cuts the connection (an upload after part of its body, a download half way); `corrupt`
 * and `truncate` damage a download (see blob-host.ts); `hold` takes the request and never answers
 * (a process to be killed mid-upload is then surely mid-upload); `expire` passes the request on
 * without its Authorization, so the registry answers with its own 401 and challenge, as it does
 * when a token has expired. Each fault is used once.
 */
export type RegistryFault = '503' | '429' | 'reset' | 'hold' | 'expire' | DownloadFault;

interface Rule {
  fault: RegistryFault;
  method: string;
  path: RegExp;
  minBytes: number;
}

export interface RegistryProxy {
  /** host:port of the proxy, for oci:// URLs. */
  host: string;
  /** Every request passed through: method, path (query left out) and the fault it got. */
  seen: { method: string; path: string; fault?: RegistryFault }[];
  /** Fails the next request whose method and path match (and whose body has at least `minBytes`). */
  inject(fault: RegistryFault, method: string, path: RegExp, minBytes?: number): void;
  /** Resolves once a request has been held (fault `hold`). */
  held(): Promise<void>;
  /** Faults injected and not yet used. */
  pending(): number;
  stop(): Promise<void>;
}

export async function startRegistryProxy(registryUrl: string): Promise<RegistryProxy> {
  const rules: Rule[] = [];
  let onHold: () => void = () => undefined;
  const holding = new Promise<void>((r) => (onHold = r));
  const seen: RegistryProxy['seen'] = [];
  // forwardToAzurite reads only the origin of accountUrl: the registry stands in for Azurite here.
  const target = { accountUrl: registryUrl, stop: async () => undefined };
  const { server, url } = await serve((req, res) => {
    const pathOnly = (req.url ?? '/').replace(/\?.*$/, '');
    const length = Number(req.headers['content-length'] ?? 0);
    const i = rules.findIndex((r) => r.method === req.method && r.path.test(pathOnly) && length >= r.minBytes);
    const rule = i >= 0 ? rules.splice(i, 1)[0] : undefined;
    seen.push({ method: req.method ?? '', path: pathOnly, ...(rule ? { fault: rule.fault } : {}) });
    if (rule?.fault === '503' || rule?.fault === '429') return refuse(req, res, Number(rule.fault));
    if (rule?.fault === 'reset' && req.method !== 'GET' && req.method !== 'HEAD') return cutUpload(req);
    if (rule?.fault === 'hold') {
      req.resume();
      onHold();
      return;
    }
    if (rule?.fault === 'expire') delete req.headers.authorization;
    const damage = rule?.fault === 'corrupt' || rule?.fault === 'truncate' || rule?.fault === 'reset' ? rule.fault : undefined;
    forwardToAzurite(target, req, res, req.url ?? '/', damage, () => undefined);
  });
  return {
    host: new URL(url).host,
    seen,
    inject: (fault, method, path, minBytes = 0) => void rules.push({ fault, method, path, minBytes }),
    held: () => holding,
    pending: () => rules.length,
    stop: () => closeServers(server),
  };
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number): void {
  req.resume();
  req.on('end', () => {
    res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
    res.end(JSON.stringify({ errors: [{ code: status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message: 'injected by the test proxy' }] }));
  });
}

/** Takes part of an upload's body, then drops the connection as a reset network would. */
function cutUpload(req: http.IncomingMessage): void {
  let got = 0;
  const want = Math.max(1, Math.floor(Number(req.headers['content-length'] ?? 0) / 2));
  req.on('data', (d: Buffer) => {
    got += d.length;
    if (got >= want) req.socket.destroy();
  });
  req.on('end', () => req.socket.destroy());
}
