import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { type FieldError, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type Approval, isApprovalOf, pendingApprovalOf } from '../approvals/index.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import {
  lockProvider,
  selectCategories,
  selectProvider,
  selectProviderEndpoint,
  selectProviders,
  updateProvider,
  updateProviderEndpoint,
} from './catalogue.repo.js';
import { createProvider, sealEndpointSecret } from './catalogue.service.js';
import {
  amountRuleFromInput,
  type CreateProviderInput,
  definitionFromInput,
  ENDPOINT_SECRET_LENGTH_MAX,
  feeRuleFromInput,
  fieldsFromInput,
  type ProviderEdit,
} from './catalogue.staff-schemas.js';
import type { Provider, ProviderMode, ProviderStatus, ServiceCategory } from './catalogue.types.js';
import { CATALOGUE_ADMIN_FIELD_MESSAGES } from './catalogue-admin.messages.js';
import { amountRuleToJson, checkProviderDefinition, feeRuleToJson, fieldsToJson, type ProviderDefinition } from './catalogue-rules.js';
import { PaymentsProblem } from './payments.errors.js';

/**
 * Staff manage the catalogue (issue 16 item 1): admins create, edit, suspend and reactivate
 * providers; everyone with 'payments.providers.view' reads them. Every step is audited with the
 * staff member. The settlement details (legal name, BIN, IBAN) are not edited here: they change
 * only through maker-checker (provider-settlement-approval.ts). An edit names the version it was
 * made on, so two admins editing at once never overwrite each other (service_providers.version).
 *
 * Lock order: the provider's row, then the audit chain (recordAudit); the settlement approval's
 * executor takes the same order through its pre-lock, so the two never cross.
 */

export interface StaffAct {
  staffId: string;
  meta: RequestMeta;
}

/** One answer of the staff's list: the catalogue is a few hundred providers, filtered in memory. */
export const PROVIDERS_LIST_MAX = 500;
/** Where a new provider goes in its section unless staff say otherwise (migration 0047's default). */
const POSITION_DEFAULT = 100;
/** The secret of the provider's contract: long enough to sign with, printable, no spaces. */
const ENDPOINT_SECRET_PATTERN = new RegExp(`^[\\x21-\\x7e]{16,${ENDPOINT_SECRET_LENGTH_MAX}}$`);

export interface ProviderFilter {
  status?: ProviderStatus;
  category?: string;
  mode?: ProviderMode;
  q?: string;
}

function matches(provider: Provider, filter: ProviderFilter): boolean {
  if (filter.status && provider.status !== filter.status) return false;
  if (filter.category && provider.categoryId !== filter.category) return false;
  if (filter.mode && provider.mode !== filter.mode) return false;
  if (!filter.q) return true;
  const needle = filter.q.trim().toLocaleLowerCase('ru');
  const haystack = [provider.slug, provider.name.ru, provider.name.kk, provider.name.en, provider.keywords];
  return haystack.some((text) => text.toLocaleLowerCase('ru').includes(needle));
}

export async function listProvidersAudited(
  ctx: AppContext,
  input: StaffAct & { filter: ProviderFilter },
): Promise<{ providers: Provider[]; categories: ServiceCategory[]; truncated: boolean }> {
  const [all, categories] = await Promise.all([selectProviders(ctx.db, { activeOnly: false }), selectCategories(ctx.db)]);
  const matched = all.filter((provider) => matches(provider, input.filter));
  await recordAuditAlone(ctx.db, {
    event: 'payments.providers_listed',
    meta: input.meta,
    details: { staffId: input.staffId, count: Math.min(matched.length, PROVIDERS_LIST_MAX), filter: { ...input.filter } },
    occurredAt: ctx.clock.now(),
  });
  return { providers: matched.slice(0, PROVIDERS_LIST_MAX), categories, truncated: matched.length > PROVIDERS_LIST_MAX };
}

export interface ProviderFile {
  provider: Provider;
  endpointUrl: string | null;
  pending: Approval<'provider_settlement'> | null;
}

/** What staff are shown of a provider after a change: its endpoint URL if `showEndpoint`, its pending settlement change. */
export async function providerAnswer(ctx: AppContext, provider: Provider, showEndpoint: boolean): Promise<ProviderFile> {
  const endpoint = showEndpoint ? await selectProviderEndpoint(ctx.db, provider.id) : null;
  const found = await pendingApprovalOf(ctx.db, 'provider_settlement', provider.id, ctx.clock.now());
  return { provider, endpointUrl: endpoint?.url ?? null, pending: found && isApprovalOf(found, 'provider_settlement') ? found : null };
}

