-- Public search over published text, reader feedback, and the signal that tells every app instance to
-- drop its cache of rendered pages when what the public sees changes.

-- Both are trusted extensions (PostgreSQL 13+): a database owner may create them without superuser.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary can be changed). This wrapper names the dictionary in a
-- SQL-standard body, which binds it when the function is created, so it is safe to mark IMMUTABLE and to
-- use in expressions and indexes. It also drops Arabic short vowels, shadda, sukun, dagger alif and
-- tatweel, which unaccent's rules leave alone, and lower-cases: "Myoclonie", "myoclonie" and "MYOCLONIE"
-- fold to one word, as do "الرَّمَع" and "الرمع".
create function search_fold(t text) returns text
    language sql immutable parallel safe strict
    return lower(regexp_replace(unaccent('unaccent'::regdictionary, t), '[\u064B-\u065F\u0670\u0640]', '', 'g'));

-- Markdown as readers see it, for snippets and for the words: link and image targets, emphasis markers
-- and block markers dropped, whitespace collapsed. The private-use characters U+E000 and U+E001 mark
-- highlights in snippets, so they are removed from the text itself.
create function markdown_plain(md text) returns text
    language sql immutable parallel safe strict
    return btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(md,
        '!?\[([^\]]*)\]\([^)]*\)', '\1', 'g'),
        '^[ \t]{0,3}(#{1,6}|>|[-*+]|[0-9]{1,9}[.)])[ \t]+', '', 'gn'),
        '<(https?://[^>\s]*)>', '\1', 'g'),
        '[*_`~\uE000\uE001]+', '', 'g'),
        '\s+', ' ', 'g'));

-- One accent-insensitive copy of every built-in text search configuration ("search_english",
-- "search_arabic", ...): the same parser and stemmer, with unaccent in front for words with non-ASCII
-- letters. Documents and queries both go through it, and ts_headline can then highlight "écouter" in
-- the original text for the query "ecouter".
do $$
declare
    cfg record;
    token text;
    dictionaries text;
begin
    for cfg in select c.oid, c.cfgname from pg_ts_config c
               where c.cfgnamespace = 'pg_catalog'::regnamespace loop
        execute format('create text search configuration %I (copy = pg_catalog.%I)',
                       'search_' || cfg.cfgname, cfg.cfgname);
        foreach token in array array['word', 'hword', 'hword_part'] loop
            select string_agg(m.mapdict::regdictionary::text, ', ' order by m.mapseqno) into dictionaries
            from pg_ts_config_map m
            join ts_token_type('default') t on t.tokid = m.maptokentype
            where m.mapcfg = cfg.oid and t.alias = token;
            if dictionaries is not null then
                execute format('alter text search configuration %I alter mapping for %s with unaccent, %s',
                               'search_' || cfg.cfgname, token, dictionaries);
            end if;
        end loop;
    end loop;
end $$;

-- The configuration a language's texts are searched with: its accent-insensitive copy where there is
-- one, else its own configuration, else 'simple'.
create function search_config_of(lang text) returns regconfig
    language sql stable parallel safe
    return coalesce(
        (select c.oid::regconfig from languages l join pg_ts_config c on c.cfgname = 'search_' || l.search_config
         where l.code = lang and pg_ts_config_is_visible(c.oid)),
        (select l.search_config::regconfig from languages l where l.code = lang),
        'simple'::regconfig);

-- The searchable form of every revision, written when the revision is. Revisions never change, so
-- neither do these rows, except when a language's search configuration does. Whether a text may be
-- found is decided at query time from the live publications, never here.
create table search_documents (
    revision_id bigint   primary key references revisions (id),
    title       text     not null,
    body        text     not null,   -- markdown_plain(body)
    document    tsvector not null,   -- title (weight A) and body (weight B) in the language's configuration
    folded      text     not null,   -- search_fold(title || ' ' || body), for trigram similarity
    words       text[]   not null    -- distinct folded words of three letters or more, for "did you mean"
);
create index search_documents_document on search_documents using gin (document);
create index search_documents_folded on search_documents using gin (folded gin_trgm_ops);

create function search_index_revision(rev_id bigint) returns void language plpgsql as $$
declare
    rev revisions%rowtype;
    cfg regconfig;
    plain text;
    everything text;
begin
    select * into rev from revisions where id = rev_id;
    cfg := search_config_of(rev.language_code);
    plain := markdown_plain(rev.body);
    everything := search_fold(rev.title || ' ' || plain);
    insert into search_documents (revision_id, title, body, document, folded, words)
    values (rev.id, rev.title, plain,
            setweight(to_tsvector(cfg, rev.title), 'A') || setweight(to_tsvector(cfg, plain), 'B'),
            everything,
            array(select distinct w from unnest(tsvector_to_array(to_tsvector('simple', everything))) w
                  where char_length(w) >= 3 order by w))
    on conflict (revision_id) do update
        set title = excluded.title, body = excluded.body, document = excluded.document,
            folded = excluded.folded, words = excluded.words;
end $$;

create function search_documents_add() returns trigger language plpgsql as $$
begin
    perform search_index_revision(new.id);
    return null;
end $$;
create trigger revisions_search after insert on revisions
    for each row execute function search_documents_add();

create function search_documents_reindex_language() returns trigger language plpgsql as $$
begin
    perform search_index_revision(r.id) from revisions r where r.language_code = new.code;
    return null;
end $$;
create trigger languages_search_config after update of search_config on languages
    for each row when (old.search_config is distinct from new.search_config)
    execute function search_documents_reindex_language();

select search_index_revision(id) from revisions;

-- "Was this helpful?" from readers: no account, no cookie, no client address kept. revision_id is the
-- text the reader was shown (in a fallback, the source-language revision); language_code the page's.
create table feedback (
    id            bigint generated always as identity primary key,
    item_id       bigint      not null references content_items (id),
    language_code text        not null references languages (code),
    revision_id   bigint      references revisions (id),
    helpful       boolean     not null,
    comment       text        not null default '' check (char_length(comment) <= 500),
    created_at    timestamptz not null default now()
);
create index feedback_item on feedback (item_id, language_code, created_at);

-- Every app instance listens on 'nightlight_content' and clears its cache of rendered pages. The
-- notification is sent at commit, so no instance can re-read the old state afterwards. Publications
-- change on publish, withdraw, unpublish and rollback; content items on reordering; languages when
-- one is added, renamed or made public.
create function notify_content_changed() returns trigger language plpgsql as $$
begin
    if tg_level = 'ROW' then
        perform pg_notify('nightlight_content', tg_table_name || ' ' || new.item_id || ' ' || new.language_code);
    else
        perform pg_notify('nightlight_content', tg_table_name);
    end if;
    return null;
end $$;
create trigger publications_notify after insert or update on publications
    for each row execute function notify_content_changed();
create trigger content_items_notify after update on content_items
    for each statement execute function notify_content_changed();
create trigger languages_notify after insert or update or delete on languages
    for each statement execute function notify_content_changed();
