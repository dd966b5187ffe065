import http from 'node:http';
import https from 'node:https';

/**
 * Connections to the artifact service and its blob storage, through the proxy the runner's
 * environment names (https_proxy / HTTPS_PROXY, http_proxy / HTTP_PROXY, no_proxy / NO_PROXY), as
 * the toolkit's HTTP client and the Azure SDK both honour it: Node's own agents do this since
 * 24.5 (`proxyEnv`; https is tunnelled with CONNECT). An older Node ignores the option and
 * connects directly.
 */
const agents = {
  http: new http.Agent({ keepAlive: true, proxyEnv: process.env }),
  https: new https.Agent({ keepAlive: true, proxyEnv: process.env }),
};

/** The agent for a request to `url`. */
export function agentFor(url: URL): http.Agent {
  return url.protocol === 'https:' ? agents.https : agents.http;
}
