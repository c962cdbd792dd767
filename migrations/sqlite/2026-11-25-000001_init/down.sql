DROP TABLE outbox;
DROP TABLE revisions;
DROP TABLE adoptions;
DROP TABLE entry_relations;
DROP TABLE entries;
DROP TABLE domains;
DROP TABLE categories;
DROP TABLE organisations;
