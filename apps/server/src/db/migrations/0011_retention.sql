-- Retention (SECURITY.md 35). Each module's purge deletes rows past their window in small batches
-- (db/purge.ts); these indexes let a batch find them without reading the whole table each time.
CREATE INDEX registrations_expires ON registrations (expires_at);
CREATE INDEX sca_challenges_expires ON sca_challenges (expires_at);
CREATE INDEX login_attempts_expires ON login_attempts (expires_at);
CREATE INDEX password_resets_expires ON password_resets (expires_at);
CREATE INDEX auth_challenges_expires ON auth_challenges (expires_at);
CREATE INDEX sessions_finished ON sessions ((coalesce(ended_at, expires_at)));
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX outbox_messages_delivered ON outbox_messages (delivered_at) WHERE status = 'delivered';
CREATE INDEX outbox_messages_dead ON outbox_messages (created_at) WHERE status = 'dead';
CREATE INDEX notifications_created ON notifications (created_at);
CREATE INDEX dev_sms_messages_created ON dev_sms_messages (created_at);

-- No live secret at rest: an SMS text is erased once its message is delivered or dead
-- (outbox.repo.ts). Messages that ended before this migration still hold theirs, codes included.
UPDATE outbox_messages SET payload = payload - 'text' - 'sealedText' WHERE status IN ('delivered', 'dead');
