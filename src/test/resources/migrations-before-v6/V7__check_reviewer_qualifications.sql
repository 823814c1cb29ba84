-- The database also refuses a review by someone not qualified for it, and the un-withdrawing of a
-- publication, so direct SQL cannot sign off or resurrect text the service layer would refuse.

create or replace function reviews_check() returns trigger language plpgsql as $$
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
    if not exists (select 1 from users u where u.id = new.reviewer_id and u.active) then
        raise exception 'reviewer % is not an active user', new.reviewer_id using errcode = 'check_violation';
    end if;
    if new.kind = 'MEDICAL' and not (
            exists (select 1 from user_roles r where r.user_id = new.reviewer_id and r.role = 'CLINICIAN')
            and exists (select 1 from user_qualifications q where q.user_id = new.reviewer_id
                        and q.language_code = rev.language_code and q.capability = 'MEDICAL_REVIEW')) then
        raise exception 'user % is not a clinician qualified to sign off % text', new.reviewer_id, rev.language_code
            using errcode = 'check_violation';
    end if;
    if new.kind = 'LANGUAGE' and not exists (select 1 from user_qualifications q where q.user_id = new.reviewer_id
            and q.language_code = rev.language_code and q.capability = 'LANGUAGE_REVIEW') then
        raise exception 'user % is not qualified to review % translations', new.reviewer_id, rev.language_code
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create or replace function publications_check() returns trigger language plpgsql as $$
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
        if old.withdrawn_at is not null and new.withdrawn_at is distinct from old.withdrawn_at then
            raise exception 'a withdrawn publication stays withdrawn; publish a new revision instead'
                using errcode = 'check_violation';
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
