-- Search that costs the same at 80,000 texts as at 50 (issue 13).
--
-- 1. "Did you mean" read the words of every shown text on each search. The words of the live texts are now
--    counted per language in search_vocabulary, kept in the publishing transaction by the functions that
--    write the read model (V18): a text that goes live adds its spellings, one taken down or withdrawn
--    subtracts them.
-- 2. A title index (title_document) lets a search look at title matches first and rank a bounded set of
--    candidates instead of every match.

-- The distinct words of a text as written, lower-cased, of three letters or more once folded: the same
-- tokens "did you mean" compares with and offers.
create function search_spellings(t text) returns text[]
    language sql immutable parallel safe strict set search_path = public, pg_temp
    return array(select distinct lower(w)
                 from regexp_split_to_table(t, '[^[:alnum:]\u064B-\u065F\u0670\u0640]+') w
                 where char_length(search_fold(w)) >= 3
                 order by 1);

alter table search_documents add column title_document tsvector;
alter table search_documents add column spellings text[];

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
    insert into search_documents (revision_id, title, body, document, folded, words, title_document, spellings)
    values (rev.id, rev.title, plain,
            setweight(to_tsvector(cfg, rev.title), 'A') || setweight(to_tsvector(cfg, keywords), 'B')
                || setweight(to_tsvector(cfg, plain), 'B'),
            everything,
            array(select distinct w from unnest(tsvector_to_array(to_tsvector('simple', everything))) w
                  where char_length(w) >= 3 order by w),
            to_tsvector(cfg, rev.title),
            search_spellings(rev.title || ' ' || plain || ' ' || keywords))
    on conflict (revision_id) do update
        set title = excluded.title, body = excluded.body, document = excluded.document,
            folded = excluded.folded, words = excluded.words, title_document = excluded.title_document,
            spellings = excluded.spellings;
end $$;
revoke execute on function search_index_revision(bigint) from public;

update search_documents d
set title_document = to_tsvector(search_config_of(r.language_code), d.title),
    spellings = search_spellings(d.title || ' ' || d.body || ' ' ||
        (select coalesce(string_agg(k.keyword, ' ' order by k.id), '') from search_keywords k
         where k.item_id = r.item_id and k.language_code = r.language_code))
from revisions r where r.id = d.revision_id;
alter table search_documents alter column title_document set not null;
alter table search_documents alter column spellings set not null;
create index search_documents_title on search_documents using gin (title_document);

-- How many live texts of a language use each spelling; word is its folded form ("sueño" → "sueno").
create table search_vocabulary (
    language_code text    not null references languages (code),
    spelling      text    not null,
    word          text    not null,
    texts         integer not null,
    primary key (language_code, spelling)
);
create index search_vocabulary_word on search_vocabulary (language_code, word);
create index search_vocabulary_similar on search_vocabulary using gin (word gin_trgm_ops);

-- The (language, spelling) pairs of an item's live texts.
create function search_vocabulary_of(item bigint, out langs text[], out spellings text[])
    language sql stable set search_path = public, pg_temp as $$
    select coalesce(array_agg(t.language_code), '{}'), coalesce(array_agg(w), '{}')
    from live_texts t join search_documents d on d.revision_id = t.revision_id, unnest(d.spellings) w
    where t.item_id = item and not t.withdrawn
$$;

-- Counts the pairs that went (the before arrays) out and those that came (the after arrays) in. Only the net
-- change is written, and rows are locked in (language, spelling) order: publishing a translation touches only
-- that language's changed words, and two publications never deadlock on their common words.
create function search_vocabulary_change(before_langs text[], before_spellings text[],
        after_langs text[], after_spellings text[]) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    insert into search_vocabulary (language_code, spelling, word, texts)
    select l, s, search_fold(s), sum(delta)
    from (select l, s, -1 as delta from unnest(before_langs, before_spellings) b(l, s)
          union all
          select l, s, 1 from unnest(after_langs, after_spellings) a(l, s)) c
    group by l, s having sum(delta) <> 0
    order by l, s
    on conflict (language_code, spelling) do update set texts = search_vocabulary.texts + excluded.texts;
    delete from search_vocabulary v using unnest(before_langs, before_spellings) b(l, s)
    where v.language_code = b.l and v.spelling = b.s and v.texts <= 0;
end $$;
revoke execute on function search_vocabulary_change(text[], text[], text[], text[]) from public;

