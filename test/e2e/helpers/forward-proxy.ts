import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { closeServers, forwardTo, serve } from './blob-host.ts';

/**
 * An HTTP forward proxy on loopback, as a self-hosted runner's network may demand one
 * (`http_proxy`): a request in absolute form is passed on to its origin, a CONNECT is tunnelled.
 * It records what it was asked for, `METHOD path` or `CONNECT host:port`.
 */
export class ForwardProxy {
  readonly seen: string[] = [];
  url = '';
  private server!: http.Server;

  async start(): Promise<void> {
    ({ server: this.server, url: this.url } = await serve((req, res) => {
      const target = new URL(req.url ?? '/');
      this.seen.push(`${req.method} ${target.pathname}`);
      forwardTo(target.origin, req, res, `${target.pathname}${target.search}`, undefined, () => undefined, { keepHost: true });
    }));
    this.server.on('connect', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      this.seen.push(`CONNECT ${req.url ?? ''}`);
      const [host, port] = (req.url ?? '').split(':');
      const up = net.connect(Number(port), host ?? '', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
  }

  async stop(): Promise<void> {
    await closeServers(this.server);
  }
}
