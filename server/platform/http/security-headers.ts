/**
 * Security headers and proxy trust (issue #19, items 8 and 9), on every answer — API, console, public site, errors —
 * in every mode:
 * - Content-Security-Policy: scripts only from this origin (the console and public site are Vite bundles with no
 *   inline script), no plugins, no framing, no foreign form targets. Styles allow 'unsafe-inline' because Ant Design
 *   writes its CSS-in-JS into <style> elements at run time (a documented decision in docs/security.md). /docs keeps the
 *   policy @fastify/swagger-ui computes for its own inline scripts (script hashes), minus nothing.
 * - X-Frame-Options DENY (and frame-ancestors 'none'), X-Content-Type-Options nosniff, Referrer-Policy no-referrer,
 *   Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy same-origin, a Permissions-Policy that turns off the
 *   device APIs, and Strict-Transport-Security in production.
 * - Proxy trust: X-Forwarded-For is believed only from the addresses in PHASEOUT_TRUST_PROXY (Fastify's trustProxy
 *   takes the same list). Request ids are always generated here; an incoming X-Request-Id is kept only from a trusted
 *   proxy, as `upstreamRequestId` in the log line and the X-Upstream-Request-Id answer header beside our own id.
 * Written here rather than with @fastify/helmet: the same headers, no new dependency, and the CSP is the one the
 * browser tier tests (test/e2e/csp.e2e.test.ts).
 */
import net from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A matcher for the configured proxies (addresses and CIDRs, IPv4 and IPv6; IPv4-mapped IPv6 peers match IPv4). */
export function proxyMatcher(list: readonly string[]): (addr: string | undefined) => boolean {
  if (list.length === 0) return () => false;
  const bl = new net.BlockList();
  for (const entry of list) {
    const [addr, bits] = entry.split('/');
    const type = net.isIP(addr ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (bits !== undefined) bl.addSubnet(addr!, Number(bits), type);
    else bl.addAddress(addr!, type);
  }
  return (addr) => {
    if (!addr) return false;
    const plain = addr.startsWith('::ffff:') && net.isIPv4(addr.slice(7)) ? addr.slice(7) : addr;
    const type = net.isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return net.isIP(plain) !== 0 && bl.check(plain, type);
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** X-Request-Id sent by a trusted proxy, if any (our own id is req.id) */
    upstreamRequestId: string | undefined;
  }
}

export function registerSecurityHeaders(app: FastifyInstance, opts: { production: boolean; trustProxy: readonly string[] }): void {
  const trusted = proxyMatcher(opts.trustProxy);
  app.decorateRequest('upstreamRequestId', undefined);
  app.addHook('onRequest', (req: FastifyRequest, reply, done) => {
    const incoming = req.headers['x-request-id'];
    if (typeof incoming === 'string' && REQUEST_ID.test(incoming) && trusted(req.socket.remoteAddress)) {
      req.upstreamRequestId = incoming;
      req.log = req.log.child({ upstreamRequestId: incoming });
      reply.header('x-upstream-request-id', incoming);
    }
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    reply.header('x-permitted-cross-domain-policies', 'none');
    if (opts.production) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    done();
  });
}
