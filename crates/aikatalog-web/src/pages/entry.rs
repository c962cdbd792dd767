//! What the use case and algorithm pages share: contact, links, facts lists, adoptions and the
//! public revision history.

use aikatalog_domain::diff::diff;
use aikatalog_domain::sections::{Contact, DataUse, Link as EntryLink, MeasuredResult};
use aikatalog_domain::{EntryKind, EntryMeta, PublicationState};
use aikatalog_storage::Database;
use aikatalog_storage::models::{entries, revisions};

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::links::{self, Link};
use crate::texts;

/// A term and its description in a facts list.
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    /// The value is the entry's own Danish text (not an interface word).
    pub danish: bool,
}

impl Fact {
    pub fn word(label: &'static str, value: impl Into<String>) -> Fact {
        Fact {
            label,
            value: value.into(),
            danish: false,
        }
    }
    pub fn text(label: &'static str, value: impl Into<String>) -> Fact {
        Fact {
            label,
            value: value.into(),
            danish: true,
        }
    }
}

/// What a solution's data section says, with "not stated" where the entry is silent.
pub fn data_facts(data: &DataUse, lang: Lang) -> Vec<Fact> {
    let t = lang.t();
    let mut out = Vec::new();
    if let Some(d) = &data.description {
        out.push(Fact::text(t.data_description, d.clone()));
    }
    out.push(Fact::word(
        t.personal_data,
        format::yes_no(data.personal_data, lang),
    ));
    out.push(Fact::word(
        t.sensitive_data,
        format::yes_no(data.sensitive_data, lang),
    ));
    out.push(Fact::word(
        t.anonymised,
        format::yes_no(data.anonymised, lang),
    ));
    out.push(Fact::word(
        t.synthetic,
        format::yes_no(data.synthetic, lang),
    ));
    if !data.sources.is_empty() {
        let names: Vec<&str> = data.sources.iter().map(|s| s.name.as_str()).collect();
        out.push(Fact::text(t.data_sources, names.join(", ")));
    }
    out
}

pub struct ContactView {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    /// The phone number as a `tel:` link wants it.
    pub tel: String,
}

pub fn contact(c: Option<&Contact>) -> Option<ContactView> {
    let c = c?;
    let phone = c.phone.clone().unwrap_or_default();
    Some(ContactView {
        name: c.name.clone().unwrap_or_default(),
        role: c.role.clone().unwrap_or_default(),
        email: c.email.clone().unwrap_or_default(),
        tel: phone
            .chars()
            .filter(|ch| ch.is_ascii_digit() || *ch == '+')
            .collect(),
        phone,
    })
}

pub struct LinkView {
    pub href: String,
    pub text: String,
    pub kind: &'static str,
}

pub fn links(links: &[EntryLink], lang: Lang) -> Vec<LinkView> {
    links
        .iter()
        .map(|l| LinkView {
            href: l.url.to_string(),
            text: l.title.clone(),
            kind: l.kind.label(lang),
        })
        .collect()
}

pub struct ResultView {
    pub figure: String,
    pub metric: String,
    pub period: Option<String>,
    pub source: Option<String>,
    pub estimated: bool,
}

pub fn results(results: &[MeasuredResult], lang: Lang) -> Vec<ResultView> {
    results
        .iter()
        .map(|r| ResultView {
            figure: format::figure(r, lang),
            metric: r.metric.clone(),
            period: r.period.clone(),
            source: r.source.clone(),
            estimated: r.estimated,
        })
        .collect()
}

pub struct Adopted {
    pub org: Link,
    pub date: String,
    pub note: Option<String>,
}

pub fn adopted(cat: &Catalogue, meta: Option<&EntryMeta>, lang: Lang) -> Vec<Adopted> {
    meta.map(|m| m.adopted_by.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|a| Adopted {
            org: links::org_link(cat, a.organisation.as_str(), lang),
            date: format::date(a.adopted_on, lang),
            note: a.note.clone(),
        })
        .collect()
}

/// One published revision in the public history.
pub struct HistoryItem {
    pub revision: i64,
    pub date: String,
    pub iso: String,
    pub what: &'static str,
    /// The fields that changed since the previous published revision, named in words.
    pub changes: Vec<&'static str>,
}

/// The published revisions of an entry, newest first. Drafts and pending changes are left
/// out, and so are who made each change and their messages: the public sees what was
/// published and when. Blocking.
pub fn history(
    db: &Database,
    kind: EntryKind,
    slug: &str,
    lang: Lang,
) -> Result<Vec<HistoryItem>, WebError> {
    let rows = db.read(|c| {
        let Some(entry) = entries::find(c, kind, slug)? else {
            return Ok(Vec::new());
        };
        revisions::list(c, &entry.id)
    })?;
    let t = lang.t();
    let mut out = Vec::new();
    let mut previous: Option<serde_json::Value> = None;
    for row in rows
        .iter()
        .filter(|r| r.state == PublicationState::Published.as_str())
    {
        let doc = entries::stored_value_of(kind, &row.document)?;
        let changes = match &previous {
            None => Vec::new(),
            Some(before) => {
                let mut fields: Vec<&'static str> = diff(before, &doc)
                    .iter()
                    .map(|c| texts::field_label(top_level(&c.field), lang))
                    .collect();
                fields.dedup();
                fields
            }
        };
        out.push(HistoryItem {
            revision: row.revision,
            date: format::date(row.created_at.date(), lang),
            iso: row.created_at.date().to_string(),
            what: if previous.is_none() {
                t.history_first
            } else {
                t.history_update
            },
            changes,
        });
        previous = Some(doc);
    }
    out.reverse();
    Ok(out)
}

/// `results[2].unit` → `results`.
fn top_level(path: &str) -> &str {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    &path[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_name_their_top_level_field() {
        assert_eq!(top_level("results[2].unit"), "results");
        assert_eq!(top_level("data.personal_data"), "data");
        assert_eq!(top_level("title"), "title");
    }
}
