-- When the owner means to check each public entry again, as its published document states it
-- (`review_on`); one row per entry that states a date, replaced whenever the published document
-- changes. An entry without a row is due its publication date (`entries.published_at`) plus the
-- configured months: the default is the catalogue's policy, derived when read, never written into
-- the owner's document (crates/aikatalog-domain/src/review.rs).
CREATE TABLE review_dates (
    entry_id TEXT PRIMARY KEY NOT NULL REFERENCES entries (id),
    review_on DATE NOT NULL
);

-- Reminder e-mails about review dates, one per entry, review date and kind (`due` or
-- `overdue`), so none is sent twice: the background job inserts a row when a reminder becomes
-- due, claims it with a guarded update before sending (`status` pending -> sending, with a
-- lease), and marks it `sent` after; a failed send goes back to `pending` with a later
-- `next_attempt_at`. `no_recipient`: neither the entry nor its owner names an e-mail address.
CREATE TABLE review_reminders (
    entry_id TEXT NOT NULL REFERENCES entries (id),
    review_on DATE NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    recipient TEXT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    PRIMARY KEY (entry_id, review_on, kind)
);
CREATE INDEX review_reminders_status ON review_reminders (status, next_attempt_at);

-- The dates the entries published so far state.
INSERT INTO review_dates (entry_id, review_on)
SELECT id, json_extract(published_document, '$.review_on')
FROM entries
WHERE published_document IS NOT NULL
  AND json_extract(published_document, '$.review_on') IS NOT NULL;
