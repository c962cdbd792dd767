-- The AI Act triage of an entry: the answers as given (JSON, question key to option keys), the
-- questionnaire version they answered, and the result computed from them (JSON, with the class
-- copied out so entries triaged on an older version or of a class can be listed). One row per
-- entry, replaced by a new triage; the class itself reaches the entry's document through a
-- revision, like every change. Times are UTC, written by the server.
CREATE TABLE ai_act_triages (
    entry_id TEXT PRIMARY KEY NOT NULL REFERENCES entries (id),
    questionnaire_version BIGINT NOT NULL,
    answers TEXT NOT NULL,
    result TEXT NOT NULL,
    class TEXT NOT NULL,
    actor TEXT NOT NULL,
    triaged_at TIMESTAMP NOT NULL
);
CREATE INDEX ai_act_triages_by_version ON ai_act_triages (questionnaire_version);

-- The status of each deployer obligation (art. 4, 26, 27, 49(3), 50) for an entry, set by its
-- editors: one row per entry and obligation.
CREATE TABLE ai_act_obligations (
    entry_id TEXT NOT NULL REFERENCES entries (id),
    obligation TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, obligation)
);
