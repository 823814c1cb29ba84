-- Every start checks that the read model matches the live publications (content.ReadModel.refreshStale): without
-- this index that read the whole of live_texts, rendered HTML included (460 ms of each start at 80,800 texts); with
-- it, an index-only scan.
create index if not exists live_texts_publication_state on live_texts (publication_id) include (withdrawn, item_id);
