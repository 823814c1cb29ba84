-- The read model of the public site: one row per live publication (an item in one language), with what a
-- page shows of it ready to print: title, slug, the body and sources rendered from Markdown and sanitized once
-- (by the app, at publication), a plain-text form for descriptions and JSON-LD, and the trust line's facts.
-- A withdrawn publication keeps a row without any text, so readers are told the text is being updated.
-- Reviewers are kept by id: their names and credentials are read with the page, so renaming one changes
-- nothing here. Positions and care levels are read from content_items, so reordering changes nothing here.
create table live_texts (
    item_id              bigint      not null references content_items (id),
    language_code        text        not null references languages (code),
    publication_id       bigint      not null unique references publications (id),
    revision_id          bigint      not null unique references revisions (id),
    kind                 text        not null,
    topic_id             bigint      not null references content_items (id),  -- the topic itself for a topic
    withdrawn            boolean     not null,
    title                text,
    slug                 text,
    html                 text,
    sources_html         text,
    plain                text,
    published_at         timestamptz not null,
    next_review_due      date        not null,
    medical_reviewer_id  bigint      references users (id),
    medical_reviewed_at  timestamptz,
    language_reviewer_id bigint      references users (id),
    language_reviewed_at timestamptz,
    source_version_of    timestamptz,   -- a translation: when the source text it was made from went live
    source_updated_on    timestamptz,   -- an outdated translation: when the newer live source text went live
    source_slug          text,          -- ... and its slug
    primary key (item_id, language_code),
    check (withdrawn = (title is null)),
    check (withdrawn or (slug is not null and html is not null and sources_html is not null and plain is not null)),
    check (not withdrawn or (slug is null and html is null and sources_html is null and plain is null))
);
create index live_texts_topic on live_texts (topic_id, language_code);
create index live_texts_slug on live_texts (slug, language_code);

-- Rebuilds the rows of one item from its live publications, in the caller's transaction. Only the rendered
-- HTML and plain text come from the app (PostgreSQL does not render Markdown), keyed by revision; every other
-- column is read here, as the owner, from the publications, revisions and reviews themselves, so the server
-- cannot make a page claim a text, slug or sign-off that is not true. A live text without its HTML is refused.
create function refresh_live_texts(item bigint, revision_ids bigint[], htmls text[], sources_htmls text[],
        plains text[]) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
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
end $$;
revoke execute on function refresh_live_texts(bigint, bigint[], text[], text[], text[]) from public;

-- The last line of defence: a publication that ends or is withdrawn takes its text off the read model in the
-- same statement, whoever changes it and whether or not the app refreshes the item afterwards.
create function live_texts_take_down() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    delete from live_texts where publication_id = new.id;
    return null;
end $$;
create trigger publications_take_down after update of ended_at, withdrawn_at on publications
    for each row when (new.ended_at is not null or new.withdrawn_at is not null)
    execute function live_texts_take_down();
create trigger live_texts_no_truncate before truncate on live_texts
    for each statement execute function refuse_truncate();

-- The server reads the model and rebuilds it only through the function above.
insert into server_grants (privileges, on_objects) values
    ('select', 'live_texts'),
    ('execute', 'function refresh_live_texts(bigint, bigint[], text[], text[], text[])');
