-- Notifications (issue 11): what reached a person's inbox, how they want to hear of it, and the mail on its way.

-- Each person's own choice: where mail goes, in which of the admin's languages, at once or as a daily digest.
-- No row: inbox only, nothing mailed.
create table notification_settings (
    user_id        bigint      primary key references users (id),
    email          text        check (email is null or (length(email) <= 254 and email ~ '^[^@\s<>",;]+@[^@\s<>",;]+$')),
    language       text        not null default 'en' check (language in ('en', 'es', 'fr', 'ar')),
    delivery       text        not null default 'IMMEDIATE' check (delivery in ('IMMEDIATE', 'DAILY_DIGEST')),
    -- the last digest (or when the digest was chosen): the next one is due a day later
    digest_sent_at timestamptz not null
);

-- One event for one person, written in the transaction of the step it tells of (so it never tells of a step
-- that did not happen). Texts are rendered when shown, in the reader's language; text holds what a person
-- typed (a reviewer's comment).
create table notifications (
    id            bigint      generated always as identity primary key,
    user_id       bigint      not null references users (id),
    event         text        not null check (event in ('TO_TRANSLATE', 'TO_REVIEW', 'TO_SIGN_OFF', 'TO_PUBLISH',
                                                        'APPROVED', 'SENT_BACK', 'COMMENTED', 'SAFETY', 'REVIEW_DUE')),
    item_id       bigint      references content_items (id),
    language_code text        references languages (code),
    revision_id   bigint      references revisions (id),
    actor_id      bigint      references users (id),
    title         text        not null default '',
    text          text        not null default '',
    created_at    timestamptz not null,
    read_at       timestamptz,
    -- NONE: inbox only; MAILED: its own mail is queued; DIGEST: waits for the daily digest; DIGESTED: sent in one
    mail          text        not null check (mail in ('NONE', 'MAILED', 'DIGEST', 'DIGESTED')),
    check (actor_id is distinct from user_id)
);
create index notifications_of_user on notifications (user_id, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;
create index notifications_for_digest on notifications (user_id) where mail = 'DIGEST';
create unique index notifications_review_due_once on notifications (user_id, revision_id) where event = 'REVIEW_DUE';

-- Mail waiting to go, and what went: sent after the step's commit by a background sender, retried with
-- growing waits, so an unreachable mail server never fails a step. Without an SMTP host it goes to the
-- admins' outbox page and the log instead.
create table outgoing_mail (
    id              bigint      generated always as identity primary key,
    user_id         bigint      not null references users (id),
    recipient       text        not null,
    language        text        not null,
    subject         text        not null,
    body            text        not null,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0 check (attempts >= 0),
    sent_at         timestamptz,
    via             text        check (via in ('SMTP', 'OUTBOX')),
    last_error      text,
    check ((sent_at is null) = (via is null))
);
create index outgoing_mail_due on outgoing_mail (next_attempt_at) where sent_at is null;
create index outgoing_mail_newest on outgoing_mail (id desc);

-- Sent mail stays sent: the server may record a delivery, never take one back.
create function outgoing_mail_stays_sent() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if old.sent_at is not null then
        raise exception 'mail % was already sent', old.id using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;
create trigger outgoing_mail_stays_sent before update on outgoing_mail
    for each row execute function outgoing_mail_stays_sent();

insert into server_grants (privileges, on_objects) values
    ('select, insert, update (email, language, delivery, digest_sent_at)', 'notification_settings'),
    ('select, insert, update (read_at, mail)', 'notifications'),
    ('select, insert, update (next_attempt_at, attempts, sent_at, via, last_error)', 'outgoing_mail');
