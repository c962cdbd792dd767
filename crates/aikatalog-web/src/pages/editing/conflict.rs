//! Saving over a newer revision: the form was loaded from revision `base`, someone saved since.
//! Nothing is overwritten; the conflict page lists every field changed in between (the
//! domain's diff from `base` to the current revision) with the person's own value beside it,
//! and they choose per field: keep mine or take theirs. The merged record is then saved
//! against the current revision, guarded like any save.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use aikatalog_domain::diff::{FieldChange, diff};
use aikatalog_publishing as publishing;
use aikatalog_storage::models::entries::{self, EntryRow};
use aikatalog_storage::models::revisions;
use askama::Template;
use serde_json::Value;

use super::Editable;
use crate::account::csrf::CsrfForm;
use crate::account::session::Viewer;
use crate::editing::path::Path;
use crate::editing::{self, labels};
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::{Layout, Site, blocking, html};
use crate::urls::Page;

pub struct ChangeView {
    pub field: String,
    pub label: String,
    pub before: String,
    pub theirs: String,
    pub mine: String,
}

#[derive(Template)]
#[template(path = "editing/conflict.html")]
struct ConflictPage {
    l: Layout,
    action: String,
    csrf: String,
    base: i64,
    current: i64,
    mine_json: String,
    changes: Vec<ChangeView>,
}

fn shown(value: Option<&Value>, lang: Lang) -> String {
    match value {
        None | Some(Value::Null) => lang.pick("(tom)", "(empty)").to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A revision's document in today's shape.
fn revision_doc<E: Editable>(
    conn: &mut aikatalog_storage::DbConnection,
    entry_id: &str,
    revision: i64,
) -> Result<Value, WebError> {
    let row = revisions::find(conn, entry_id, revision)?.ok_or(WebError::NotFound)?;
    Ok(entries::stored_value::<E>(&row.document)?)
}

/// The changes from revision `base` to revision `current` of the entry.
async fn changes<E: Editable>(
    site: &Site,
    row: &EntryRow,
    base: i64,
    current: i64,
) -> Result<Vec<FieldChange>, WebError> {
    let (db, id) = (site.db().clone(), row.id.clone());
    blocking(move || {
        db.read_with(|conn| {
            let before = revision_doc::<E>(conn, &id, base)?;
            let after = revision_doc::<E>(conn, &id, current)?;
            Ok(diff(&before, &after))
        })
    })
    .await
}

/// The conflict page: what changed since `base`, beside what the person has in `mine`.
pub async fn page<E: Editable>(
    lang: Lang,
    site: &Site,
    viewer: &Viewer,
    key: &str,
    base: i64,
    mine: &Value,
) -> Result<HttpResponse, WebError> {
    let (db, caller, k) = (site.db().clone(), viewer.caller(), key.to_owned());
    let row = blocking(move || {
        publishing::open_for_change::<E>(&db, &caller, &k)
            .map(|s| s.row)
            .map_err(|_| WebError::NotFound)
    })
    .await?;
    let current = row.revision;
    let changes = changes::<E>(site, &row, base, current).await?;
    let page = Page::EditEntry(E::KIND, row.slug.clone());
    let views = changes
        .iter()
        .map(|c| ChangeView {
            label: Path::parse(&c.field)
                .and_then(|p| p.last_key().map(|k| labels::field(k, lang)))
                .unwrap_or_default(),
            field: c.field.clone(),
            before: shown(c.before.as_ref(), lang),
            theirs: shown(c.after.as_ref(), lang),
            mine: shown(Path::parse(&c.field).and_then(|p| p.get(mine)), lang),
        })
        .collect();
    let template = ConflictPage {
        l: Layout::new(
            lang,
            &page,
            "",
            lang.pick(
                "Nogen har gemt en nyere version",
                "Someone saved a newer version",
            ),
        ),
        action: page.path(lang),
        csrf: viewer.csrf_token.clone(),
        base,
        current,
        mine_json: serde_json::to_string(mine).unwrap_or_default(),
        changes: views,
    };
    Ok(html(lang, StatusCode::CONFLICT, template.render()?))
}

/// The person's record with the changes they chose to take (`_take_{i}` = `theirs`), from
/// the conflict page's form: `_base` is the revision their form was loaded from, `current`
/// the one the page showed the changes up to.
pub async fn merged<E: Editable>(
    site: &Site,
    row: &EntryRow,
    mine: Value,
    current: i64,
    form: &CsrfForm,
) -> Result<Value, WebError> {
    let base = form
        .get("_base")
        .and_then(|b| b.parse().ok())
        .ok_or(WebError::NotFound)?;
    let changes = changes::<E>(site, row, base, current).await?;
    let take: Vec<bool> = (0..changes.len())
        .map(|i| form.get(&format!("_take_{i}")) == Some("theirs"))
        .collect();
    Ok(editing::merge(mine, &changes, &take))
}
