-- Staff administration (issue 13 item 1): a staff member an admin creates gets an initial password
-- the admin typed, which two people now know. password_change_required is true until the member
-- sets a password of their own, after their first TOTP login; until then their session reaches
-- nothing but its own session, logout and the password change (modules/staff, requireStaff). The
-- first admin (npm run staff:create) typed their own password on the terminal and starts false.
ALTER TABLE staff_users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
