import type { GraphFormat, GraphValue } from './formats';

/** A Usage Segment as ListUsageSegments selects it: a meter's from the graph, or an aggregation's own sum (./aggregates.ts). */
export interface UsageNode {
  cds_usagesegment_id: string;
  kind: 'INTERVAL' | 'DAILY_PEAK_DEMAND' | 'BILLING_PERIOD';
  cds_created: string;
  cds_modified: string;
  cds_synced: string;
  related_aggregations: string[];
  related_accounts: string[];
  related_servicecontracts: string[];
  related_servicepoints: string[];
  related_meterdevices: string[];
  segment_start: string;
  segment_end: string;
  interval: string;
  formats: GraphFormat[];
  values: GraphValue[][];
}
