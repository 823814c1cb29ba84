-- The review conversation: one thread per item and language. A first comment (parent_id null) is about one
-- revision and may be resolved once; replies hang under it. A review's comment is copied in as a first comment
-- (review_id), so the decision opens or continues the thread. What was said is never changed or removed: the
-- only change a row accepts is being marked resolved, stamped by the database.
create table comments (
    id            bigint      generated always as identity primary key,
    item_id       bigint      not null references content_items (id),
    language_code text        not null references languages (code),
    revision_id   bigint      not null references revisions (id),
    parent_id     bigint      references comments (id),
    review_id     bigint      unique references reviews (id),
    author_id     bigint      not null references users (id),
    body          text        not null check (length(body) between 1 and 4000 and body = btrim(body)),
    created_at    timestamptz not null default now(),
    resolved_by   bigint      references users (id),
    resolved_at   timestamptz,
    check ((resolved_by is null) = (resolved_at is null)),
    check (parent_id is null or resolved_by is null)
);
create index comments_of_item on comments (item_id, language_code, id);

create function comments_guard() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if tg_op = 'INSERT' then
        if not exists (select 1 from revisions r where r.id = new.revision_id
                       and r.item_id = new.item_id and r.language_code = new.language_code) then
            perform refuse('a comment is about a revision of its own item and language');
        end if;
        if new.parent_id is not null and not exists (
                select 1 from comments p where p.id = new.parent_id and p.parent_id is null
                and p.item_id = new.item_id and p.language_code = new.language_code) then
            perform refuse('a reply answers a first comment of the same item and language');
        end if;
        if new.review_id is not null and not exists (
                select 1 from reviews v where v.id = new.review_id and v.revision_id = new.revision_id
                and v.reviewer_id = new.author_id) then
            perform refuse('a review''s comment is its reviewer''s, on the reviewed revision');
        end if;
        -- the last line of defence: people who work on this language, or editors
        if not exists (select 1 from users u where u.id = new.author_id and u.active)
           or not (exists (select 1 from user_roles r where r.user_id = new.author_id and r.role = 'EDITOR')
                   or exists (select 1 from user_qualifications q where q.user_id = new.author_id
                              and q.language_code = new.language_code)) then
            perform refuse('only editors and people qualified in the language comment on it');
        end if;
        if new.resolved_by is not null then
            perform refuse('a comment is written unresolved');
        end if;
        new.created_at := now();
        return new;
    end if;
    if (new.id, new.item_id, new.language_code, new.revision_id, new.parent_id, new.review_id, new.author_id,
        new.body, new.created_at)
       is distinct from (old.id, old.item_id, old.language_code, old.revision_id, old.parent_id, old.review_id,
                         old.author_id, old.body, old.created_at)
       or old.resolved_by is not null then
        perform refuse('a comment never changes; only an open first comment is marked resolved, once');
    end if;
    new.resolved_at := now();
    return new;
end $$;
create trigger comments_guard before insert or update on comments
    for each row execute function comments_guard();
create trigger comments_no_delete before delete on comments
    for each row execute function refuse_change();
create trigger comments_no_truncate before truncate on comments
    for each statement execute function refuse_truncate();

insert into server_grants (privileges, on_objects) values
    ('select, insert, update (resolved_by, resolved_at)', 'comments');
