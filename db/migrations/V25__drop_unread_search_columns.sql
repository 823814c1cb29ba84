-- search_documents.words was read only by the old "Did you mean", which search_vocabulary (V23) replaced, and
-- search_documents.folded (with its trigram index: 56 MB at 80,800 texts) by nothing; every publication still
-- computed both. The index of a revision is now its title, body, document, title document and spellings.
create or replace function search_index_revision(rev_id bigint) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    rev revisions%rowtype;
    cfg regconfig;
    plain text;
    keywords text;
begin
    select * into rev from revisions where id = rev_id;
    cfg := search_config_of(rev.language_code);
    plain := markdown_plain(rev.body);
    select coalesce(string_agg(k.keyword, ' ' order by k.id), '') into keywords
    from search_keywords k where k.item_id = rev.item_id and k.language_code = rev.language_code;
    insert into search_documents (revision_id, title, body, document, title_document, spellings)
    values (rev.id, rev.title, plain,
            setweight(to_tsvector(cfg, rev.title), 'A') || setweight(to_tsvector(cfg, keywords), 'B')
                || setweight(to_tsvector(cfg, plain), 'B'),
            to_tsvector(cfg, rev.title),
            search_spellings(rev.title || ' ' || plain || ' ' || keywords))
    on conflict (revision_id) do update
        set title = excluded.title, body = excluded.body, document = excluded.document,
            title_document = excluded.title_document, spellings = excluded.spellings;
end $$;
revoke execute on function search_index_revision(bigint) from public;

alter table search_documents drop column folded, drop column words;
