import { DateTime } from 'luxon';
import { echoed, recordSelection, resolveDurations } from '../../authorization-details';
import type { GrantRecord } from '../../grants';
import type { ConsentContext } from '../context';
import type { SectionSelection } from '../grantSelections';
import { receiptPath } from '../paths';
import type { PendingRequest } from '../ports';
import type { Receipt, ReceiptSection } from '../receipts/receipt';
import type { SessionCustomer } from '../session/sessions';
import type { FormState } from './formState';
import { chosen, keptSections, sectionView, type RequestModel } from './model';

/**
 * Approval (§9.1.1, §9.4): record the Grant (new, or the `cds_grant_id` Grant updated, WG1 §8.3 j)
 * with the customer's selections, create the Authorization Receipt, notify the customer, and let
 * the OAuth side issue the code. Returns where to send the browser.
 */
export async function approve(
  ctx: ConsentContext,
  r: { pending: PendingRequest; customer: SessionCustomer },
  model: RequestModel,
  state: FormState,
): Promise<string> {
  const { pending, customer } = r;
  const now = ctx.clock();
  const created = new Date(now).toISOString();
  const kept = keptSections(model, state);
  const scopes = pending.scope.filter((s) => kept.some((k) => k.scoped.some((x) => x.scopeId === s)));
  const entries = kept.flatMap((s) => s.entries);
  // §7.3: relative durations become absolute at the moment of approval, in cds_timezone.
  const resolved = resolveDurations(entries, { now: new Date(now), timezone: ctx.config.CDS_TIMEZONE });
  const authorizationDetails = echoed(resolved);

  const sections: SectionSelection[] = [];
  for (const section of kept) {
    if (!section.selectionType) continue;
    const choice = chosen(section, state);
    const record = recordSelection(section.selectionType, model.index, choice.ids, choice.includeFuture);
    if (typeof record === 'string') throw new Error(`selection not recordable after validation: ${record}`);
    sections.push({ scopes: section.scoped.map((s) => s.scopeId), selection: record });
  }

  const { receiptId, confirmationNumber } = await ctx.receipts.reserve();
  // §7.3.8: an `expires` value ends the Grant's access.
  const expires = resolved.map((e) => e.values.expires).find((v): v is string => typeof v === 'string' && v !== 'infinite') ?? null;
  const changes = {
    subject: customer.customerId,
    status: 'active' as const,
    scope: scopes.join(' '),
    authorization_details: authorizationDetails as GrantRecord['authorization_details'],
    enabled_scope: scopes.join(' '),
    enabled_authorization_details: authorizationDetails as GrantRecord['authorization_details'],
    not_after: expires,
    expires,
  };
  let grant: GrantRecord;
  let createdNew = false;
  if (pending.cds_grant_id) {
    const existing = await ctx.grants.get(pending.cds_grant_id);
    if (!existing) throw new Error('the Grant of a Grant Authorization Request disappeared');
    grant = await ctx.grants.update(existing, {
      ...changes,
      eta: null,
      states: pending.state ? [...existing.states, pending.state] : existing.states,
      receipt_confirmations: [...existing.receipt_confirmations, confirmationNumber],
    });
  } else {
    grant = await ctx.grants.create({
      registration_id: model.client.record.registration_id,
      client_id: model.client.id,
      origin: 'authorization_code',
      ...changes,
      states: pending.state ? [pending.state] : [],
      receipt_confirmations: [confirmationNumber],
    });
    createdNew = true;
  }

  try {
    await ctx.selections.put({ grant_id: grant.grant_id, customer_id: customer.customerId, sections, approved: created });
    const receipt = buildReceipt(ctx, model, state, { receiptId, confirmationNumber, created, grant, customer, sections });
    await ctx.receipts.save(receipt);
    await notify(ctx, receipt, customer);
    const location = await ctx.flow.complete(pending.id, {
      outcome: 'approve', grant_id: grant.grant_id, scope: scopes, authorization_details: grant.authorization_details,
    });
    // With the Server's own redirect_uri the customer lands on the receipt (§9.1.1).
    return pending.redirect_uri_is_server_default ? receiptPath(receiptId) : location;
  } catch (err) {
    // The Client gets no code: a Grant created for this approval must not stay usable.
    if (createdNew) await ctx.grants.update(grant, { status: 'revoked', enabled_scope: '', enabled_authorization_details: [] });
    throw err;
  }
}

