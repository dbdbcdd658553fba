import { z } from 'zod';
import { idField } from './fields.ts';

/** Roles, least to most: each may do what the ones before it may. */
export const ROLE_NAMES = ['viewer', 'analyst', 'manager', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export const roleField = z.enum(ROLE_NAMES, { error: `must be one of ${ROLE_NAMES.join(', ')}` });

/** Every site ("all") or a list of at least one site id. */
export const sitesScopeField = z.union(
  [
    z.literal('all'),
    z.array(idField('site id')).min(1, 'give "all" or at least one site').max(200, 'at most 200 sites'),
  ],
  { error: 'must be "all" or a list of site ids' },
);
export type SitesScope = z.infer<typeof sitesScopeField>;

const nameField = (what: string, max = 120) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, `${what} must not contain control characters`);

export const emailField = z
  .string({ error: 'must be a string' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be an e-mail address' }));

const recordId = z
  .string({ error: 'must be a string' })
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');
export const idInput = z.strictObject({ id: recordId });

export const inviteUserInput = z.strictObject({
  email: emailField,
  name: nameField('name').optional(),
  role: roleField,
  sites: sitesScopeField,
});
export const updateUserInput = z.strictObject({
  id: recordId,
  role: roleField.optional(),
  sites: sitesScopeField.optional(),
  disabled: z.boolean({ error: 'must be true or false' }).optional(),
});
export const signInLinkInput = z.strictObject({ email: emailField });

export const createKeyInput = z.strictObject({
  feed: idField('feed'),
  sites: sitesScopeField,
  name: nameField('name').optional(),
});

export const addSiteInput = z.strictObject({
  id: idField('site id'),
  name: nameField('name'),
  region: nameField('region').optional(),
});
export const addSystemInput = z.strictObject({
  id: idField('system id'),
  name: nameField('name'),
  kind: nameField('kind', 40).optional(),
  siteIds: z.array(idField('site id')).max(200).default([]),
});
export const renameInput = z.strictObject({ id: idField('id'), name: nameField('name') });

export const createDisplayInput = z.strictObject({ name: nameField('name', 80), sites: sitesScopeField });

export const auditListInput = z
  .strictObject({
    actor: z.string().max(300).optional(),
    action: z.string().max(60).optional(),
    from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' }).optional(),
    to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' }).optional(),
    limit: z.number().int().min(1).max(200, 'must be at most 200').default(50),
    before: z.number().int().min(1).optional(),
  })
  .default({ limit: 50 });

/** An export token: a name to recognise it by and, optionally, fewer sites than its owner's ("all" = the owner's). */
export const createExportTokenInput = z.strictObject({
  name: nameField('name', 80),
  sites: sitesScopeField.default('all'),
});
export type CreateExportTokenInput = z.input<typeof createExportTokenInput>;