/** The provider's file: the endpoint URL only for admins (it may name the provider's inner hosts), never the secret. */
export async function providerFile(
  ctx: AppContext,
  input: StaffAct & { providerId: string; showEndpoint: boolean },
): Promise<ProviderFile> {
  const provider = await selectProvider(ctx.db, input.providerId);
  if (!provider) throw new ProblemError(PaymentsProblem['provider-not-found']);
  const file = await providerAnswer(ctx, provider, input.showEndpoint);
  await recordAuditAlone(ctx.db, {
    event: 'payments.provider_viewed',
    meta: input.meta,
    details: { staffId: input.staffId, providerId: provider.id },
    occurredAt: ctx.clock.now(),
  });
  return file;
}

type Problems = FieldError[];

/** The catalogue's rules, and what only the database knows: that the section exists. */
async function definitionProblems(q: Queryable, definition: ProviderDefinition, endpointUrl: string): Promise<Problems> {
  const problems: Problems = checkProviderDefinition(definition, endpointUrl).map((problem) => ({
    pointer: problem.pointer,
    detail: problem.message,
  }));
  const categories = await selectCategories(q);
  const ruleFlagged = problems.some((problem) => problem.pointer === '/categoryId');
  if (!ruleFlagged && !categories.some((category) => category.id === definition.categoryId))
    problems.push({ pointer: '/categoryId', detail: CATALOGUE_ADMIN_FIELD_MESSAGES.categoryUnknown });
  return problems;
}

function secretProblems(secret: string | undefined): Problems {
  return secret === undefined || ENDPOINT_SECRET_PATTERN.test(secret)
    ? []
    : [{ pointer: '/endpointSecret', detail: CATALOGUE_ADMIN_FIELD_MESSAGES.endpointSecret }];
}

function refuseIfAny(problems: Problems): void {
  if (problems.length > 0) throw new ProblemError(PaymentsProblem['provider-invalid'], { errors: problems });
}

/** A new provider, active, with its settlement account; 422 with every part at fault, 409 for a slug taken. */
export async function createProviderByStaff(ctx: AppContext, input: StaffAct & { body: CreateProviderInput }): Promise<Provider> {
  const definition = definitionFromInput(input.body, POSITION_DEFAULT);
  refuseIfAny([...(await definitionProblems(ctx.db, definition, input.body.endpointUrl)), ...secretProblems(input.body.endpointSecret)]);
  const now = ctx.clock.now();
  const provider: Provider = { ...definition, id: newId('prv'), status: 'active', version: 1, createdAt: now, updatedAt: now };
  const created = await ctx.db.transaction(async (tx) => {
    const written = await createProvider(tx, ctx.config.keyring, provider, {
      url: input.body.endpointUrl,
      secret: input.body.endpointSecret,
    });
    if (!written) return false;
    await recordAudit(tx, {
      event: 'payments.provider_created',
      meta: input.meta,
      details: {
        staffId: input.staffId,
        providerId: provider.id,
        slug: provider.slug,
        categoryId: provider.categoryId,
        mode: provider.mode,
      },
      occurredAt: now,
    });
    return true;
  });
  if (!created)
    throw new ProblemError(PaymentsProblem['provider-slug-taken'], {
      errors: [{ pointer: '/slug', detail: CATALOGUE_ADMIN_FIELD_MESSAGES.slugTaken }],
    });
  return provider;
}

/** The provider's row locked, at the version the staff member read: 404 or 409 otherwise. */
async function lockedAt(tx: Tx, providerId: string, version: number | null): Promise<Provider> {
  const provider = await lockProvider(tx, providerId);
  if (!provider) throw new ProblemError(PaymentsProblem['provider-not-found']);
  if (version !== null && provider.version !== version) throw new ProblemError(PaymentsProblem['provider-version-stale']);
  return provider;
}

