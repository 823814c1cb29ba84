-- Every workflow step reads an item's past SAFETY publications (workflow.Facts): without this index that was a
-- scan of all publications, 107 ms per step at 56,000 texts and growing with the catalogue; 2 ms with it.
create index if not exists publications_item_language on publications (item_id, language_code);
