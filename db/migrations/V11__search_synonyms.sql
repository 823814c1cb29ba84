-- Words readers use, each mapped to words our texts use ("fit" -> "seizure", "convulsiones" -> "crisis
-- epilépticas"), per language, kept by editors: search looks for either. They change what searches find,
-- so every instance drops its cached pages when they change, as for any change of public content.
create table search_synonyms (
    id            bigint      generated always as identity primary key,
    language_code text        not null references languages (code),
    term          text        not null check (length(term) between 1 and 80 and term = btrim(term)),
    means         text        not null check (length(means) between 1 and 80 and means = btrim(means)),
    created_by    bigint      not null references users (id),
    created_at    timestamptz not null default now(),
    check (search_fold(term) <> search_fold(means))
);
create unique index search_synonyms_once on search_synonyms (language_code, search_fold(term), search_fold(means));

create trigger search_synonyms_notify after insert or delete on search_synonyms
    for each statement execute function notify_content_changed();

-- "All of" and "any of" for text search queries: a query is the reader's words, each word either itself
-- or one of its synonyms. Over no rows both give the empty query, which && and || leave out.
create aggregate search_all(tsquery) (sfunc = tsquery_and, stype = tsquery, initcond = '');
create aggregate search_any(tsquery) (sfunc = tsquery_or, stype = tsquery, initcond = '');

-- The server's rights, as in V8, and now the synonyms: read, add, remove (never edit: remove and add).
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
                   ' password_changed_at) on users to %I', server);
    execute format('grant select, insert, delete on user_roles, user_qualifications to %I', server);
    execute format('grant select, insert, update, delete on admin_sessions to %I', server);
    execute format('grant select, insert, delete on search_synonyms to %I', server);
end $$;
revoke execute on function grant_server_role(name) from public;