/** The provider with the edit applied; the settlement details, slug and currency are kept. */
function applied(provider: Provider, edit: ProviderEdit): Provider {
  return {
    ...provider,
    categoryId: edit.categoryId ?? provider.categoryId,
    name: edit.name ?? provider.name,
    keywords: edit.keywords ?? provider.keywords,
    logo: edit.logo ?? provider.logo,
    mode: edit.mode ?? provider.mode,
    fields: edit.fields ? fieldsFromInput(edit.fields) : provider.fields,
    amountRule: edit.amountRule ? amountRuleFromInput(edit.amountRule) : provider.amountRule,
    feeRule: edit.feeRule ? feeRuleFromInput(edit.feeRule) : provider.feeRule,
    position: edit.position ?? provider.position,
  };
}

/** The parts of a provider an edit can change, as the audit log keeps them (bigints as strings). */
function auditedParts(provider: Provider): Record<string, unknown> {
  return {
    categoryId: provider.categoryId,
    name: provider.name,
    keywords: provider.keywords,
    logo: provider.logo,
    mode: provider.mode,
    fields: fieldsToJson(provider.fields),
    amountRule: amountRuleToJson(provider.amountRule),
    feeRule: feeRuleToJson(provider.feeRule),
    position: provider.position,
  };
}

function changedParts(before: Provider, after: Provider): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was = auditedParts(before);
  const now = auditedParts(after);
  const keys = Object.keys(now).filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
  return { before: Object.fromEntries(keys.map((key) => [key, was[key]])), after: Object.fromEntries(keys.map((key) => [key, now[key]])) };
}

/**
 * An admin's edit on the version they read (409 when it moved on): 422 with every part at fault,
 * as creation. The endpoint URL and secret are written apart (the secret sealed) and audited only
 * as changed, never their values.
 */
export async function editProvider(
  ctx: AppContext,
  input: StaffAct & { providerId: string; version: number; edit: ProviderEdit },
): Promise<Provider> {
  const now = ctx.clock.now();
  const { edit } = input;
  return ctx.db.transaction(async (tx) => {
    const provider = await lockedAt(tx, input.providerId, input.version);
    const stored = await selectProviderEndpoint(tx, provider.id);
    assert(stored, 'a locked provider has its endpoint');
    const after: Provider = { ...applied(provider, edit), version: provider.version + 1, updatedAt: now };
    refuseIfAny([...(await definitionProblems(tx, after, edit.endpointUrl ?? stored.url)), ...secretProblems(edit.endpointSecret)]);
    assert(await updateProvider(tx, after, provider.version), 'the locked row is at the version read');
    const endpointChanged = (edit.endpointUrl !== undefined && edit.endpointUrl !== stored.url) || edit.endpointSecret !== undefined;
    if (endpointChanged)
      await updateProviderEndpoint(tx, provider.id, {
        url: edit.endpointUrl ?? stored.url,
        secretSealed:
          edit.endpointSecret === undefined
            ? stored.secretSealed
            : sealEndpointSecret(ctx.config.keyring, provider.id, edit.endpointSecret),
      });
    await recordAudit(tx, {
      event: 'payments.provider_updated',
      meta: input.meta,
      details: {
        staffId: input.staffId,
        providerId: provider.id,
        version: after.version,
        ...changedParts(provider, after),
        endpointChanged,
        endpointSecretChanged: edit.endpointSecret !== undefined,
      },
      occurredAt: now,
    });
    return after;
  });
}

/**
 * Suspends or reactivates a provider with the reason: a suspended one leaves the customers'
 * catalogue and refuses new payments from the next request (resolve.ts reads the status each time);
 * payments already sent are still delivered. 409 when it has that status already.
 */
export async function setProviderStatus(
  ctx: AppContext,
  input: StaffAct & { providerId: string; status: ProviderStatus; reason: string },
): Promise<Provider> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const provider = await lockedAt(tx, input.providerId, null);
    if (provider.status === input.status) throw new ProblemError(PaymentsProblem['provider-status-refused']);
    const after: Provider = { ...provider, status: input.status, version: provider.version + 1, updatedAt: now };
    assert(await updateProvider(tx, after, provider.version), 'the locked row is at the version read');
    await recordAudit(tx, {
      event: input.status === 'suspended' ? 'payments.provider_suspended' : 'payments.provider_reactivated',
      meta: input.meta,
      details: { staffId: input.staffId, providerId: provider.id, version: after.version, reason: input.reason.trim() },
      occurredAt: now,
    });
    return after;
  });
}
