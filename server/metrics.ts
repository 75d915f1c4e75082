import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The relay's Prometheus figures, on a registry of its own (no global state between relays). */
export function createRelayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wolfpack_' });
  return {
    registry,
    connectedSockets: new Gauge({
      name: 'wolfpack_connected_sockets',
      help: 'Authenticated sockets connected to this node',
      registers: [registry],
    }),
    eventsIngested: new Counter({
      name: 'wolfpack_events_ingested_total',
      help: 'Activity events stored (duplicates and rejections excluded)',
      registers: [registry],
    }),
    ackLatency: new Histogram({
      name: 'wolfpack_ack_latency_seconds',
      help: 'Time from receiving a request to acknowledging it',
      labelNames: ['event'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    rejections: new Counter({
      name: 'wolfpack_rejections_total',
      help: 'Requests and connections refused, by error code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    challengesEnded: new Counter({
      name: 'wolfpack_challenges_ended_total',
      help: 'Challenges this node ended',
      registers: [registry],
    }),
  };
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;
