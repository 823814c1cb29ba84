-- The search indexes held every language's words together, so a query read the entries of every language that
-- shares its word: at 80,800 texts the French query for "bébé" (lexeme 'beb') read 30,298 entries, French,
-- Spanish and Portuguese alike, and then checked each text's language one by one. Each lexeme of a document
-- and of a query now carries its language ('fr:beb'), so a query reads its own language's entries only (10,099
-- there; its index scan 4.7 ms to 2.6 ms warm), and the cost of a search no longer grows with the other
-- languages' texts. Snippets (ts_headline) still take the plain query: they parse the text itself.

-- A document's lexemes with its language in front, positions and weights kept (phrase search needs them).
-- Lexemes that would grow past PostgreSQL's limit for one (2046 bytes) are left out, as to_tsvector leaves out
-- words that long.
create function search_keyed(lang text, document tsvector) returns tsvector
    language sql immutable parallel safe set search_path = pg_catalog, pg_temp as $$
    select coalesce(string_agg(
               '''' || replace(replace(lang || ':' || u.lexeme, '\', '\\'), '''', '''''') || ''''
               || coalesce(':' || (select string_agg(p::text || case w when 'D' then '' else w end, ',')
                                   from unnest(u.positions, u.weights) x(p, w)), ''),
               ' '), '')::tsvector
    from unnest(document) u
    where octet_length(lang) + 1 + octet_length(u.lexeme) <= 2046
$$;

-- A query's lexemes with the language in front: in tsquery's text form every lexeme is quoted, with a quote
-- inside doubled; operators, prefix marks (:*) and weights stay as they are.
create function search_keyed(lang text, query tsquery) returns tsquery
    language sql immutable parallel safe set search_path = pg_catalog, pg_temp as $$
    select case when numnode(query) = 0 then query
                else regexp_replace(query::text, '''((?:[^'']|'''')*)''',
                                    '''' || replace(replace(lang, '\', ''), '&', '') || ':\1''', 'g')::tsquery end
$$;

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
            search_keyed(rev.language_code,
                         setweight(to_tsvector(cfg, rev.title), 'A') || setweight(to_tsvector(cfg, keywords), 'B')
                             || setweight(to_tsvector(cfg, plain), 'B')),
            search_keyed(rev.language_code, to_tsvector(cfg, rev.title)),
            search_spellings(rev.title || ' ' || plain || ' ' || keywords))
    on conflict (revision_id) do update
        set title = excluded.title, body = excluded.body, document = excluded.document,
            title_document = excluded.title_document, spellings = excluded.spellings;
end $$;
revoke execute on function search_index_revision(bigint) from public;

-- Every document again, its indexes built afresh afterwards (faster than updating them entry by entry).
drop index search_documents_document;
drop index search_documents_title;
update search_documents d
set document = search_keyed(r.language_code, d.document),
    title_document = search_keyed(r.language_code, d.title_document)
from revisions r
where r.id = d.revision_id;
create index search_documents_document on search_documents using gin (document) with (fastupdate = off);
create index search_documents_title on search_documents using gin (title_document) with (fastupdate = off);