function buildReceipt(ctx: ConsentContext, model: RequestModel, state: FormState, o: {
  receiptId: string; confirmationNumber: string; created: string; grant: GrantRecord; customer: SessionCustomer; sections: SectionSelection[];
}): Receipt {
  const sections: ReceiptSection[] = keptSections(model, state).map((section) => {
    const view = sectionView(section, model, ctx.config.CDS_TIMEZONE, state);
    const picked = view.selection?.entries.filter((e) => e.selected) ?? [];
    return {
      heading: view.heading,
      scopeIds: view.scopeIds,
      summaries: view.summaries,
      items: view.items,
      durations: view.durations,
      selection: section.selectionType && view.selection ? {
        type: section.selectionType,
        noun: view.selection.noun,
        resources: picked.map((e) => ({ id: e.id, title: e.title, lines: e.lines })),
        all: picked.length > 0 && picked.length === view.selection.entries.length,
        includeFuture: view.selection.includeFuture?.selected ?? false,
      } : undefined,
      purpose: view.purpose,
    };
  });
  return {
    receipt_id: o.receiptId,
    confirmation_number: o.confirmationNumber,
    grant_id: o.grant.grant_id,
    customer_id: o.customer.customerId,
    created: o.created,
    client: { client_id: model.client.id, name: model.client.name, uri: model.client.uri },
    scope: o.grant.scope,
    authorization_details: o.grant.authorization_details,
    sections,
    selections: o.sections,
    terms_url: ctx.branding.termsUrl,
  };
}

/**
 * §9.4: the customer is contactable (their online profile has an email address), so the receipt
 * goes to them. The Purpose is included only when the Server reviewed and approved its content.
 */
async function notify(ctx: ConsentContext, receipt: Receipt, customer: SessionCustomer): Promise<void> {
  if (!customer.email) return;
  const url = `${ctx.config.PUBLIC_URL}${receiptPath(receipt.receipt_id)}`;
  const when = DateTime.fromISO(receipt.created).setZone(ctx.config.CDS_TIMEZONE).toFormat("LLLL d, yyyy 'at' h:mm a ZZZZ");
  const lines = [
    ctx.branding.name,
    '',
    `On ${when} you allowed ${receipt.client.name} to access some of your information.`,
    `Confirmation number: ${receipt.confirmation_number}`,
    `Your receipt (view it or revoke access at any time): ${url}`,
    '',
    'What is shared:',
    ...receipt.sections.flatMap((s) => s.summaries.map((x) => `- ${x}`)),
    '',
    'For:',
    ...receipt.sections.flatMap(({ selection }) => selection ? [
      ...selection.resources.slice(0, 10).map((x) => `- ${x.title}`),
      ...(selection.resources.length > 10 ? [`- and ${selection.resources.length - 10} more`] : []),
      ...(selection.includeFuture ? [`- any ${selection.noun} you add in the future`] : []),
    ] : []),
    ...receipt.sections.filter((s) => s.purpose?.reviewed).map((s) => `\nFor this purpose: ${s.purpose!.content}`),
  ];
  await ctx.notifier.send({
    to: customer.email,
    subject: `${ctx.branding.name}: your authorization receipt ${receipt.confirmation_number}`,
    text: lines.join('\n'),
    confirmation_number: receipt.confirmation_number,
    receipt_url: url,
    created: receipt.created,
  });
}