-- V18's rebuild of an item's rows, now also counting the change in their words.
create or replace function refresh_live_texts(item bigint, revision_ids bigint[], htmls text[],
        sources_htmls text[], plains text[]) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    before record;
    after record;
begin
    select * into before from search_vocabulary_of(item);
    delete from live_texts where item_id = item;
    insert into live_texts (item_id, language_code, publication_id, revision_id, kind, topic_id, withdrawn,
                            title, slug, html, sources_html, plain, published_at, next_review_due,
                            medical_reviewer_id, medical_reviewed_at, language_reviewer_id, language_reviewed_at,
                            source_version_of, source_updated_on, source_slug)
    select p.item_id, p.language_code, p.id, p.revision_id, i.kind, coalesce(i.topic_id, i.id),
           p.withdrawn_at is not null,
           case when p.withdrawn_at is null then v.title end,
           case when p.withdrawn_at is null then v.slug end,
           case when p.withdrawn_at is null then rendered.html end,
           case when p.withdrawn_at is null then rendered.sources_html end,
           case when p.withdrawn_at is null then rendered.plain end,
           p.published_at, p.next_review_due,
           medical.reviewer_id, medical.created_at, lang.reviewer_id, lang.created_at,
           case when b.id is not null
                then coalesce((select min(pb.published_at) from publications pb where pb.revision_id = b.id),
                              b.created_at) end,
           newer.published_at, newer.slug
    from publications p
    join revisions v on v.id = p.revision_id
    join content_items i on i.id = p.item_id
    left join revisions b on b.id = v.base_source_revision_id
    left join unnest(revision_ids, htmls, sources_htmls, plains) rendered(revision_id, html, sources_html, plain)
           on rendered.revision_id = p.revision_id
    left join lateral (select r.reviewer_id, r.created_at from reviews r
                       where r.revision_id = v.id and r.kind = 'MEDICAL' and r.decision = 'APPROVED'
                       order by r.created_at desc, r.id desc limit 1) medical on true
    left join lateral (select r.reviewer_id, r.created_at from reviews r
                       where r.revision_id = v.id and r.kind = 'LANGUAGE' and r.decision = 'APPROVED'
                       order by r.created_at desc, r.id desc limit 1) lang on true
    left join lateral (select pn.published_at, rn.slug from publications pn join revisions rn on rn.id = pn.revision_id
                       where pn.item_id = p.item_id and pn.language_code = b.language_code
                         and pn.ended_at is null and pn.withdrawn_at is null and rn.number > b.number) newer on true
    where p.item_id = item and p.ended_at is null;
    select * into after from search_vocabulary_of(item);
    perform search_vocabulary_change(before.langs, before.spellings, after.langs, after.spellings);
end $$;
revoke execute on function refresh_live_texts(bigint, bigint[], text[], text[], text[]) from public;

-- V18's take-down of a publication that ends or is withdrawn, now also uncounting its words.
create or replace function live_texts_take_down() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    perform search_vocabulary_change(coalesce(array_agg(t.language_code), '{}'), coalesce(array_agg(w), '{}'),
                                     '{}', '{}')
    from live_texts t join search_documents d on d.revision_id = t.revision_id, unnest(d.spellings) w
    where t.publication_id = new.id and not t.withdrawn;
    delete from live_texts where publication_id = new.id;
    return null;
end $$;

-- A live text indexed again (its keywords changed) swaps its old spellings for the new ones.
create function search_vocabulary_reindexed() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    lang text;
begin
    select t.language_code into lang from live_texts t where t.revision_id = new.revision_id and not t.withdrawn;
    if lang is not null then
        perform search_vocabulary_change(array_fill(lang, array[cardinality(old.spellings)]), old.spellings,
                                         array_fill(lang, array[cardinality(new.spellings)]), new.spellings);
    end if;
    return null;
end $$;
create trigger search_documents_vocabulary after update of spellings on search_documents
    for each row when (old.spellings is distinct from new.spellings)
    execute function search_vocabulary_reindexed();
create trigger search_vocabulary_no_truncate before truncate on search_vocabulary
    for each statement execute function refuse_truncate();

insert into search_vocabulary (language_code, spelling, word, texts)
select t.language_code, w, search_fold(w), count(*)
from live_texts t join search_documents d on d.revision_id = t.revision_id, unnest(d.spellings) w
where not t.withdrawn
group by t.language_code, w;

insert into server_grants (privileges, on_objects) values ('select', 'search_vocabulary');
