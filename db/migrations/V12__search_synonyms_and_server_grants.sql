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

-- The server's rights (V9 listed them last), one row per grant, so a later migration adds its table's
-- rights with an insert instead of copying this function: what the server may do, and nothing more (V8
-- explains each choice).
create table server_grants (
    privileges text not null,
    on_objects text not null,
    primary key (privileges, on_objects)
);
insert into server_grants (privileges, on_objects) values
    ('select', 'flyway_schema_history, search_documents, review_policy'),
    ('select, insert', 'revisions, reviews, submissions, audit_events, feedback'),
    ('select, insert, update (ended_at, withdrawn_at, withdrawn_reason)', 'publications'),
    ('select, insert, update (position)', 'content_items'),
    ('select, insert, update (native_name, english_name, direction, search_config, is_public, position)', 'languages'),
    ('select, insert, update (display_name, credentials, password_hash, active, password_changed_at,'
     || ' sessions_ended_at)', 'users'),
    ('select, insert, delete', 'user_roles, user_qualifications'),
    ('select, insert, update, delete', 'admin_sessions'),
    ('select, insert, update, delete', 'second_factors, recovery_codes'),
    ('select', 'server_secrets'),
    ('select, insert, delete', 'search_synonyms');

create or replace function grant_server_role(server name) returns void
    language plpgsql set search_path = public, pg_temp as $$
declare
    g record;
begin
    if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and pg_has_role(server, c.relowner, 'USAGE')) then
        raise notice 'role % owns the tables (or is a superuser); nothing to grant', server;
        return;
    end if;
    execute format('revoke all on all tables in schema public from %I', server);
    execute format('grant usage on schema public to %I', server);
    for g in select privileges, on_objects from server_grants order by on_objects, privileges loop
        execute format('grant %s on %s to %I', g.privileges, g.on_objects, server);
    end loop;
end $$;
revoke execute on function grant_server_role(name) from public;
