import { describe, expect, it } from 'vitest';
import {
  modifyPurposes, purposeChoices, purposeSchema, purposesFormat, purposesOrNullFormat, registerPurposes, type PurposeMap,
  type PurposePolicy,
} from '.';

/** Purposes: the object (cds-wg3-01 §8.3), registration formats (§5.1), modification (§8.2), choices (§7.4.4). */

const DEFAULT = {
  id: 'default-01', name: 'Default', content: 'Any use.', related_uri: null, related_name: null, scopes_supported: ['cds_usage', 'cds_meters'],
};
const AUDIT = {
  id: 'p-audit', name: 'Audit', content: 'Only for your energy audit.\nDeleted after.', related_uri: 'https://app.example/terms',
  related_name: 'Our terms', scopes_supported: ['cds_usage'],
};

function policy(): PurposePolicy & { issued: string[] } {
  let n = 0;
  const issued: string[] = [];
  return {
    serverDefaults: new Set(['default-01']),
    newId: () => { const id = `p-new-${++n}`; issued.push(id); return id; },
    scopesSupported: () => ['cds_usage'],
    issued,
  };
}

describe('the Purpose object (§8.3)', () => {
  it('accepts a full Purpose and drops unknown members', () => {
    expect(purposeSchema.parse({ ...AUDIT, exampleutility_note: 'x' })).toEqual(AUDIT);
  });

  it.each([
    ['blank content', { ...AUDIT, content: ' \n\t' }, /content/],
    ['a related_uri without related_name', { ...AUDIT, related_name: null }, /related_name/],
    ['a multi-line related_name', { ...AUDIT, related_name: 'Our\nterms' }, /related_name/],
    ['a blank related_name', { ...AUDIT, related_name: '  ' }, /related_name/],
    ['a related_uri that is not a URL', { ...AUDIT, related_uri: 'terms' }, /related_uri/],
    ['no scopes_supported', { ...AUDIT, scopes_supported: undefined }, /scopes_supported/],
  ])('rejects %s', (_what, value, pattern) => {
    const parsed = purposeSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(pattern);
  });

  it('allows related_name to be absent when related_uri is null', () => {
    expect(purposeSchema.safeParse({ id: 'x', name: 'n', content: 'c', related_uri: null, scopes_supported: [] }).success).toBe(true);
  });
});

describe('registration formats (§5.1)', () => {
  const submitted = { ...AUDIT, id: '', scopes_supported: [] };

  it('accepts one or more Purposes with id "" and scopes_supported []', () => {
    expect(purposesFormat.safeParse([submitted, submitted]).success).toBe(true);
    expect(purposesOrNullFormat.safeParse(null).success).toBe(true);
  });

  it.each([
    ['an empty list', []],
    ['a Purpose with an id', [{ ...submitted, id: 'mine' }]],
    ['a Purpose with scopes', [{ ...submitted, scopes_supported: ['cds_usage'] }]],
    ['an invalid Purpose', [{ ...submitted, content: '' }]],
    ['null for purposes', null],
  ])('rejects %s', (_what, value) => {
    expect(purposesFormat.safeParse(value).success).toBe(false);
  });

  it('gives registered Purposes Server ids and scopes, next to the defaults', () => {
    const p = policy();
    const result = registerPurposes([submitted], p, { 'default-01': DEFAULT });
    expect(result).toEqual({
      ok: true, added: ['p-new-1'], changed: [], removed: [],
      purposes: { 'default-01': DEFAULT, 'p-new-1': { ...AUDIT, id: 'p-new-1', scopes_supported: ['cds_usage'] } },
    });
    expect(registerPurposes([{ ...submitted, id: 'x' }], policy())).toMatchObject({ ok: false, error_description: expect.stringMatching(/purposes\.0\.id/) });
  });
});

describe('modifying cds_purposes (§8.2)', () => {
  const current: PurposeMap = { 'default-01': DEFAULT, 'p-audit': AUDIT };

  it('changes the text of a Client Purpose but never its id or scopes', () => {
    const result = modifyPurposes(current, {
      'default-01': DEFAULT,
      'p-audit': { ...AUDIT, content: 'Audit and report.', scopes_supported: ['cds_meters'], id: 'p-audit' },
    }, policy());
    expect(result).toMatchObject({ ok: true, changed: ['p-audit'], added: [], removed: [] });
    if (result.ok) expect(result.purposes['p-audit']).toEqual({ ...AUDIT, content: 'Audit and report.' });
  });

  it('ignores changes to and the removal of Server defaults', () => {
    const changed = modifyPurposes(current, { 'default-01': { ...DEFAULT, content: 'Mine now.' }, 'p-audit': AUDIT }, policy());
    expect(changed).toMatchObject({ ok: true, changed: [], removed: [] });
    if (changed.ok) expect(changed.purposes['default-01']).toEqual(DEFAULT);
    const removed = modifyPurposes(current, { 'p-audit': AUDIT }, policy());
    expect(removed).toMatchObject({ ok: true, removed: [] });
    if (removed.ok) expect(removed.purposes['default-01']).toEqual(DEFAULT);
  });

  it('removes a Client Purpose left out of the request', () => {
    const result = modifyPurposes(current, { 'default-01': DEFAULT }, policy());
    expect(result).toMatchObject({ ok: true, removed: ['p-audit'] });
    if (result.ok) expect(Object.keys(result.purposes)).toEqual(['default-01']);
    expect(modifyPurposes(current, null, policy())).toMatchObject({ ok: true, removed: ['p-audit'] });
  });

  it('treats an unknown id as a new Purpose with a Server id and scopes', () => {
    const p = policy();
    const result = modifyPurposes(current, { ...current, mine: { ...AUDIT, id: 'mine', name: 'New', scopes_supported: ['cds_meters'] } }, p);
    expect(result).toMatchObject({ ok: true, added: ['p-new-1'] });
    if (result.ok) {
      expect(result.purposes['p-new-1']).toEqual({ ...AUDIT, id: 'p-new-1', name: 'New', scopes_supported: ['cds_usage'] });
      expect(result.purposes).not.toHaveProperty('mine');
    }
  });

  it('rejects an invalid Purpose and a value that is not a map, changing nothing', () => {
    expect(modifyPurposes(current, { 'p-audit': { ...AUDIT, content: '' } }, policy()))
      .toMatchObject({ ok: false, error_description: expect.stringMatching(/cds_purposes\.p-audit\.content/) });
    expect(modifyPurposes(current, [AUDIT], policy())).toMatchObject({ ok: false });
    expect(modifyPurposes(current, { x: 'text' }, policy())).toMatchObject({ ok: false });
  });
});

describe('purpose choices (§7.4.4)', () => {
  it('lists the Purposes that support the scope, documented', () => {
    expect(purposeChoices({ 'default-01': DEFAULT, 'p-audit': AUDIT }, 'cds_meters', (id) => `https://u.example/docs/purposes#${id}`))
      .toEqual([{ id: 'default-01', name: 'Default', description: 'Any use.', documentation: 'https://u.example/docs/purposes#default-01' }]);
  });
});
