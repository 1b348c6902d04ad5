import { describe, expect, it } from 'vitest';
import { applyTool, parseFormState } from './formState';

describe('posted form state', () => {
  it('reads selections, future, removed, search and the action', () => {
    const state = parseFormState({
      action: 'approve', csrf_token: 't', 'select:s0': ['a1', 'a2'], 'select:s1': 'c9', 'future:s0': '1',
      'removed:s1': '1', 'removed:s2': '', 'search:s0': 'main st', 'hide:s0': '1',
    })!;
    expect(state.action).toEqual({ kind: 'approve' });
    expect([...state.selected.get('s0')!]).toEqual(['a1', 'a2']);
    expect([...state.selected.get('s1')!]).toEqual(['c9']);
    expect([...state.future]).toEqual(['s0']);
    expect([...state.removed]).toEqual(['s1']);
    expect(state.search.get('s0')).toBe('main st');
    expect([...state.hideUnselected]).toEqual(['s0']);
  });

  it('rejects unknown actions, unknown fields and malformed section keys', () => {
    expect(parseFormState({ action: 'grant_everything' })).toBeNull();
    expect(parseFormState({})).toBeNull();
    expect(parseFormState({ action: 'approve', 'select:../x': 'a' })).toBeNull();
    expect(parseFormState({ action: 'approve', 'admin:s0': '1' })).toBeNull();
    expect(parseFormState({ action: 'approve', 'select:s0': 'x'.repeat(201) })).toBeNull();
    expect(parseFormState({ action: 'approve', 'select:s0': { nested: true } })).toBeNull();
  });

  it('applies the no-JavaScript list tools', () => {
    const state = parseFormState({ action: 'select_all:s0', 'select:s0': 'a1' })!;
    applyTool(state, () => ['a1', 'a2', 'a3']);
    expect([...state.selected.get('s0')!]).toEqual(['a1', 'a2', 'a3']);
    const off = parseFormState({ action: 'deselect_all:s0', 'select:s0': 'a1' })!;
    applyTool(off, () => ['a1']);
    expect(off.selected.get('s0')!.size).toBe(0);
    const hide = parseFormState({ action: 'toggle_hidden:s1' })!;
    applyTool(hide, () => []);
    expect(hide.hideUnselected.has('s1')).toBe(true);
    const remove = parseFormState({ action: 'remove:s1' })!;
    applyTool(remove, () => []);
    expect(remove.removed.has('s1')).toBe(true);
    const restore = parseFormState({ action: 'restore:s1', 'removed:s1': '1' })!;
    applyTool(restore, () => []);
    expect(restore.removed.has('s1')).toBe(false);
  });
});
