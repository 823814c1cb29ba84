-- Users, reviews, submissions and the audit log, plus the invariants of the sign-off workflow,
-- enforced here so that not even a direct SQL statement can publish unreviewed text.

-- an urgent-help block belongs to a topic like a question does, and is reviewed like any text
alter table content_items drop constraint content_items_kind_check;
alter table content_items add constraint content_items_kind_check check (kind in ('TOPIC', 'QUESTION', 'URGENT_HELP'));

create table users (
    id                  bigint generated always as identity primary key,
    username            text        not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name        text        not null check (length(display_name) between 1 and 120),
    credentials         text        not null default '' check (length(credentials) <= 200),
    password_hash       text,
    active              boolean     not null default true,
    demo                boolean     not null default false,
    created_at          timestamptz not null default now(),
    password_changed_at timestamptz
);

create table user_roles (
    user_id bigint not null references users (id),
    role    text   not null check (role in ('ADMIN', 'EDITOR', 'TRANSLATOR', 'CLINICIAN')),
    primary key (user_id, role)
);

-- what a person may do in one language
create table user_qualifications (
    user_id       bigint not null references users (id),
    language_code text   not null references languages (code),
    capability    text   not null check (capability in ('TRANSLATE', 'LANGUAGE_REVIEW', 'MEDICAL_REVIEW')),
    primary key (user_id, language_code, capability)
);

alter table revisions add constraint revisions_author foreign key (author_id) references users (id);
alter table publications add constraint publications_publisher foreign key (published_by) references users (id);
alter table publications add column source_change text check (source_change in ('MINOR', 'SAFETY'));

-- revisions never change once written
create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger revisions_immutable before update or delete on revisions
    for each row execute function refuse_change();

-- a revision handed to reviewers
create table submissions (
    revision_id  bigint      primary key references revisions (id),
    submitted_by bigint      not null references users (id),
    submitted_at timestamptz not null default now()
);

create table reviews (
    id           bigint generated always as identity primary key,
    revision_id  bigint      not null references revisions (id),
    kind         text        not null check (kind in ('LANGUAGE', 'MEDICAL')),
    decision     text        not null check (decision in ('APPROVED', 'CHANGES_REQUESTED')),
    comment      text        not null default '',
    reviewer_id  bigint      not null references users (id),
    content_hash text        not null,
    created_at   timestamptz not null default now(),
    check (decision = 'APPROVED' or length(btrim(comment)) > 0)
);
create index reviews_revision on reviews (revision_id, kind, created_at);
create trigger reviews_immutable before update or delete on reviews
    for each row execute function refuse_change();

-- A review binds to the exact text (its hash) and never comes from the text's author.
create function reviews_check() returns trigger language plpgsql as $$
declare
    rev revisions%rowtype;
begin
    select * into rev from revisions where id = new.revision_id;
    if new.content_hash is distinct from rev.content_hash then
        raise exception 'review of revision % does not match its content hash', new.revision_id
            using errcode = 'check_violation';
    end if;
    if rev.author_id is not null and rev.author_id = new.reviewer_id then
        raise exception 'the author of revision % cannot review it', new.revision_id
            using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger reviews_check before insert on reviews
    for each row execute function reviews_check();

-- The newest review of a kind decides; a later "changes requested" undoes an earlier approval.
create function revision_approved(rev_id bigint, review_kind text) returns boolean
    language sql stable
    return coalesce((select r.decision = 'APPROVED'
                     from reviews r join revisions v on v.id = r.revision_id
                     where r.revision_id = rev_id and r.kind = review_kind
                       and r.content_hash = v.content_hash
                       and r.reviewer_id is distinct from v.author_id
                     order by r.created_at desc, r.id desc limit 1), false);

-- Nothing is published without a medical approval of that exact revision, and a translation also
-- needs a language approval. A publication's identity never changes; only its end and withdrawal do.
create function publications_check() returns trigger language plpgsql as $$
declare
    rev revisions%rowtype;
    source_code text;
begin
    if tg_op = 'UPDATE' then
        if new.item_id <> old.item_id or new.language_code <> old.language_code
                or new.revision_id <> old.revision_id or new.published_at <> old.published_at
                or new.published_by is distinct from old.published_by then
            raise exception 'a publication cannot be changed to another text' using errcode = 'check_violation';
        end if;
        if old.ended_at is not null then
            raise exception 'an ended publication cannot change' using errcode = 'check_violation';
        end if;
        return new;
    end if;
    select * into rev from revisions where id = new.revision_id;
    if rev.item_id <> new.item_id or rev.language_code <> new.language_code then
        raise exception 'publication does not match its revision''s item and language' using errcode = 'check_violation';
    end if;
    if not revision_approved(new.revision_id, 'MEDICAL') then
        raise exception 'revision % has no medical approval', new.revision_id using errcode = 'check_violation';
    end if;
    select code into source_code from languages where is_source;
    if new.language_code <> source_code and not revision_approved(new.revision_id, 'LANGUAGE') then
        raise exception 'translation revision % has no language approval', new.revision_id
            using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger publications_check before insert or update on publications
    for each row execute function publications_check();
create trigger publications_no_delete before delete on publications
    for each row execute function refuse_change();

create table audit_events (
    id            bigint generated always as identity primary key,
    at            timestamptz not null default now(),
    actor_id      bigint      references users (id),
    action        text        not null,
    item_id       bigint      references content_items (id),
    language_code text        references languages (code),
    revision_id   bigint      references revisions (id),
    details       text        not null default '',
    client        text
);
create index audit_events_item on audit_events (item_id, at);
create index audit_events_actor on audit_events (actor_id, at);
create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function refuse_change();
create function refuse_truncate() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: TRUNCATE refused', tg_table_name using errcode = 'insufficient_privilege';
end $$;
create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function refuse_truncate();
create trigger revisions_no_truncate before truncate on revisions
    for each statement execute function refuse_truncate();
create trigger reviews_no_truncate before truncate on reviews
    for each statement execute function refuse_truncate();
