import { describe, expect, it } from 'vitest';
import { sectionsFor } from './navigation';

describe('the sections by role', () => {
  it('shows the staff list to an admin only', () => {
    expect(sectionsFor('admin').map((section) => section.to)).toEqual(['/', '/staff']);
    expect(sectionsFor('operator').map((section) => section.to)).toEqual(['/', '/calls']);
    expect(sectionsFor('security_officer').map((section) => section.to)).toEqual(['/']);
  });
});
