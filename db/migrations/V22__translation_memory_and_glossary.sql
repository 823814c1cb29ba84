-- The translator's workbench: a glossary per language pair and a translation memory.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the schema's owner may create it without being a superuser.
create extension if not exists pg_trgm;

-- Terms and their approved translation, per language pair, kept by editors and the target language's
-- reviewers. A term marked "do not translate" (a drug's brand name, "NHS 111") keeps its own spelling.
-- Rows change; their history is the audit trail, written in the same transaction as each change.
create table glossary_terms (
    id               bigint      generated always as identity primary key,
    source_language  text        not null references languages (code),
    target_language  text        not null references languages (code),
    term             text        not null check (length(term) between 1 and 120 and term = btrim(term)),
    translation      text        not null check (length(translation) between 1 and 120
                                                 and translation = btrim(translation)),
    note             text        not null default '' check (length(note) <= 500),
    do_not_translate boolean     not null default false,
    created_by       bigint      not null references users (id),
    created_at       timestamptz not null default now(),
    changed_by       bigint      not null references users (id),
    changed_at       timestamptz not null default now(),
    check (source_language <> target_language),
    check (not do_not_translate or translation = term)
);
create unique index glossary_terms_once on glossary_terms (source_language, target_language, lower(term));

-- The last line of defence: whoever the row names as writing it must be allowed to, the term and its pair
-- never change (a different term is a new entry), and the database stamps the times.
create function glossary_terms_guard() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from users u where u.id = new.changed_by and u.active
                   and (exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'EDITOR')
                        or exists (select 1 from user_qualifications q where q.user_id = u.id
                                   and q.language_code = new.target_language
                                   and q.capability = 'LANGUAGE_REVIEW'))) then
        perform refuse('only an active editor or a language reviewer of the target language keeps its glossary');
    end if;
    if tg_op = 'INSERT' then
        if new.created_by <> new.changed_by then
            perform refuse('a glossary term is created by whoever writes it');
        end if;
        new.created_at := now();
    elsif (new.source_language, new.target_language, new.term, new.created_by, new.created_at)
          is distinct from (old.source_language, old.target_language, old.term, old.created_by, old.created_at) then
        perform refuse('a glossary term and its language pair never change: add another term');
    end if;
    new.changed_at := now();
    return new;
end $$;
create trigger glossary_terms_guard before insert or update on glossary_terms
    for each row execute function glossary_terms_guard();

-- Translation memory: pairs of a source unit and its translation, cut from translations that were approved
-- and published, whose units line up one to one with the source revision they were made from. Filled
-- lazily, per language pair, before suggestions are made (see TranslationMemory); a harvested revision is
-- recorded even when it gave no segment, so it is cut once. Both tables are derived from revisions, which
-- never change, so their rows never change either.
create table memory_harvests (
    revision_id  bigint      primary key references revisions (id),
    segments     integer     not null check (segments >= 0),
    harvested_at timestamptz not null default now()
);

create table memory_segments (
    id                 bigint  generated always as identity primary key,
    revision_id        bigint  not null references memory_harvests (revision_id),
    source_revision_id bigint  not null references revisions (id),
    item_id            bigint  not null references content_items (id),
    source_language    text    not null references languages (code),
    target_language    text    not null references languages (code),
    unit_index         integer not null,
    source_text        text    not null,
    target_text        text    not null,
    unique (revision_id, unit_index)
);
create index memory_segments_pair on memory_segments (source_language, target_language);
create index memory_segments_fuzzy on memory_segments using gin (source_text gin_trgm_ops);

create trigger memory_harvests_append_only before update or delete on memory_harvests
    for each row execute function refuse_change();
create trigger memory_segments_append_only before update or delete on memory_segments
    for each row execute function refuse_change();

insert into server_grants (privileges, on_objects) values
    ('select, insert, delete, update (translation, note, do_not_translate, changed_by, changed_at)',
     'glossary_terms'),
    ('select, insert', 'memory_harvests, memory_segments');
