import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from '../../gateway/supergraph';
import { compose } from '../../scripts/compose';

describe('checked-in schema', () => {
  it('composes without errors and matches schema/ (run `npm run compose` after changing a subgraph)', async () => {
    const { files } = await compose();
    expect(Object.keys(files).sort()).toEqual(['accounts.graphql', 'billing.graphql', 'eacs.graphql', 'metering.graphql', 'supergraph.graphql']);
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), `schema/${name} is stale`).toBe(content);
    }
  });

  it('exposes every cds-wg3-01 §10 object as an entity of the supergraph', () => {
    const supergraph = readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    for (const type of ['Account', 'ServiceContract', 'ServicePoint', 'MeterDevice', 'BillStatement', 'BillSection', 'Aggregation', 'UsageSegment', 'EnergyAttributeCertificate']) {
      expect(supergraph, type).toMatch(new RegExp(`type ${type}\\b[^{]*@join__type\\(graph: [A-Z]+, key: "id"\\)`));
    }
  });
});
