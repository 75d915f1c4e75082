import { BUILT_IN_METRICS, type MetricDef } from '../core/metrics.ts';
import type { Queries } from './storage/types.ts';

/** The metrics a pack can log: the four built-in ones and those the pack added. */
export async function packMetrics(q: Queries, packId: string): Promise<MetricDef[]> {
  return [...BUILT_IN_METRICS, ...(await q.listCustomMetrics(packId))];
}
