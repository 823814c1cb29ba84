-- The sign-off guarantee holds even against SQL sent with the server's own credentials.
--
-- From here on migrations run as the owner of the schema and the server runs as a role that owns nothing
-- (README, "Database roles"). grant_server_role() below is the one list of what that role may do; the app
-- calls it as the owner at every start, so a renamed server role gets the same rights. Every refusal here
-- raises SQLSTATE NL001, so the application can tell a rule apart from a race (23505) or a bug.
--
-- What the database cannot know is which person sits behind the server's connection. It checks what can
-- be checked without that: every author may write what they wrote, every reviewer was qualified before the
-- text was submitted, every time is its own clock, and a change of one item waits for the one before.

-- Nobody but the owner creates objects here, and no temporary table can shadow a table a trigger reads
-- (pg_temp comes first in a role's search path for tables; the functions below also pin their own path).
-- A migrating role that does not own the schema or the database gets a warning and nothing changes.
revoke create on schema public from public;
do $$
begin
    execute format('revoke temporary on database %I from public', current_database());
end $$;

-- One item at a time: every state change of an item takes this lock first, in the application and again in
-- the triggers below, so direct SQL is serialized with the application too.
create function lock_item(item bigint) returns void
    language plpgsql set search_path = public, pg_temp as $$
begin
    perform pg_advisory_xact_lock(20044, (item % 2147483647)::int);
end $$;

-- The longest clinical review period the owner allows; the app writes its setting here at start.
create table review_policy (
    singleton  boolean primary key default true check (singleton),
    max_months integer not null check (max_months between 1 and 60)
);
insert into review_policy values (true, 12);

-- When a role or a qualification was granted: one granted after a text was submitted does not count for
-- that text, so nobody can grant themselves the right to review what is already waiting. Rows are only
-- ever added or removed.
alter table user_roles add column granted_at timestamptz not null default '-infinity';
alter table user_roles alter column granted_at set default now();
alter table user_qualifications add column granted_at timestamptz not null default '-infinity';
alter table user_qualifications alter column granted_at set default now();

create function stamp_granted_at() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    new.granted_at := now();
    return new;
end $$;
create trigger user_roles_granted_at before insert on user_roles
    for each row execute function stamp_granted_at();
create trigger user_qualifications_granted_at before insert on user_qualifications
    for each row execute function stamp_granted_at();
create trigger user_roles_immutable before update on user_roles
    for each row execute function refuse_change();
create trigger user_qualifications_immutable before update on user_qualifications
    for each row execute function refuse_change();

-- Whether a user held a capability in a language (and, for MEDICAL_REVIEW, the clinician role) at a time.
create function qualified_at(person bigint, lang text, cap text, at timestamptz) returns boolean
    language sql stable set search_path = public, pg_temp
    return exists (select 1 from user_qualifications q
                   where q.user_id = person and q.language_code = lang and q.capability = cap and q.granted_at <= at)
       and (cap <> 'MEDICAL_REVIEW'
            or exists (select 1 from user_roles r
                       where r.user_id = person and r.role = 'CLINICIAN' and r.granted_at <= at));

create function source_language() returns text
    language sql stable set search_path = public, pg_temp
    return (select code from languages where is_source);

-- Every refusal of this migration.
create function refuse(message text) returns void
    language plpgsql set search_path = public, pg_temp as $$
begin
    raise exception '%', message using errcode = 'NL001';
end $$;

-- --- revisions ---------------------------------------------------------------------------------------

-- Old imports may have left revisions without an author; they can no longer be reviewed or published.
alter table revisions add constraint revisions_author_required check (author_id is not null) not valid;

-- A revision is written now, by someone allowed to write it, and a translation names the source revision
-- it was made from (a published revision of the same item in the source language).
create function revisions_check() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
declare
    base revisions%rowtype;
begin
    perform lock_item(new.item_id);
    new.created_at := now();
    if not exists (select 1 from users u where u.id = new.author_id and u.active) then
        perform refuse(format('revision author %s is not an active user', new.author_id));
    end if;
    if new.language_code = source_language() then
        if new.base_source_revision_id is not null then
            perform refuse('source text is not translated from anything');
        end if;
        if not exists (select 1 from user_roles r where r.user_id = new.author_id and r.role = 'EDITOR') then
            perform refuse(format('user %s is not an editor and cannot write source text', new.author_id));
        end if;
    else
        select * into base from revisions where id = new.base_source_revision_id;
        if base.id is null or base.item_id <> new.item_id or base.language_code <> source_language()
                or not exists (select 1 from publications p where p.revision_id = base.id) then
            perform refuse('a translation must name the published source revision it was made from');
        end if;
        if not (exists (select 1 from user_roles r where r.user_id = new.author_id and r.role = 'TRANSLATOR')
                and qualified_at(new.author_id, new.language_code, 'TRANSLATE', now())) then
            perform refuse(format('user %s may not translate into %s', new.author_id, new.language_code));
        end if;
    end if;
    return new;
end $$;
create trigger revisions_check before insert on revisions
    for each row execute function revisions_check();

-- --- submissions -------------------------------------------------------------------------------------

create function submissions_check() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
declare
    item bigint;
begin
    select item_id into item from revisions where id = new.revision_id;
    perform lock_item(item);
    new.submitted_at := now();
    if not exists (select 1 from users u where u.id = new.submitted_by and u.active) then
        perform refuse(format('user %s is not an active user', new.submitted_by));
    end if;
    return new;
end $$;
create trigger submissions_check before insert on submissions
    for each row execute function submissions_check();
create trigger submissions_immutable before update or delete on submissions
    for each row execute function refuse_change();

-- --- reviews -----------------------------------------------------------------------------------------

-- When a clinician refuses a text that is live, they say whether it may stay up until it is replaced
-- (UPDATE_NEEDED) or must come down now (UNSAFE).
alter table reviews add column live_outcome text check (live_outcome in ('UPDATE_NEEDED', 'UNSAFE'));

-- The newest review of a kind decides (the highest id: reviews of one item are serialized by its lock).
create or replace function revision_approved(rev_id bigint, review_kind text) returns boolean
    language sql stable set search_path = public, pg_temp
    return coalesce((select r.decision = 'APPROVED'
                     from reviews r join revisions v on v.id = r.revision_id
                     where r.revision_id = rev_id and r.kind = review_kind
                       and r.content_hash = v.content_hash
                       and r.reviewer_id is distinct from v.author_id
                     order by r.id desc limit 1), false);

create function live_unwithdrawn(rev_id bigint) returns boolean
    language sql stable set search_path = public, pg_temp
    return exists (select 1 from publications p
                   where p.revision_id = rev_id and p.ended_at is null and p.withdrawn_at is null);

create or replace function reviews_check() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
declare
    rev revisions%rowtype;
    submitted timestamptz;
begin
    select * into rev from revisions where id = new.revision_id;
    perform lock_item(rev.item_id);
    new.created_at := now();
    if new.content_hash is distinct from rev.content_hash then
        perform refuse(format('review of revision %s does not match its content hash', new.revision_id));
    end if;
    if rev.author_id is null then
        perform refuse(format('revision %s has no author and cannot be reviewed', new.revision_id));
    end if;
    if rev.author_id = new.reviewer_id then
        perform refuse(format('the author of revision %s cannot review it', new.revision_id));
    end if;
    if not exists (select 1 from users u where u.id = new.reviewer_id and u.active) then
        perform refuse(format('reviewer %s is not an active user', new.reviewer_id));
    end if;
    select s.submitted_at into submitted from submissions s where s.revision_id = new.revision_id;
    if submitted is null then
        perform refuse(format('revision %s was not submitted for review', new.revision_id));
    end if;
    if new.kind = 'LANGUAGE' and rev.language_code = source_language() then
        perform refuse('source text has no language review, only a medical one');
    end if;
    if not qualified_at(new.reviewer_id, rev.language_code,
                        case new.kind when 'MEDICAL' then 'MEDICAL_REVIEW' else 'LANGUAGE_REVIEW' end, submitted) then
        perform refuse(format('user %s was not qualified for a %s review of %s text when it was submitted',
                              new.reviewer_id, lower(new.kind), rev.language_code));
    end if;
    if new.live_outcome is not null and (new.kind <> 'MEDICAL' or new.decision <> 'CHANGES_REQUESTED') then
        perform refuse('only a medical request for changes says what happens to the live text');
    end if;
    if new.live_outcome is null and new.kind = 'MEDICAL' and new.decision = 'CHANGES_REQUESTED'
            and live_unwithdrawn(new.revision_id) then
        perform refuse(format('revision %s is live: say whether it may stay up (UPDATE_NEEDED) or is UNSAFE',
                              new.revision_id));
    end if;
    return new;
end $$;

-- At commit, a text refused as unsafe is down, and for source text so is every translation made from it or
-- from an older source.
create function reviews_unsafe_is_down() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
declare
    rev revisions%rowtype;
begin
    select * into rev from revisions where id = new.revision_id;
    if live_unwithdrawn(rev.id) then
        perform refuse(format('revision %s was refused as unsafe but is still live', rev.id));
    end if;
    if rev.language_code = source_language() and exists (
            select 1 from publications p join revisions t on t.id = p.revision_id
            join revisions b on b.id = t.base_source_revision_id
            where p.item_id = rev.item_id and p.ended_at is null and p.withdrawn_at is null
              and b.number <= rev.number) then
        perform refuse(format('translations of revision %s, refused as unsafe, are still live', rev.id));
    end if;
    return null;
end $$;
create constraint trigger reviews_unsafe_is_down after insert on reviews
    deferrable initially deferred
    for each row when (new.live_outcome = 'UNSAFE') execute function reviews_unsafe_is_down();

-- --- publications ------------------------------------------------------------------------------------

create or replace function publications_check() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
declare
    rev revisions%rowtype;
    approved_on timestamptz;
    newest_safety integer;
    source text := source_language();
begin
    perform lock_item(coalesce(new.item_id, old.item_id));
    if tg_op = 'UPDATE' then
        if new.item_id <> old.item_id or new.language_code <> old.language_code
                or new.revision_id <> old.revision_id or new.published_at <> old.published_at
                or new.published_by is distinct from old.published_by
                or new.next_review_due <> old.next_review_due
                or new.source_change is distinct from old.source_change then
            perform refuse('a publication cannot be changed to another text, date or kind of change');
        end if;
        if old.ended_at is not null then
            perform refuse('an ended publication cannot change');
        end if;
        if old.withdrawn_at is not null and (new.withdrawn_at is distinct from old.withdrawn_at
                or new.withdrawn_reason is distinct from old.withdrawn_reason) then
            perform refuse('a withdrawn publication stays withdrawn; publish a new revision instead');
        end if;
        if old.withdrawn_at is null and new.withdrawn_at is not null then
            new.withdrawn_at := now();
        end if;
        if new.ended_at is not null then
            new.ended_at := now();
        end if;
        return new;
    end if;

    new.published_at := now();
    if new.ended_at is not null or new.withdrawn_at is not null then
        perform refuse('a new publication is live');
    end if;
    select * into rev from revisions where id = new.revision_id;
    if rev.item_id <> new.item_id or rev.language_code <> new.language_code then
        perform refuse('publication does not match its revision''s item and language');
    end if;
    if rev.author_id is null then
        perform refuse(format('revision %s has no author and cannot be published', rev.id));
    end if;
    if not revision_approved(rev.id, 'MEDICAL') then
        perform refuse(format('revision %s has no medical approval', rev.id));
    end if;
    if new.language_code <> source and not revision_approved(rev.id, 'LANGUAGE') then
        perform refuse(format('translation revision %s has no language approval', rev.id));
    end if;
    if exists (select 1 from publications p where p.revision_id = rev.id and p.withdrawn_at is not null) then
        perform refuse(format('revision %s was withdrawn and can never be published again', rev.id));
    end if;
    if new.published_by is null or not exists (select 1 from users u join user_roles r on r.user_id = u.id
            where u.id = new.published_by and u.active and r.role = 'EDITOR') then
        perform refuse(format('user %s is not an active editor', new.published_by));
    end if;

    select r.created_at into approved_on from reviews r
    where r.revision_id = rev.id and r.kind = 'MEDICAL' order by r.id desc limit 1;
    if new.next_review_due < (now() at time zone 'UTC')::date
            or new.next_review_due > ((approved_on at time zone 'UTC')::date
                                      + make_interval(months => (select max_months from review_policy)))::date then
        perform refuse(format('next review %s is not within the review period of the sign-off of %s',
                              new.next_review_due, (approved_on at time zone 'UTC')::date));
    end if;

    select max(v.number) into newest_safety from publications p join revisions v on v.id = p.revision_id
    where p.item_id = new.item_id and p.language_code = source and p.source_change = 'SAFETY';
    if new.language_code = source then
        if rev.number < newest_safety then
            perform refuse(format('revision %s is older than a safety change of this text', rev.id));
        end if;
        if new.source_change is null
                and not exists (select 1 from publications p where p.revision_id = rev.id)
                and exists (select 1 from publications p join revisions t on t.id = p.revision_id
                            join revisions b on b.id = t.base_source_revision_id
                            where p.item_id = new.item_id and p.language_code <> source
                              and p.ended_at is null and p.withdrawn_at is null and b.number < rev.number) then
            perform refuse('live translations are based on older source text: say whether this change is MINOR or SAFETY');
        end if;
    else
        if new.source_change is not null then
            perform refuse('only source text is published as a MINOR or SAFETY change');
        end if;
        if (select b.number from revisions b where b.id = rev.base_source_revision_id) < newest_safety then
            perform refuse(format('translation revision %s was made from source text older than its safety change',
                                  rev.id));
        end if;
    end if;
    return new;
end $$;

-- At commit, a SAFETY change of source text has taken down every translation made from older source text.
create function publications_safety_is_done() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
declare
    changed integer;
begin
    select number into changed from revisions where id = new.revision_id;
    if exists (select 1 from publications p join revisions t on t.id = p.revision_id
               join revisions b on b.id = t.base_source_revision_id
               where p.item_id = new.item_id and p.language_code <> new.language_code
                 and p.ended_at is null and p.withdrawn_at is null and b.number < changed) then
        perform refuse('a safety change leaves translations of the older source text live');
    end if;
    return null;
end $$;
create constraint trigger publications_safety_is_done after insert on publications
    deferrable initially deferred
    for each row when (new.source_change = 'SAFETY') execute function publications_safety_is_done();

create trigger publications_no_truncate before truncate on publications
    for each statement execute function refuse_truncate();
create trigger submissions_no_truncate before truncate on submissions
    for each statement execute function refuse_truncate();

-- --- languages ---------------------------------------------------------------------------------------

-- Which language is the source decides which texts need a language review; once there is text, it stays.
create function languages_source_fixed() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if (tg_op = 'INSERT' and new.is_source or tg_op = 'UPDATE' and new.is_source <> old.is_source)
            and exists (select 1 from revisions) then
        perform refuse('the source language cannot change once there is text');
    end if;
    return new;
end $$;
create trigger languages_source_fixed before insert or update on languages
    for each row execute function languages_source_fixed();

-- --- search ------------------------------------------------------------------------------------------

-- The index holds the text of published revisions only, written when a revision is first published, by
-- these functions as the owner, from the stored revision: nobody can put text in it that is not a published
-- revision's own. Which documents are found is still decided by the live publications.
alter function search_index_revision(bigint) security definer set search_path = public, pg_temp;
alter function search_documents_reindex_language() security definer set search_path = public, pg_temp;
alter function search_config_of(text) set search_path = public, pg_temp;
revoke execute on function search_index_revision(bigint) from public;

drop trigger revisions_search on revisions;
drop function search_documents_add();
create function search_documents_add() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    perform search_index_revision(new.revision_id);
    return null;
end $$;
create trigger publications_search after insert on publications
    for each row execute function search_documents_add();

create or replace function search_documents_reindex_language() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    perform search_index_revision(r.id) from revisions r
    where r.language_code = new.code and exists (select 1 from publications p where p.revision_id = r.id);
    return null;
end $$;

create function search_documents_published_only() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from publications p where p.revision_id = new.revision_id) then
        perform refuse(format('revision %s was never published and cannot be searched', new.revision_id));
    end if;
    return new;
end $$;
create trigger search_documents_published_only before insert or update on search_documents
    for each row execute function search_documents_published_only();
delete from search_documents d where not exists (select 1 from publications p where p.revision_id = d.revision_id);
create trigger search_documents_no_truncate before truncate on search_documents
    for each statement execute function refuse_truncate();

-- The rest of the trigger functions that read tables or are shared get a pinned path too.
alter function refuse_change() set search_path = public, pg_temp;
alter function refuse_truncate() set search_path = public, pg_temp;
alter function revisions_check_hash() set search_path = public, pg_temp;
alter function notify_content_changed() set search_path = public, pg_temp;

-- --- the server's role -------------------------------------------------------------------------------

-- What the server may do, and nothing more: no table it owns, no TRUNCATE, no UPDATE of what must not
-- change. A role that owns the tables (one role for everything) is left alone: it has every right anyway,
-- and the app warns about it at start.
create function grant_server_role(server name) returns void
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
end $$;
revoke execute on function grant_server_role(name) from public;
