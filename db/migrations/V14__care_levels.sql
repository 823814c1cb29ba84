-- Care levels, as NHS pages have them: a topic's urgent-help advice is up to three blocks, "call an
-- emergency number now", "get urgent advice today" and "see your doctor soon", each its own text written,
-- translated, reviewed and signed off like any other. Existing urgent-help blocks are the emergency one.
alter table content_items add column care_level text check (care_level in ('EMERGENCY', 'URGENT', 'SOON'));
update content_items set care_level = 'EMERGENCY' where kind = 'URGENT_HELP';
alter table content_items add constraint content_items_care_level_of_urgent_help
    check ((kind = 'URGENT_HELP') = (care_level is not null));
create unique index content_items_one_block_per_care_level on content_items (topic_id, care_level)
    where kind = 'URGENT_HELP';
