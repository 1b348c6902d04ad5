import { z } from 'zod';

/** What the form posts back: the choices per Request Section (keys "s0", "s1", …) and the button. */
export interface FormState {
  action: FormAction;
  selected: Map<string, Set<string>>;
  future: Set<string>;
  removed: Set<string>;
  search: Map<string, string>;
  hideUnselected: Set<string>;
}

/** The final decisions, and the list tools that re-render the form when JavaScript is off. */
export type FormAction =
  | { kind: 'approve' } | { kind: 'decline' } | { kind: 'refresh' }
  | { kind: 'search' | 'select_all' | 'deselect_all' | 'toggle_hidden' | 'remove' | 'restore'; section: string };

const SECTION = /^s\d{1,3}$/;
const TOOL = /^(search|select_all|deselect_all|toggle_hidden|remove|restore):(s\d{1,3})$/;

const text = z.string().max(200);
const values = z.union([text, z.array(text).max(10_000)]).transform((v) => (Array.isArray(v) ? v : [v]));

function parseAction(raw: unknown): FormAction | null {
  if (raw === 'approve' || raw === 'decline' || raw === 'refresh') return { kind: raw };
  if (typeof raw !== 'string') return null;
  const m = TOOL.exec(raw);
  return m ? { kind: m[1] as 'search', section: m[2] } : null;
}

/** Parses the posted form; null when it is malformed (the caller answers 400). */
export function parseFormState(body: Record<string, unknown>): FormState | null {
  const action = parseAction(Array.isArray(body.action) ? body.action.at(-1) : body.action);
  if (!action) return null;
  const state: FormState = {
    action, selected: new Map(), future: new Set(), removed: new Set(), search: new Map(), hideUnselected: new Set(),
  };
  for (const [name, raw] of Object.entries(body)) {
    const colon = name.indexOf(':');
    if (colon < 0) continue;
    const field = name.slice(0, colon);
    const section = name.slice(colon + 1);
    if (!SECTION.test(section)) return null;
    const parsed = values.safeParse(raw);
    if (!parsed.success) return null;
    const last = parsed.data.at(-1) ?? '';
    switch (field) {
      case 'select': state.selected.set(section, new Set(parsed.data)); break;
      case 'future': if (last === '1') state.future.add(section); break;
      case 'removed': if (last === '1') state.removed.add(section); break;
      case 'search': state.search.set(section, last); break;
      case 'hide': if (last === '1') state.hideUnselected.add(section); break;
      default: return null;
    }
  }
  return state;
}

/** Applies a no-JavaScript list tool to the state before the form is re-rendered. */
export function applyTool(state: FormState, allIds: (section: string) => string[]): void {
  const a = state.action;
  if (!('section' in a)) return;
  switch (a.kind) {
    case 'select_all': state.selected.set(a.section, new Set(allIds(a.section))); break;
    case 'deselect_all': state.selected.set(a.section, new Set()); break;
    case 'toggle_hidden':
      if (state.hideUnselected.has(a.section)) state.hideUnselected.delete(a.section); else state.hideUnselected.add(a.section);
      break;
    case 'remove': state.removed.add(a.section); break;
    case 'restore': state.removed.delete(a.section); break;
    case 'search': break;
  }
}
