-- The audit log page reads newest first, whole or filtered by action or language, 50 rows at a time, and the
-- CSV export pages through it by (at, id): indexes so neither sorts the whole log on every request.
create index audit_events_at on audit_events (at desc, id desc);
create index audit_events_action on audit_events (action, at desc, id desc);
create index audit_events_language on audit_events (language_code, at desc, id desc);
