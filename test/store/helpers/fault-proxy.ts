import type http from 'node:http';
import { type DownloadFault, closeServers, forwardTo, serve } from '../../e2e/helpers/blob-host.ts';

/**
 * Faults a flaky network or a busy service causes, injected by a forwarder in front of a real
 * server: `throttle` answers the status a busy service does (503 SlowDown / ServerBusy, or 429)
 * without passing the request on; `reset` drops the connection before any answer; `hold` never
 * answers (a process killed mid-upload); `wait` passes the request on only once `until` settles
 * (another process got there first); the DownloadFaults damage the answer's body on its way back
 * (blob-host.ts).
 */
export type Fault = { kind: 'throttle'; status: 503 | 429 } | { kind: 'refuse'; status: number; body: string } | { kind: 'reset' } | { kind: 'hold' } | { kind: 'wait'; until: Promise<unknown> } | { kind: 'download'; fault: DownloadFault };

export interface Rule {
  match: (req: http.IncomingMessage) => boolean;
  fault: Fault;
  /** How many matching requests it hits (default 1). */
  times?: number;
}

export interface Injected {
  fault: string;
  method: string;
  url: string;
}

export class FaultProxy {
  readonly url: string;
  readonly injected: Injected[] = [];
  /** The Range header of every request that asked for one (a resumed download). */
  readonly ranges: string[] = [];
  /** Every request that reached the forwarder, in order, with what was done with it. */
  readonly requests: { method: string; url: string; fault?: string }[] = [];
  private rules: Required<Rule>[] = [];
  private readonly held: http.IncomingMessage[] = [];
  private readonly server: http.Server;

  private constructor(server: http.Server, url: string) {
    this.server = server;
    this.url = url;
  }

  /** `throttleBody` is the error document the service sends with a throttling status. */
  static async start(target: string, throttleBody: (status: number) => string): Promise<FaultProxy> {
    const ref: { proxy?: FaultProxy } = {};
    const { server, url } = await serve((req, res) => (ref.proxy as FaultProxy).handle(req, res, target, throttleBody));
    ref.proxy = new FaultProxy(server, url);
    return ref.proxy;
  }

  add(rule: Rule): void {
    this.rules.push({ times: 1, ...rule });
  }

  /** Drops the rules left and cuts the requests held. */
  reset(): void {
    this.rules = [];
    for (const r of this.held.splice(0)) r.socket.destroy();
    this.injected.length = 0;
    this.ranges.length = 0;
    this.requests.length = 0;
  }

  get holding(): number {
    return this.held.length;
  }

  stop(): Promise<void> {
    this.reset();
    return closeServers(this.server);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, target: string, throttleBody: (status: number) => string): void {
    const rule = this.rules.find((r) => r.times > 0 && r.match(req));
    const url = req.url ?? '/';
    const range = req.headers['range'] ?? req.headers['x-ms-range'];
    if (typeof range === 'string') this.ranges.push(range);
    this.requests.push({ method: req.method ?? '', url, ...(rule ? { fault: rule.fault.kind } : {}) });
    if (!rule) return forwardTo(target, req, res, url, undefined, () => undefined, { keepHost: true });
    rule.times--;
    const f = rule.fault;
    this.injected.push({ fault: f.kind === 'throttle' ? String(f.status) : f.kind === 'download' ? f.fault : f.kind, method: req.method ?? '', url });
    if (f.kind === 'download') return forwardTo(target, req, res, url, f.fault, () => undefined, { keepHost: true });
    if (f.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (f.kind === 'wait') {
      void f.until.finally(() => forwardTo(target, req, res, url, undefined, () => undefined, { keepHost: true }));
      return;
    }
    if (f.kind === 'hold') {
      this.held.push(req);
      req.resume();
      return;
    }
    // A busy service reads (or drops) the body before it answers; so does one refusing it.
    req.resume();
    req.on('end', () => {
      const body = f.kind === 'refuse' ? f.body : throttleBody(f.status);
      const headers = f.kind === 'refuse' ? { 'content-type': 'application/json' } : { 'content-type': 'application/xml', 'retry-after': '0' };
      res.writeHead(f.status, { ...headers, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  }
}
