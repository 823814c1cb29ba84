-- Content model: languages, content items (topics and their questions), immutable revisions and
-- publications. Workflow tables (users, reviews, audit) and their invariants come in later migrations.

create table languages (
    code          text primary key check (code ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    native_name   text     not null check (length(native_name) between 1 and 100),
    english_name  text     not null check (length(english_name) between 1 and 100),
    direction     text     not null default 'ltr' check (direction in ('ltr', 'rtl')),
    -- a PostgreSQL text search configuration name; the cast fails for an unknown one
    search_config text     not null default 'simple' check (search_config::regconfig is not null),
    is_public     boolean  not null default false,
    is_source     boolean  not null default false,
    position      integer  not null default 0
);
-- exactly one source language: at most one here, at least one is checked by the application
create unique index languages_one_source on languages (is_source) where is_source;

insert into languages (code, native_name, english_name, direction, search_config, is_public, is_source, position)
values ('en', 'English', 'English', 'ltr', 'english', true, true, 0);

create table content_items (
    id         bigint generated always as identity primary key,
    kind       text        not null check (kind in ('TOPIC', 'QUESTION')),
    topic_id   bigint      references content_items (id),
    position   integer     not null default 0,
    created_at timestamptz not null default now(),
    check ((kind = 'TOPIC') = (topic_id is null))
);
create index content_items_topic on content_items (topic_id, position);

-- One immutable version of one item in one language. Editing adds a row; number is the per item and
-- language sequence, so two editors saving on the same base collide on the unique key.
create table revisions (
    id                      bigint generated always as identity primary key,
    item_id                 bigint      not null references content_items (id),
    language_code           text        not null references languages (code),
    number                  integer     not null check (number > 0),
    title                   text        not null check (length(title) between 1 and 300),
    slug                    text        not null check (slug ~ '^[^/?#%\s]+$' and length(slug) <= 120),
    body                    text        not null,
    sources                 text        not null default '',
    change_note             text        not null default '',
    author_id               bigint,
    created_at              timestamptz not null default now(),
    content_hash            text        not null check (content_hash ~ '^[0-9a-f]{64}$'),
    base_source_revision_id bigint      references revisions (id),
    unique (item_id, language_code, number)
);
create index revisions_slug on revisions (language_code, slug);

create function revision_content_hash(title text, slug text, body text, sources text) returns text
    language sql immutable strict
    return encode(sha256(convert_to(title || chr(31) || slug || chr(31) || body || chr(31) || sources, 'UTF8')), 'hex');

-- The stored hash must be the hash of the stored text, whoever inserts the row.
create function revisions_check_hash() returns trigger language plpgsql as $$
begin
    if new.content_hash is distinct from revision_content_hash(new.title, new.slug, new.body, new.sources) then
        raise exception 'revision content_hash does not match its content' using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger revisions_check_hash before insert on revisions
    for each row execute function revisions_check_hash();

-- Which revision of an item is live in a language. Rows are never deleted: a row that ended
-- (superseded, unpublished) keeps its history for rollback and provenance.
create table publications (
    id               bigint generated always as identity primary key,
    item_id          bigint      not null references content_items (id),
    language_code    text        not null references languages (code),
    revision_id      bigint      not null references revisions (id),
    published_by     bigint,
    published_at     timestamptz not null default now(),
    next_review_due  date        not null,
    withdrawn_at     timestamptz,
    withdrawn_reason text,
    ended_at         timestamptz,
    check ((withdrawn_at is null) = (withdrawn_reason is null))
);
create unique index publications_one_current on publications (item_id, language_code) where ended_at is null;
create index publications_revision on publications (revision_id);
