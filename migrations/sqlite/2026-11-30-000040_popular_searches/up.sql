-- What people search for on the site, for "popular searches" beside an empty result: one row
-- per normalised query (lower case, single spaces) that found something, with how many times it
-- was searched. Nothing about who searched or when is kept; queries with digits or `@` (CPR
-- and phone numbers, e-mail addresses) are never counted, and a query is shown only once it
-- has been searched a minimum number of times (crates/aikatalog-web/src/popular.rs).
CREATE TABLE popular_searches (
    query TEXT PRIMARY KEY NOT NULL,
    searches BIGINT NOT NULL
);
