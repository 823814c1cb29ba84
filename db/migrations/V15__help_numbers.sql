-- Telephone numbers a parent can call, per country: content kept by editors and signed off by a clinician
-- like any text, never translated (a translator cannot touch them: only editors and admins propose, only a
-- clinician other than the proposer signs). A number is public once signed and until withdrawn; to change
-- one, propose the new number and withdraw the old. `languages`: the site languages whose readers are
-- offered this country (Spanish readers: Spain, Mexico, ...).
create table help_numbers (
    id          bigint      generated always as identity primary key,
    country     text        not null check (country ~ '^[A-Z]{2}$'),
    care_level  text        not null check (care_level in ('EMERGENCY', 'URGENT')),
    number      text        not null check (number ~ '^[0-9][0-9 ]{1,14}$'),
    service     text        check (length(service) between 1 and 80),
    languages   text[]      not null check (cardinality(languages) > 0),
    proposed_by bigint      not null references users (id),
    proposed_at timestamptz not null default now(),
    signed_by   bigint      references users (id),
    signed_at   timestamptz,
    withdrawn_at timestamptz,
    check ((signed_by is null) = (signed_at is null))
);

create function help_numbers_guard() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
begin
    if tg_op = 'INSERT' then
        if not exists (select 1 from user_roles r join users u on u.id = r.user_id
                       where r.user_id = new.proposed_by and r.role in ('EDITOR', 'ADMIN') and u.active) then
            perform refuse('only an active editor or admin proposes a help number');
        end if;
        if new.signed_by is not null or new.withdrawn_at is not null then
            perform refuse('a help number is proposed unsigned');
        end if;
        new.proposed_at := now();
        return new;
    end if;
    if (new.country, new.care_level, new.number, new.service, new.languages, new.proposed_by, new.proposed_at)
       is distinct from (old.country, old.care_level, old.number, old.service, old.languages, old.proposed_by,
                         old.proposed_at)
       or (old.signed_by is not null and new.signed_by is distinct from old.signed_by)
       or (old.withdrawn_at is not null and new.withdrawn_at is distinct from old.withdrawn_at) then
        perform refuse('a help number never changes: propose a new one and withdraw this one');
    end if;
    if old.signed_by is null and new.signed_by is not null then
        if new.signed_by = new.proposed_by or not exists (
                select 1 from user_roles r join users u on u.id = r.user_id
                where r.user_id = new.signed_by and r.role = 'CLINICIAN' and u.active) then
            perform refuse('a help number is signed off by an active clinician who did not propose it');
        end if;
        if old.withdrawn_at is not null then
            perform refuse('a withdrawn help number is not signed');
        end if;
        new.signed_at := now();
    end if;
    if old.withdrawn_at is null and new.withdrawn_at is not null then
        new.withdrawn_at := now();
    end if;
    return new;
end $$;
create trigger help_numbers_guard before insert or update on help_numbers
    for each row execute function help_numbers_guard();
create trigger help_numbers_no_delete before delete on help_numbers
    for each row execute function refuse_change();
create trigger help_numbers_notify after insert or update on help_numbers
    for each statement execute function notify_content_changed();

insert into server_grants (privileges, on_objects) values
    ('select, insert, update (signed_by, signed_at, withdrawn_at)', 'help_numbers');
