import type { NetworkInterfaceInfo } from 'node:os';

/**
 * The addresses a partner on the same network can use to reach a relay hosted here: every
 * non-internal IPv4 address. IPv6 link-local addresses need a zone id that a partner cannot
 * type, so they are left out.
 */
export function lanUrls(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, port: number): string[] {
  const urls: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) urls.push(`http://${info.address}:${port}`);
    }
  }
  return [...new Set(urls)];
}
