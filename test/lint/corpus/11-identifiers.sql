CREATE TABLE this_table_name_is_definitely_far_too_long_for_postgres_to_keep_whole (id bigint PRIMARY KEY);
CREATE TABLE short_name (this_column_name_is_also_definitely_much_too_long_for_postgres_to_keep text);
CREATE TABLE exactly_sixty_three_bytes_is_fine_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx (id bigint PRIMARY KEY);
CREATE TABLE "Quoted Table" (id bigint PRIMARY KEY, "Mixed Case Column Name That Is Longer Than Sixty Three Bytes In All" text);
ALTER TABLE short_name RENAME COLUMN x TO a_renamed_column_whose_new_name_goes_well_beyond_sixty_three_bytes;
CREATE INDEX CONCURRENTLY idx_with_a_very_long_name_that_postgres_would_cut_off_at_sixty_three ON short_name (id);
CREATE TABLE café_ünïcödé_名前_with_multibyte_characters_counted_in_bytes (id bigint PRIMARY KEY);
