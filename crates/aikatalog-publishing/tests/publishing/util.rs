use aikatalog_domain::{OrgCode, Role};
use aikatalog_publishing::Caller;
use aikatalog_storage::testing::{TestDb, backends, fresh, on_backend};

/// Runs `test` once per backend on a fresh database holding the bundled seed data.
pub fn each_seeded(mut test: impl FnMut(&TestDb)) {
    for backend in backends() {
        let db = fresh(backend);
        if let Err(e) =
            aikatalog_seed::import_sources(&db.db, &aikatalog_seed::seed_sources(), false)
        {
            panic!("the bundled seed data does not import on the {backend} backend: {e}");
        }
        on_backend(backend, || test(&db));
    }
}

pub fn editor(org: &str) -> Caller {
    Caller {
        subject: format!("editor-{org}"),
        role: Role::Editor,
        org: Some(OrgCode::try_from(org).expect("a valid code")),
    }
}

pub fn curator() -> Caller {
    Caller {
        subject: "curator".into(),
        role: Role::Curator,
        org: None,
    }
}
