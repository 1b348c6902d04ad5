import type { CisGroup, CisServicePoint } from '../cis/records';
import { isoInstant } from './calendar';
import type { Building, PopulationBuilder } from './population';

/**
 * CIS groupings that become CDS Aggregations: one per ZIP code (a region) and one per multi-tenant
 * building. A group with more than 100 members is split into chunk groups of at most 100 listed
 * in the parent (cds-wg3-01 §10.7.1; see docs/spec-decisions.md for why 100).
 */

export const CHUNK_SIZE = 100;

export function buildGroups(b: PopulationBuilder): void {
  const byZip = new Map<string, CisServicePoint[]>();
  for (const sp of b.u.cis.servicePoints) {
    if (sp.SP_LOC_CD !== 'EDGE') continue;
    const list = byZip.get(sp.POSTAL);
    if (list) list.push(sp);
    else byZip.set(sp.POSTAL, [sp]);
  }
  for (const zip of b.zips) {
    const members = byZip.get(zip.postal);
    if (!members) continue;
    emit(b, {
      seq: b.nextGroupSeq(), no: zip.postal, type: 'ZIP', name: `ZIP ${zip.postal} (${zip.city})`, members,
      addrs: [], postal: [zip.postal], city: zip.city, county: `${zip.county} County`,
      visibility: 'PUB', consent: members.length < 15 ? 'SOMETIMES' : 'NEVER',
    });
  }
  for (const building of b.buildings) emitBuilding(b, building);
}

function emitBuilding(b: PopulationBuilder, building: Building) {
  const members = building.units.flatMap((unit) => Object.values(unit.sps) as CisServicePoint[]);
  const address = `${building.line1}, ${building.zip.city} CA ${building.zip.postal}`;
  emit(b, {
    seq: building.grpSeq, no: `BLDG-${building.premise.PREM_NO}`, type: 'BLDG', name: `${building.line1} (${building.units.length} units)`,
    members, addrs: [address], postal: [building.zip.postal], city: building.zip.city, county: `${building.zip.county} County`,
    visibility: 'CONF', consent: building.units.length < 10 ? 'ALWAYS' : 'NEVER',
  });
}

interface GroupSpec {
  seq: number;
  no: string;
  type: 'ZIP' | 'BLDG';
  name: string;
  members: CisServicePoint[];
  addrs: string[];
  postal: string[];
  city: string;
  county: string;
  visibility: CisGroup['VISIBILITY_CD'];
  consent: CisGroup['CONSENT_CD'];
}

function emit(b: PopulationBuilder, spec: GroupSpec) {
  const u = b.u;
  const created = b.stamp(u.historyStart);
  const modified = isoInstant(b.modifiedAfter(created));
  const base = {
    ADDRS: spec.addrs, POSTAL_CDS: spec.postal, CITY: spec.city, COUNTY: spec.county, STATE: 'CA',
    VISIBILITY_CD: spec.visibility, CONSENT_CD: spec.consent, CRE_DTTM: isoInstant(created), UPD_DTTM: modified,
  };
  const parent: CisGroup = {
    ...base, GRP_ID: u.ids.groupId(spec.seq), GRP_NO: spec.no, GRP_TYPE_CD: spec.type, GRP_NAME: spec.name,
    PARENT_GRP_ID: null, CHILD_GRP_IDS: [], MEMBER_SP_IDS: [],
  };
  const ids = spec.members.map((sp) => sp.SP_ID);
  const chunks: CisGroup[] = [];
  if (ids.length <= CHUNK_SIZE) {
    parent.MEMBER_SP_IDS = ids;
  } else {
    for (let i = 0; i * CHUNK_SIZE < ids.length; i++) {
      chunks.push({
        ...base, GRP_ID: u.ids.groupId(b.nextGroupSeq()), GRP_NO: `${spec.no}-${i + 1}`, GRP_TYPE_CD: 'CHNK',
        GRP_NAME: `${spec.name} part ${i + 1}`, PARENT_GRP_ID: parent.GRP_ID, CHILD_GRP_IDS: [],
        MEMBER_SP_IDS: ids.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
      });
    }
    parent.CHILD_GRP_IDS = chunks.map((c) => c.GRP_ID);
  }
  for (const g of [parent, ...chunks]) {
    u.cis.groups.push(g);
    u.index.addGroup(g);
  }
}
