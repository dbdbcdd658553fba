import { describe, expect, it } from 'vitest';
import {
  addSiteInput,
  addSystemInput,
  auditListInput,
  createDisplayInput,
  createKeyInput,
  emailField,
  formatIssues,
  idInput,
  inviteUserInput,
  ROLE_NAMES,
  renameInput,
  roleField,
  signInLinkInput,
  sitesScopeField,
  updateUserInput,
} from '../src/index.ts';

// The admin inputs: roles, site scopes, names, e-mail addresses and the audit filter. Each refusal names its
// field, and each bound is checked on both sides.
type Parsed = { success: boolean; error?: { issues: Parameters<typeof formatIssues>[0] } };
const message = (result: Parsed) => (result.success ? 'accepted' : formatIssues(result.error?.issues ?? []));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe('roles and site scopes', () => {
  it('roles go from least to most: viewer, analyst, manager, admin', () => {
    expect(ROLE_NAMES).toEqual(['viewer', 'analyst', 'manager', 'admin']);
    for (const role of ROLE_NAMES) expect(roleField.parse(role)).toBe(role);
    expect(message(roleField.safeParse('owner'))).toBe(
      '(input): must be one of viewer, analyst, manager, admin',
    );
  });

  it('a scope is "all" or 1–200 site ids', () => {
    expect(sitesScopeField.parse('all')).toBe('all');
    expect(sitesScopeField.parse(['leeds'])).toEqual(['leeds']);
    expect(sitesScopeField.parse(ids(200))).toHaveLength(200);
    for (const bad of [[], ids(201), 'some', 'All', ['bad id'], 3]) {
      expect(sitesScopeField.safeParse(bad).success).toBe(false);
    }
    expect(message(sitesScopeField.safeParse('some'))).toBe('(input): must be "all" or a list of site ids');
  });
});

describe('e-mail addresses', () => {
  it('are trimmed, at most 254 characters, and must be addresses', () => {
    expect(emailField.parse('  ops@example.org ')).toBe('ops@example.org');
    const local = 'a'.repeat(64);
    const long = (n: number) => `${local}@${'b'.repeat(n - local.length - 5)}.org`;
    expect(long(254)).toHaveLength(254);
    expect(emailField.safeParse(long(254)).success).toBe(true);
    expect(message(emailField.safeParse(long(255)))).toBe('(input): must be at most 254 characters');
    expect(message(emailField.safeParse('not an address'))).toBe('(input): must be an e-mail address');
    expect(message(emailField.safeParse(7))).toBe('(input): must be a string');
    expect(message(signInLinkInput.safeParse({ email: 'x' }))).toBe('email: must be an e-mail address');
  });
});

describe('user inputs', () => {
  const invite = { email: 'ops@example.org', role: 'viewer', sites: 'all' };
  it('invite: a trimmed name of 1–120 characters without control characters', () => {
    expect(message(inviteUserInput.safeParse(invite))).toBe('accepted');
    expect(inviteUserInput.parse({ ...invite, name: '  Ann Lee ' }).name).toBe('Ann Lee');
    expect(message(inviteUserInput.safeParse({ ...invite, name: 'x'.repeat(120) }))).toBe('accepted');
    expect(message(inviteUserInput.safeParse({ ...invite, name: 'x'.repeat(121) }))).toBe(
      'name: name must be at most 120 characters',
    );
    expect(message(inviteUserInput.safeParse({ ...invite, name: '   ' }))).toBe(
      'name: name must not be empty',
    );
    expect(message(inviteUserInput.safeParse({ ...invite, name: 'a\u0007b' }))).toBe(
      'name: name must not contain control characters',
    );
    expect(message(inviteUserInput.safeParse({ ...invite, name: 'Zoë Ōta' }))).toBe('accepted');
    expect(message(inviteUserInput.safeParse({ ...invite, name: 5 }))).toBe('name: name must be a string');
    expect(message(inviteUserInput.safeParse({ ...invite, colour: 'red' }))).toBe(
      '(input): unknown field(s) "colour"',
    );
  });

  it('update and id: record ids are 1–64 letters, digits, _ or -', () => {
    expect(message(updateUserInput.safeParse({ id: 'u_1-A' }))).toBe('accepted');
    expect(message(updateUserInput.safeParse({ id: 'x'.repeat(64), disabled: true }))).toBe('accepted');
    expect(updateUserInput.safeParse({ id: 'x'.repeat(65) }).success).toBe(false);
    expect(updateUserInput.safeParse({ id: '' }).success).toBe(false);
    expect(message(updateUserInput.safeParse({ id: 'u.1' }))).toBe('id: is not a valid id');
    expect(message(updateUserInput.safeParse({ id: 'u 1' }))).toBe('id: is not a valid id');
    expect(message(updateUserInput.safeParse({ id: 7 }))).toBe('id: must be a string');
    expect(message(updateUserInput.safeParse({ id: 'u1', disabled: 'yes' }))).toBe(
      'disabled: must be true or false',
    );
    expect(message(updateUserInput.safeParse({ id: 'u1', role: 'admin', sites: ['leeds'] }))).toBe(
      'accepted',
    );
    expect(message(idInput.safeParse({ id: 'abc' }))).toBe('accepted');
    expect(message(idInput.safeParse({ id: 'a/b' }))).toBe('id: is not a valid id');
  });
});

