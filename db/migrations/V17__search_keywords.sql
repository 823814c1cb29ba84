-- Keywords of one item in one language, kept by editors: words readers use for that question that its
-- text does not ("hiccups", "startles"). They are indexed with the item's published text (weight B, like the
-- body), so a search for one finds the item; the index is still written only by these owner functions.
create table search_keywords (
    id            bigint      generated always as identity primary key,
    item_id       bigint      not null references content_items (id),
    language_code text        not null references languages (code),
    keyword       text        not null check (length(keyword) between 1 and 80 and keyword = btrim(keyword)),
    created_by    bigint      not null references users (id),
    created_at    timestamptz not null default now()
);
create unique index search_keywords_once on search_keywords (item_id, language_code, search_fold(keyword));

create or replace function search_index_revision(rev_id bigint) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    rev revisions%rowtype;
    cfg regconfig;
    plain text;
    keywords text;
    everything text;
begin
    select * into rev from revisions where id = rev_id;
    cfg := search_config_of(rev.language_code);
    plain := markdown_plain(rev.body);
    select coalesce(string_agg(k.keyword, ' ' order by k.id), '') into keywords
    from search_keywords k where k.item_id = rev.item_id and k.language_code = rev.language_code;
    everything := search_fold(rev.title || ' ' || plain || ' ' || keywords);
    insert into search_documents (revision_id, title, body, document, folded, words)
    values (rev.id, rev.title, plain,
            setweight(to_tsvector(cfg, rev.title), 'A') || setweight(to_tsvector(cfg, keywords), 'B')
                || setweight(to_tsvector(cfg, plain), 'B'),
            everything,
            array(select distinct w from unnest(tsvector_to_array(to_tsvector('simple', everything))) w
                  where char_length(w) >= 3 order by w))
    on conflict (revision_id) do update
        set title = excluded.title, body = excluded.body, document = excluded.document,
            folded = excluded.folded, words = excluded.words;
end $$;
revoke execute on function search_index_revision(bigint) from public;

-- A keyword added or removed: the item's published texts in that language are indexed again.
create function search_keywords_reindex() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    k search_keywords%rowtype;
begin
    k := case when tg_op = 'DELETE' then old else new end;
    perform search_index_revision(r.id) from revisions r
    where r.item_id = k.item_id and r.language_code = k.language_code
      and exists (select 1 from publications p where p.revision_id = r.id);
    return null;
end $$;
create trigger search_keywords_reindex after insert or delete on search_keywords
    for each row execute function search_keywords_reindex();
create trigger search_keywords_notify after insert or delete on search_keywords
    for each statement execute function notify_content_changed();

insert into server_grants (privileges, on_objects) values ('select, insert, delete', 'search_keywords');
