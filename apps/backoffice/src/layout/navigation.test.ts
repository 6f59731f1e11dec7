import { describe, expect, it } from 'vitest';
import { sectionsFor } from './navigation';

describe('the sections by role', () => {
  it('shows each role the sections of the actions it is allowed, and the staff list to an admin only', () => {
    expect(sectionsFor('admin').map((section) => section.to)).toEqual(['/', '/approvals', '/audit', '/merchants', '/providers', '/staff']);
    expect(sectionsFor('operator').map((section) => section.to)).toEqual(['/', '/calls', '/disputes', '/merchants', '/providers']);
    expect(sectionsFor('security_officer').map((section) => section.to)).toEqual([
      '/',
      '/customers',
      '/incidents',
      '/disputes',
      '/blocks',
      '/approvals',
      '/audit',
      '/merchants',
      '/providers',
    ]);
  });
});
