import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, STAFF_ACTIONS, STAFF_ROLES, type StaffAction, type StaffRole } from './permissions.js';

// Issue 13 "Done when": the README lists every staff role's allowed actions. The table is made here
// from permissions.ts, and the README must hold exactly it between its markers, so the two cannot
// drift: change a role's actions and this test prints the table to paste.

const README = new URL('../../../../../README.md', import.meta.url);
const BEGIN = '<!-- staff-roles:begin (generated from permissions.ts by staff-readme.test.ts) -->';
const END = '<!-- staff-roles:end -->';

/** What each action lets one do, as the README says it. A new action does not compile until it has one. */
const ACTION_NOTES: Record<StaffAction, string> = {
  'staff.session': 'own session, log out, own password',
  'customers.search': '"exists or not" until identified',
  'customers.file': 'operator: on an identified call only; security officer: with a reason',
  'calls.handle': 'call records, verification code, phone change on the call',
  'blocks.create': 'emergency block',
  'blocks.unblock.request': 'unblock maker',
  'blocks.unblock.approve': 'unblock checker, not the maker',
  'incidents.work': 'the incident queue',
  'incidents.record': 'record what a caller reports',
  'disputes.work': 'cases of "this wasn\'t me"',
  'limits.raise.request': 'limit raise maker; a security officer approves',
  'audit.view': 'audit viewer, CSV export, verify chain',
  'staff.manage': 'create, disable / enable, unlock staff; ask a role change',
  'approvals.decide': 'maker-checker decisions, per request kind',
  'merchants.view': 'merchants and their keys, by prefix only',
  'merchants.manage': 'create, suspend / reactivate merchants; issue and revoke API keys',
  'payments.providers.view': 'the service-provider catalogue; the endpoint URL to admins only, never its secret',
  'payments.providers.manage': 'create, edit, suspend / reactivate service providers',
  'payments.providers.settlement.request': 'settlement details change maker; another officer or admin approves',
};

const ROLE_HEADINGS: Record<StaffRole, string> = { operator: 'operator', security_officer: 'security officer', admin: 'admin' };

function staffRolesTable(): string {
  const header = `| action | ${STAFF_ROLES.map((role) => ROLE_HEADINGS[role]).join(' | ')} |`;
  const rule = `|---|${STAFF_ROLES.map(() => '---').join('|')}|`;
  const rows = STAFF_ACTIONS.map((action) =>
    `| \`${action}\` (${ACTION_NOTES[action]}) | ${STAFF_ROLES.map((role) => (ACTION_ROLES[action].includes(role) ? '✓' : '')).join(' | ')} |`.replace(
      / {2,}/g,
      ' ',
    ),
  );
  return [header, rule, ...rows].join('\n');
}

describe('the README’s table of staff roles', () => {
  it('is exactly the one permissions.ts gives', async () => {
    const readme = await readFile(README, 'utf8');
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    expect(start, `README.md lacks ${BEGIN}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const inReadme = readme.slice(start + BEGIN.length, end).trim();
    expect(inReadme, `paste this into README.md between the markers:\n${staffRolesTable()}`).toBe(staffRolesTable());
  });
});
