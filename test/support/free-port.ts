import { createServer } from 'node:net';

/**
 * A free loopback port: bound to port 0, then released, for a process that binds it right after
 * (Prometheus, Alertmanager, or a flag where 0 does not mean "ephemeral").
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
