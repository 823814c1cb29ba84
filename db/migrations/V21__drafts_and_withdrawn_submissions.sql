-- What a person is typing in the editor of one item in one language, saved by the form and every few seconds
-- by the page's script, so that switching the interface language, leaving the page or a session that ended
-- loses nothing. One draft per person, item and language; saving the revision deletes it. Not content: no
-- reviewer sees it, and nothing is published from it.
create table drafts (
    user_id       bigint      not null references users (id),
    item_id       bigint      not null references content_items (id),
    language_code text        not null references languages (code),
    title         text        not null check (length(title) <= 1000),
    slug          text        not null check (length(slug) <= 1000),
    body          text        not null check (length(body) <= 200000),
    sources       text        not null check (length(sources) <= 50000),
    note          text        not null check (length(note) <= 1000),
    based_on      integer     not null check (based_on >= 0),
    saved_at      timestamptz not null default now(),
    primary key (user_id, item_id, language_code)
);

insert into server_grants (privileges, on_objects) values ('select, insert, update, delete', 'drafts');

-- A submission may be withdrawn by deleting it, while no reviewer has decided anything on its revision: the
-- revision is a draft again. Once a review exists the submission is history and stays (V8 made every
-- submission immutable; this narrows that to what a decision rests on). The audit log keeps both events.
drop trigger submissions_immutable on submissions;

create function submissions_withdraw_check() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if tg_op = 'UPDATE' then
        perform refuse('submissions are never changed');
    end if;
    perform lock_item((select item_id from revisions where id = old.revision_id));
    if exists (select 1 from reviews r where r.revision_id = old.revision_id) then
        perform refuse(format('revision %s has been reviewed: its submission can no longer be withdrawn',
                              old.revision_id));
    end if;
    return old;
end $$;
create trigger submissions_withdraw_check before update or delete on submissions
    for each row execute function submissions_withdraw_check();

insert into server_grants (privileges, on_objects) values ('delete', 'submissions');
