-- Second factor for staff (TOTP, RFC 6238) with one-time recovery codes; a time before which every session of
-- a person has ended (an admin's reset of their second factor); the secret that signs the sign-in form's token.

-- One authenticator per person. The secret is never shown on an admin page; confirmed_at is null while the
-- enrolment waits for its first code. last_step is the 30-second step of the last accepted code: a code of that
-- step or an earlier one is refused (replay).
create table second_factors (
    user_id      bigint      primary key references users (id),
    secret       text        not null check (secret ~ '^[A-Z2-7]{16,64}$'),
    created_at   timestamptz not null,
    confirmed_at timestamptz,
    last_step    bigint
);

-- Shown once at enrolment, stored as Argon2id hashes like passwords, each usable once.
create table recovery_codes (
    id        bigint      generated always as identity primary key,
    user_id   bigint      not null references users (id),
    code_hash text        not null,
    used_at   timestamptz
);
create index idx_recovery_codes_user on recovery_codes (user_id);

-- Sessions signed in before this time have ended (as with password_changed_at, without changing the password).
alter table users add column sessions_ended_at timestamptz;

-- Secrets every instance shares, made once here. 'sign-in-form' keys the HMAC of the sign-in form's token
-- (a signed double-submit value, so showing the form stores no session): two gen_random_uuid() values, which
-- PostgreSQL draws from its strong random source, give 244 random bits.
create table server_secrets (
    name   text  primary key,
    secret bytea not null check (length(secret) >= 32)
);
insert into server_secrets (name, secret)
values ('sign-in-form', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- The server's role: V8's list plus the tables above and the new column of users.
create or replace function grant_server_role(server name) returns void
    language plpgsql set search_path = public, pg_temp as $$
begin
    if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and pg_has_role(server, c.relowner, 'USAGE')) then
        raise notice 'role % owns the tables (or is a superuser); nothing to grant', server;
        return;
    end if;
    execute format('revoke all on all tables in schema public from %I', server);
    execute format('grant usage on schema public to %I', server);
    execute format('grant select on flyway_schema_history, search_documents, review_policy to %I', server);
    execute format('grant select, insert on revisions, reviews, submissions, audit_events, feedback to %I', server);
    execute format('grant select, insert, update (ended_at, withdrawn_at, withdrawn_reason) on publications to %I',
                   server);
    execute format('grant select, insert, update (position) on content_items to %I', server);
    execute format('grant select, insert, update (native_name, english_name, direction, search_config, is_public,'
                   ' position) on languages to %I', server);
    execute format('grant select, insert, update (display_name, credentials, password_hash, active,'
                   ' password_changed_at, sessions_ended_at) on users to %I', server);
    execute format('grant select, insert, delete on user_roles, user_qualifications to %I', server);
    execute format('grant select, insert, update, delete on admin_sessions to %I', server);
    execute format('grant select, insert, update, delete on second_factors, recovery_codes to %I', server);
    execute format('grant select on server_secrets to %I', server);
end $$;
revoke execute on function grant_server_role(name) from public;
