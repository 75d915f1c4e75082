import type { Storage } from './storage/types.ts';

export interface HealthAnswer {
  status: 200 | 503;
  body: { ok: true } | { ok: false; reason: string };
}

/**
 * What GET /healthz answers. A balancer takes a node out on 503 and an alert reads the reason:
 * a relay that is stopping, or whose storage cannot take writes, serves nobody well.
 */
export async function relayHealth(storage: Storage, isReady: () => boolean): Promise<HealthAnswer> {
  if (!isReady()) return { status: 503, body: { ok: false, reason: 'the relay is shutting down' } };
  let health;
  try {
    health = await storage.health();
  } catch (error) {
    health = { ok: false as const, reason: `the storage health check failed (${(error as Error).message})` };
  }
  if (health.ok) return { status: 200, body: { ok: true } };
  return { status: 503, body: { ok: false, reason: health.reason } };
}
