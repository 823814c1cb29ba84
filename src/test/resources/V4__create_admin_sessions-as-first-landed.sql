-- Admin sessions live in PostgreSQL (Jetty's JDBC session store), so any instance can serve any admin
-- request and a restart signs nobody out. Column names are configured in web/AdminSessions.java.
create table admin_sessions (
    session_id       varchar(120) not null,
    context_path     varchar(60)  not null,
    virtual_host     varchar(60)  not null,
    last_node        varchar(60),
    access_time      bigint,
    last_access_time bigint,
    create_time      bigint,
    cookie_time      bigint,
    last_saved_time  bigint,
    expiry_time      bigint,
    max_interval     bigint,
    map              bytea,
    primary key (session_id, context_path, virtual_host)
);
create index admin_sessions_expiry on admin_sessions (expiry_time);
create index admin_sessions_session on admin_sessions (session_id, context_path);
