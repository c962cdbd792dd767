//! The diesel schema, written by hand and limited to types both backends share.

diesel::table! {
    organisations (code) {
        code -> Text,
        kind -> Text,
        name -> Text,
        region_code -> Nullable<Text>,
        document -> Text,
        updated_at -> Timestamp,
        revision -> BigInt,
    }
}

diesel::table! {
    categories (slug) {
        slug -> Text,
        number -> Integer,
        name_da -> Text,
        document -> Text,
        updated_at -> Timestamp,
        revision -> BigInt,
    }
}

diesel::table! {
    domains (slug) {
        slug -> Text,
        position -> Integer,
        name_da -> Text,
        document -> Text,
        updated_at -> Timestamp,
        revision -> BigInt,
    }
}

diesel::table! {
    entries (id) {
        id -> Text,
        kind -> Text,
        slug -> Text,
        owner_code -> Text,
        state -> Text,
        title -> Text,
        revision -> BigInt,
        document -> Text,
        published_revision -> Nullable<BigInt>,
        published_document -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    entry_relations (entry_id, relation, target) {
        entry_id -> Text,
        relation -> Text,
        target -> Text,
    }
}

diesel::table! {
    adoptions (entry_id, org_code) {
        entry_id -> Text,
        org_code -> Text,
        adopted_on -> Date,
        note -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    revisions (entry_id, revision) {
        entry_id -> Text,
        revision -> BigInt,
        state -> Text,
        transition -> Text,
        actor -> Text,
        message -> Nullable<Text>,
        document -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reference_revisions (kind, key, revision) {
        kind -> Text,
        key -> Text,
        revision -> BigInt,
        actor -> Text,
        document -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (seq) {
        seq -> BigInt,
        entry_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    document_upgrades (schema_version) {
        schema_version -> BigInt,
        entries_upgraded -> BigInt,
        ran_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        subject -> Text,
        issuer -> Text,
        display_name -> Text,
        role -> Text,
        org_code -> Nullable<Text>,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_attempts (id_hash) {
        id_hash -> Text,
        csrf_state -> Text,
        pkce_verifier -> Text,
        nonce -> Text,
        return_to -> Text,
        created_at -> Timestamp,
    }
}

// The AI Act triage and obligations (migration 2026-11-30-000020_ai_act).
diesel::table! {
    ai_act_triages (entry_id) {
        entry_id -> Text,
        questionnaire_version -> BigInt,
        answers -> Text,
        result -> Text,
        class -> Text,
        actor -> Text,
        triaged_at -> Timestamp,
    }
}

diesel::table! {
    ai_act_obligations (entry_id, obligation) {
        entry_id -> Text,
        obligation -> Text,
        status -> Text,
        note -> Nullable<Text>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(ai_act_triages -> entries (entry_id));
diesel::joinable!(ai_act_obligations -> entries (entry_id));

diesel::table! {
    correction_suggestions (id) {
        id -> Text,
        entry_id -> Text,
        text -> Text,
        email -> Nullable<Text>,
        form_nonce -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        reply -> Nullable<Text>,
        closed_by -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    site_keys (name) {
        name -> Text,
        secret -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(correction_suggestions -> entries (entry_id));
// Review dates and reminder e-mails (migration 2026-11-30-000030_review_reminders).
diesel::table! {
    review_dates (entry_id) {
        entry_id -> Text,
        review_on -> Date,
    }
}

diesel::table! {
    review_reminders (entry_id, review_on, kind) {
        entry_id -> Text,
        review_on -> Date,
        kind -> Text,
        status -> Text,
        attempts -> BigInt,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        recipient -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

// Popular searches (crates/aikatalog-storage/src/models/popular_searches.rs).
diesel::table! {
    popular_searches (query) {
        query -> Text,
        searches -> BigInt,
    }
}

diesel::joinable!(review_dates -> entries (entry_id));
diesel::joinable!(review_reminders -> entries (entry_id));

diesel::joinable!(entry_relations -> entries (entry_id));
diesel::joinable!(adoptions -> entries (entry_id));
diesel::joinable!(revisions -> entries (entry_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    categories,
    domains,
    entries,
    entry_relations,
    adoptions,
    revisions,
    reference_revisions,
    outbox,
    document_upgrades,
    sessions,
    sign_in_attempts,
    ai_act_triages,
    ai_act_obligations,
    correction_suggestions,
    site_keys,
    review_dates,
    review_reminders,
    popular_searches,
);
