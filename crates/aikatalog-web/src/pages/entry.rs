//! What the use case and algorithm pages share: contact, links, facts lists, adoptions and the
//! public revision history.

use aikatalog_domain::diff::diff;
use aikatalog_domain::sections::{Contact, DataUse, Link as EntryLink, MeasuredResult};
use aikatalog_domain::{
    Completeness, Cost, EntryKind, EntryMeta, HowItWorks, ImpactAssessment, Provenance,
    PublicationState,
};
use aikatalog_storage::Database;
use aikatalog_storage::models::{entries, revisions};

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::links::{self, Link};
use crate::source::{self, SourceView};
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

/// What a solution's data section states. A fact the entry is silent on is left out rather
/// than shown as a row of "not stated": the page names the missing facts once, in the
/// completeness line.
pub fn data_facts(data: &DataUse, lang: Lang) -> Vec<Fact> {
    let t = lang.t();
    let mut out = Vec::new();
    if let Some(d) = &data.description {
        out.push(Fact::text(t.data_description, d.clone()));
    }
    for (label, value) in [
        (t.personal_data, data.personal_data),
        (t.sensitive_data, data.sensitive_data),
        (t.anonymised, data.anonymised),
        (t.synthetic, data.synthetic),
    ] {
        if value.is_some() {
            out.push(Fact::word(label, format::yes_no(value, lang)));
        }
    }
    if !data.sensitive_attributes.is_empty() {
        let names: Vec<&str> = data
            .sensitive_attributes
            .iter()
            .map(|a| a.label(lang))
            .collect();
        out.push(Fact::word(t.sensitive_attributes, names.join(", ")));
    }
    if let Some(note) = &data.bias_note {
        out.push(Fact::text(t.bias_note, note.clone()));
    }
    out
}

/// A data source as its own item: what it is, where it is described, and what it is used for.
pub struct DataSourceView {
    pub name: String,
    pub href: String,
    pub purposes: String,
}

pub fn data_sources(data: &DataUse, lang: Lang) -> Vec<DataSourceView> {
    data.sources
        .iter()
        .map(|s| DataSourceView {
            name: s.name.clone(),
            href: s.url.as_ref().map(ToString::to_string).unwrap_or_default(),
            purposes: s
                .purposes
                .iter()
                .map(|p| p.label(lang).to_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

/// How complete the entry is, for the marker and the one "not stated: …" line.
pub struct CompletenessView {
    pub filled: usize,
    pub total: usize,
    pub percent: u8,
    /// The missing facts in words, in the order the domain lists them; empty when none is.
    pub missing: String,
}

pub fn completeness(c: &Completeness, lang: Lang) -> CompletenessView {
    CompletenessView {
        filled: c.filled.len(),
        total: c.filled.len() + c.missing.len(),
        percent: c.percent,
        missing: c
            .missing
            .iter()
            .map(|f| f.label(lang))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The completeness storage put in `meta`, or, for an entry read without it, the same
/// computation done here so the page never claims more than the entry says.
pub fn completeness_of(
    meta: Option<&EntryMeta>,
    compute: impl FnOnce() -> Completeness,
) -> Completeness {
    meta.and_then(|m| m.completeness.clone())
        .unwrap_or_else(compute)
}

pub struct AssessmentView {
    pub kind: &'static str,
    pub status: &'static str,
    pub date: String,
    pub href: String,
    pub summary: Option<String>,
    /// A FRIA's elements (AI Act art. 27(1)(a)–(f)) that are written: letter, name, text.
    pub fria: Vec<(&'static str, &'static str, String)>,
}

pub fn assessments(list: &[ImpactAssessment], lang: Lang) -> Vec<AssessmentView> {
    list.iter()
        .map(|a| AssessmentView {
            kind: a.kind.label(lang),
            status: a.status.label(lang),
            date: a
                .date
                .map(|d| format::partial_date(d, lang))
                .unwrap_or_default(),
            href: a.url.as_ref().map(ToString::to_string).unwrap_or_default(),
            summary: a.summary.clone(),
            fria: a
                .fria
                .as_ref()
                .map(|f| {
                    f.elements()
                        .into_iter()
                        .filter_map(|(letter, da, en, text)| {
                            text.map(|t| (letter, lang.pick(da, en), t.to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// The "how it works for people" texts the entry gives, in the order a citizen asks them.
pub fn how_facts(h: &HowItWorks, lang: Lang) -> Vec<Fact> {
    let t = lang.t();
    [
        (t.how_problem, &h.problem),
        (t.how_citizens, &h.impact_on_citizens),
        (t.how_staff, &h.impact_on_staff),
        (t.how_proportionality, &h.proportionality),
        (t.how_decision, &h.decision_process),
        (t.how_appeal, &h.appeal),
        (t.how_monitoring, &h.monitoring),
        (t.how_fallback, &h.fallback),
        (t.how_training, &h.training),
    ]
    .into_iter()
    .filter_map(|(label, text)| text.as_ref().map(|v| Fact::text(label, v.clone())))
    .collect()
}

/// Cost and business case, as far as the entry states them (the link is shown beside).
pub fn cost_facts(c: &Cost, lang: Lang) -> Vec<Fact> {
    let t = lang.t();
    let mut out = Vec::new();
    if let Some(m) = &c.one_off {
        out.push(Fact::word(t.cost_one_off, format::money(m, lang)));
    }
    if let Some(m) = &c.yearly {
        out.push(Fact::word(t.cost_yearly, format::money(m, lang)));
    }
    if let Some(b) = &c.business_case {
        out.push(Fact::text(t.business_case, b.clone()));
    }
    if let Some(g) = c.gains_realised {
        out.push(Fact::word(t.gains_realised, g.label(lang)));
    }
    out
}

pub struct ReferenceView {
    pub scheme: String,
    pub id: String,
    pub href: String,
    pub version: Option<String>,
}

/// Where the record comes from: its language, keywords and its ids in other registers.
pub struct ProvenanceView {
    pub language: String,
    pub keywords: Vec<String>,
    pub references: Vec<ReferenceView>,
    /// Nothing beyond the default (a Danish record with no keywords or references).
    pub is_default: bool,
    /// The language code the entry's text is marked with (`lang`).
    pub lang: String,
    /// The other register the entry comes from, with its badge and licence.
    pub source: Option<SourceView>,
}

pub fn provenance(p: &Provenance, lang: Lang) -> ProvenanceView {
    let language = match (p.language.as_str(), lang) {
        ("da", Lang::Da) => "dansk".to_owned(),
        ("da", Lang::En) => "Danish".to_owned(),
        ("en", Lang::Da) => "engelsk".to_owned(),
        ("en", Lang::En) => "English".to_owned(),
        ("nl", Lang::Da) => "nederlandsk".to_owned(),
        ("nl", Lang::En) => "Dutch".to_owned(),
        ("cs", Lang::Da) => "tjekkisk".to_owned(),
        ("cs", Lang::En) => "Czech".to_owned(),
        // A language code the page has no name for is shown as the code.
        (code, _) => code.to_owned(),
    };
    ProvenanceView {
        language,
        keywords: p.keywords.clone(),
        references: p
            .references
            .iter()
            .map(|r| ReferenceView {
                scheme: r.scheme.clone(),
                id: r.id.clone(),
                href: r.url.as_ref().map(ToString::to_string).unwrap_or_default(),
                version: r.standard_version.clone(),
            })
            .collect(),
        is_default: p.is_default(),
        lang: source::content_lang(p),
        source: source::of(p, lang),
    }
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