describe('keys, sites, systems and displays', () => {
  it('a key names its feed and scope', () => {
    expect(message(createKeyInput.safeParse({ feed: 'acd', sites: 'all' }))).toBe('accepted');
    expect(message(createKeyInput.safeParse({ feed: '', sites: 'all' }))).toMatch(
      /^feed: feed must not be empty/,
    );
    expect(message(createKeyInput.safeParse({ feed: 'acd', sites: [] }))).toMatch(
      /^sites: give "all" or at least one site/,
    );
  });

  it('a site has an id and a name; a region is optional', () => {
    expect(message(addSiteInput.safeParse({ id: 'leeds', name: 'Leeds' }))).toBe('accepted');
    expect(message(addSiteInput.safeParse({ id: 'leeds', name: 'Leeds', region: '' }))).toBe(
      'region: region must not be empty',
    );
    expect(message(addSiteInput.safeParse({ id: '', name: 'Leeds' }))).toMatch(
      /^id: site id must not be empty/,
    );
    expect(message(addSiteInput.safeParse({ id: 'leeds' }))).toBe('name: name must be a string');
  });

  it('a system kind is at most 40 characters; its sites default to none, at most 200', () => {
    const system = { id: 'cas', name: 'CAS' };
    expect(addSystemInput.parse(system).siteIds).toEqual([]);
    expect(message(addSystemInput.safeParse({ ...system, kind: 'k'.repeat(40) }))).toBe('accepted');
    expect(message(addSystemInput.safeParse({ ...system, kind: 'k'.repeat(41) }))).toBe(
      'kind: kind must be at most 40 characters',
    );
    expect(message(addSystemInput.safeParse({ ...system, siteIds: ids(200) }))).toBe('accepted');
    expect(addSystemInput.safeParse({ ...system, siteIds: ids(201) }).success).toBe(false);
    expect(message(addSystemInput.safeParse({ ...system, siteIds: [''] }))).toMatch(
      /^siteIds\[0\]: site id must not be empty/,
    );
  });

  it('rename takes an id and a name; a display name is at most 80 characters', () => {
    expect(message(renameInput.safeParse({ id: 'cas', name: 'New' }))).toBe('accepted');
    expect(message(renameInput.safeParse({ id: '', name: 'New' }))).toMatch(/^id: id must not be empty/);
    expect(message(createDisplayInput.safeParse({ name: 'd'.repeat(80), sites: 'all' }))).toBe('accepted');
    expect(message(createDisplayInput.safeParse({ name: 'd'.repeat(81), sites: 'all' }))).toBe(
      'name: name must be at most 80 characters',
    );
  });
});

describe('audit list', () => {
  it('defaults to 50 rows; limit 1–200; before ≥ 1; times carry an offset', () => {
    expect(auditListInput.parse(undefined)).toEqual({ limit: 50 });
    expect(auditListInput.parse({})).toEqual({ limit: 50 });
    const limit = (n: number) => auditListInput.safeParse({ limit: n }).success;
    expect([limit(0), limit(1), limit(200), limit(201), limit(1.5)]).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(message(auditListInput.safeParse({ limit: 201 }))).toBe('limit: must be at most 200');
    const before = (n: number) => auditListInput.safeParse({ before: n }).success;
    expect([before(0), before(1), before(2.5)]).toEqual([false, true, false]);
    expect(message(auditListInput.safeParse({ from: '2026-01-01T00:00:00' }))).toBe(
      'from: must be an ISO 8601 timestamp with an offset',
    );
    expect(message(auditListInput.safeParse({ to: 'soon' }))).toBe(
      'to: must be an ISO 8601 timestamp with an offset',
    );
    expect(
      message(auditListInput.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00+01:00' })),
    ).toBe('accepted');
    const actor = (n: number) => auditListInput.safeParse({ actor: 'a'.repeat(n) }).success;
    expect([actor(300), actor(301)]).toEqual([true, false]);
    const action = (n: number) => auditListInput.safeParse({ action: 'a'.repeat(n) }).success;
    expect([action(60), action(61)]).toEqual([true, false]);
  });
});
