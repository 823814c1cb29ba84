-- A reviewer's credentials in each language readers read ("médica, neuropediatra"); users.credentials stays
-- the default, shown where a language has none of its own. They are on every page a person signed off, so
-- every instance drops its cached pages when they change, or when a name or default credentials change.
create table user_credentials (
    user_id       bigint not null references users (id),
    language_code text   not null references languages (code),
    credentials   text   not null check (length(credentials) between 1 and 200 and credentials = btrim(credentials)),
    primary key (user_id, language_code)
);

create trigger user_credentials_notify after insert or update or delete on user_credentials
    for each statement execute function notify_content_changed();
create trigger users_signature_notify after update of display_name, credentials on users
    for each statement execute function notify_content_changed();

insert into server_grants (privileges, on_objects) values ('select, insert, update, delete', 'user_credentials');
