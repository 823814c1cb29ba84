-- A GIN index with fastupdate (PostgreSQL's default) keeps new entries in a pending list until a vacuum, or until
-- the list reaches gin_pending_list_limit (4 MB), and every scan of the index reads that whole list. Searches scan
-- these indexes up to four times each: at 15,000 texts with 2.5-3 MB pending, one scan took 14-23 ms, and 0.2-2 ms
-- once the list was merged. Publications are rare and index one text each; they now pay for it themselves.
alter index search_documents_document set (fastupdate = off);
alter index search_documents_title set (fastupdate = off);
alter index search_vocabulary_similar set (fastupdate = off);
select gin_clean_pending_list('search_documents_document'::regclass),
       gin_clean_pending_list('search_documents_title'::regclass),
       gin_clean_pending_list('search_vocabulary_similar'::regclass);
