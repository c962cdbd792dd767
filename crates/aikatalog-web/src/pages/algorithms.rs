//! The algorithm register: a filterable list, and a page per algorithm with what a public
//! algorithm register shows (purpose, data, model, oversight, risks, AI Act class, source code,
//! versions) and the use cases that use it.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::algorithm::ModelType;
use aikatalog_domain::{AiActClass, Algorithm, EntryKind, Lifecycle, completeness};
use askama::Template;

use super::adoption::{AdoptBox, adopt_box};
use super::contact::{WhoToAsk, who_to_ask};
use super::corrections::SuggestForm;
use super::editing::Editable;
use super::entry::{
    self, Adopted, AssessmentView, CompletenessView, DataSourceView, Fact, HistoryItem, LinkView,
    ProvenanceView, ResultView,
};
use crate::cards::{self, Card};
use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::form_token::FormKeys;
use crate::format::{self, Block};
use crate::lang::{Label, Lang};
use crate::links::{self, Link};
use crate::public::{self, Loaded};
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::{Page, Urls};

/// The register's filters, from the query string.
#[derive(Debug, Default, Clone)]
pub struct RegisterFilter {
    pub q: String,
    pub model: Option<ModelType>,
    pub ai_act: Option<AiActClass>,
    pub lifecycle: Option<Lifecycle>,
    pub owner: String,
    pub source: bool,
}

impl RegisterFilter {
    pub fn parse(query: &str) -> RegisterFilter {
        let mut f = RegisterFilter::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "q" => f.q = value.to_owned(),
                "model" => f.model = ModelType::parse(value),
                "ai_act" => f.ai_act = AiActClass::parse(value),
                "lifecycle" => f.lifecycle = Lifecycle::parse(value),
                "owner" => f.owner = value.to_owned(),
                "source" => f.source = value == "1",
                _ => {}
            }
        }
        f
    }

    fn is_empty(&self) -> bool {
        self.q.is_empty()
            && self.model.is_none()
            && self.ai_act.is_none()
            && self.lifecycle.is_none()
            && self.owner.is_empty()
            && !self.source
    }

    fn matches(&self, a: &Algorithm) -> bool {
        let words = self.q.to_lowercase();
        let text = format!(
            "{} {} {}",
            a.name,
            a.purpose,
            a.technique.as_deref().unwrap_or("")
        )
        .to_lowercase();
        words.split_whitespace().all(|w| text.contains(w))
            && self.model.is_none_or(|m| a.model_type == m)
            && self.ai_act.is_none_or(|c| a.ai_act.class == c)
            && self.lifecycle.is_none_or(|l| a.lifecycle == l)
            && (self.owner.is_empty() || a.owner.as_str() == self.owner)
            && (!self.source || has_source_code(a))
    }
}

fn has_source_code(a: &Algorithm) -> bool {
    a.source_code_url.is_some()
        || a.links
            .iter()
            .any(|l| l.kind == aikatalog_domain::sections::LinkKind::SourceCode)
}

pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

pub struct Select {
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<SelectOption>,
}

pub struct RegisterRow {
    pub href: String,
    pub name: String,
    pub purpose: String,
    pub owner: Link,
    pub model: &'static str,
    pub ai_act: &'static str,
    pub lifecycle: &'static str,
    pub source_code: bool,
    pub used_by: usize,
    /// The badge of an entry from another register; empty for this catalogue's own.
    pub badge: String,
    /// The language the name and purpose are written in.
    pub lang: String,
}

#[derive(Template)]
#[template(path = "algorithms.html")]
struct RegisterPage {
    l: Layout,
    f: RegisterFilter,
    selects: Vec<Select>,
    rows: Vec<RegisterRow>,
    shown: usize,
    total: usize,
    filtered: bool,
}

/// A select's options: the values the register holds, with how many algorithms have each.
fn options<K: Ord + Clone>(
    all: &[Algorithm],
    key: impl Fn(&Algorithm) -> K,
    value: impl Fn(&K) -> String,
    label: impl Fn(&K) -> String,
    selected: impl Fn(&K) -> bool,
) -> Vec<SelectOption> {
    let mut counts: BTreeMap<K, usize> = BTreeMap::new();
    for a in all {
        *counts.entry(key(a)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(k, count)| SelectOption {
            value: value(&k),
            label: label(&k),
            count,
            selected: selected(&k),
        })
        .collect()
}

fn selects(cat: &Catalogue, all: &[Algorithm], f: &RegisterFilter, lang: Lang) -> Vec<Select> {
    let t = lang.t();
    vec![
        Select {
            name: "model",
            label: t.model_type,
            options: options(
                all,
                |a| a.model_type,
                |m| m.as_str().to_owned(),
                |m| m.label(lang).to_owned(),
                |m| f.model == Some(*m),
            ),
        },
        Select {
            name: "ai_act",
            label: t.ai_act_class,
            options: options(
                all,
                |a| a.ai_act.class,
                |c| c.as_str().to_owned(),
                |c| c.label(lang).to_owned(),
                |c| f.ai_act == Some(*c),
            ),
        },
        Select {
            name: "lifecycle",
            label: t.lifecycle,
            options: options(
                all,
                |a| a.lifecycle,
                |l| l.as_str().to_owned(),
                |l| l.label(lang).to_owned(),
                |l| f.lifecycle == Some(*l),
            ),
        },
        Select {
            name: "owner",
            label: t.owner,
            options: {
                let mut owners = options(
                    all,
                    |a| a.owner.to_string(),
                    Clone::clone,
                    |code| links::org_link(cat, code, lang).text,
                    |code| f.owner == *code,
                );
                owners.sort_by(|a, b| crate::catalogue::danish_order(&a.label, &b.label));
                owners
            },
        },
    ]
}

pub async fn list(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    let filter = RegisterFilter::parse(req.query_string());
    respond(
        lang,
        render_list(lang, site, filter, req.query_string()).await,
    )
}

async fn render_list(
    lang: Lang,
    site: Site,
    f: RegisterFilter,
    query: &str,
) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    // The register lists every algorithm: they are few beside the use cases.
    let all = {
        let db = site.db().clone();
        blocking(move || Ok(db.read_with(public::all_algorithms)?)).await?
    };
    let u = Urls { lang };
    let mut rows: Vec<RegisterRow> = all
        .iter()
        .filter(|a| f.matches(a))
        .map(|a| RegisterRow {
            href: u.algorithm(a.slug.as_str()),
            name: a.name.clone(),
            purpose: cards::excerpt(&a.purpose, 160),
            owner: links::org_link(&cat, a.owner.as_str(), lang),
            model: a.model_type.label(lang),
            ai_act: a.ai_act.class.label(lang),
            lifecycle: a.lifecycle.label(lang),
            source_code: has_source_code(a),
            used_by: a.meta.as_ref().map_or(0, |m| m.used_by.len()),
            badge: crate::source::of(&a.provenance, lang)
                .map(|s| s.badge)
                .unwrap_or_default(),
            lang: crate::source::content_lang(&a.provenance),
        })
        .collect();
    rows.sort_by(|a, b| crate::catalogue::danish_order(&a.name, &b.name));
    let template = RegisterPage {
        l: Layout::new(lang, &Page::Algorithms, query, lang.t().algorithms_heading),
        selects: selects(&cat, &all, &f, lang),
        shown: rows.len(),
        total: all.len(),
        filtered: !f.is_empty(),
        rows,
        f,
    };
    page(lang, &template)
}

pub struct VersionView {
    pub version: String,
    pub released: String,
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "algorithm.html")]
struct AlgorithmPage<'a> {
    l: Layout,
    a: &'a Algorithm,
    lifecycle: &'static str,
    completeness: CompletenessView,
    review_on: String,
    training_sources: Vec<DataSourceView>,
    operational_sources: Vec<DataSourceView>,
    assessments: Vec<AssessmentView>,
    provenance: ProvenanceView,
    owner: Link,
    vendor: Option<Link>,
    adopted: Vec<Adopted>,
    description: Vec<Block>,
    model_facts: Vec<Fact>,
    source_code: String,
    training_facts: Vec<Fact>,
    operational_facts: Vec<Fact>,
    results: Vec<ResultView>,
    oversight_facts: Vec<Fact>,
    versions: Vec<VersionView>,
    used_by: Vec<Card>,
    who: WhoToAsk,
    /// When the public version last changed; empty when unknown.
    changed: String,
    links: Vec<LinkView>,
    history: Vec<HistoryItem>,
    json_href: String,
    /// "Foreslå en rettelse" (`super::corrections`); none in a preview.
    suggest: Option<SuggestForm>,
    /// "Vi bruger den også" (`super::adoption`), for an editor of another organisation.
    adopt: Option<AdoptBox>,
    /// The edit form, for a signed-in editor who may change the entry.
    edit_href: Option<String>,
    /// In a preview, the edit form's address (the page says it is a preview).
    preview: Option<String>,
}

pub async fn show(
    lang: Lang,
    site: Site,
    keys: web::Data<FormKeys>,
    key: web::Path<String>,
) -> HttpResponse {
    respond(lang, render_one(lang, site, keys, key.into_inner()).await)
}

async fn render_one(
    lang: Lang,
    site: Site,
    keys: web::Data<FormKeys>,
    slug: String,
) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let (a, loaded, history, form_key) = {
        let (db, slug) = (site.db().clone(), slug.clone());
        blocking(move || {
            let a = db
                .read_with(|c| public::algorithm(c, &slug))?
                .ok_or(WebError::NotFound)?;
            let loaded = db.read_with(|c| <Algorithm as Editable>::linked(c, &a))?;
            let history = entry::history(&db, EntryKind::Algorithm, &slug, lang)?;
            Ok((a, loaded, history, keys.key(&db)?))
        })
        .await?
    };
    let suggest = SuggestForm::blank(EntryKind::Algorithm, &slug, &form_key, lang);
    render_algorithm(&cat, &loaded, &a, history, Some(suggest), None, lang)
}

/// An algorithm's page for `a`; with `preview` (the edit form's address), a draft shown to its
/// editor as the public would see it.
pub(crate) fn render_algorithm(
    cat: &Catalogue,
    loaded: &Loaded,
    a: &Algorithm,
    history: Vec<HistoryItem>,
    suggest: Option<SuggestForm>,
    preview: Option<String>,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    let t = lang.t();
    // Facts the entry is silent on are left out; the completeness line names the missing ones.
    let mut model_facts = vec![Fact::word(t.model_type, a.model_type.label(lang))];
    if let Some(lt) = a.learning_type {
        model_facts.push(Fact::word(t.learning_type, lt.label(lang)));
    }
    for (label, text) in [
        (t.technique, &a.technique),
        (t.inputs, &a.inputs),
        (t.outputs, &a.outputs),
        (t.maintenance, &a.maintenance),
    ] {
        if let Some(text) = text {
            model_facts.push(Fact::text(label, text.clone()));
        }
    }
    if a.ai_act.class != AiActClass::NotAssessed {
        model_facts.push(Fact::word(t.ai_act_class, a.ai_act.class.label(lang)));
    }
    if let Some(why) = &a.ai_act.justification {
        model_facts.push(Fact::text(t.ai_act_justification, why.clone()));
    }
    if let Some(l) = &a.licence {
        model_facts.push(Fact::text(t.licence, l.clone()));
    }
    let oversight_facts: Vec<Fact> = a
        .human_oversight
        .iter()
        .map(|how| Fact::text(t.human_oversight, how.clone()))
        .collect();
    let u = Urls { lang };
    let used_by = a
        .meta
        .as_ref()
        .map(|m| m.used_by.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|s| loaded.use_case(s))
        .map(|uc| cards::use_case_card(cat, uc, lang))
        .collect();
    let template = AlgorithmPage {
        l: Layout::new(
            lang,
            &Page::Algorithm(a.slug.to_string()),
            "",
            a.name.clone(),
        ),
        edit_href: super::editing::edit_href(
            EntryKind::Algorithm,
            a.slug.as_str(),
            a.owner.as_str(),
            lang,
        ),
        preview,
        lifecycle: a.lifecycle.label(lang),
        completeness: entry::completeness(
            &entry::completeness_of(a.meta.as_ref(), || completeness::of_algorithm(a)),
            lang,
        ),
        review_on: a
            .review_on
            .map(|d| format::date(d, lang))
            .unwrap_or_default(),
        training_sources: entry::data_sources(&a.training_data, lang),
        operational_sources: entry::data_sources(&a.operational_data, lang),
        assessments: entry::assessments(&a.assessments, lang),
        provenance: entry::provenance(&a.provenance, lang),
        owner: links::org_link(cat, a.owner.as_str(), lang),
        vendor: a
            .vendor
            .as_ref()
            .map(|v| links::org_link(cat, v.as_str(), lang)),
        adopted: entry::adopted(cat, a.meta.as_ref(), lang),
        description: a
            .description
            .as_deref()
            .map(format::blocks)
            .unwrap_or_default(),
        model_facts,
        source_code: a
            .source_code_url
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        training_facts: entry::data_facts(&a.training_data, lang),
        operational_facts: entry::data_facts(&a.operational_data, lang),
        results: entry::results(&a.performance, lang),
        oversight_facts,
        versions: a
            .versions
            .iter()
            .rev()
            .map(|v| VersionView {
                version: v.version.clone(),
                released: v
                    .released
                    .map(|d| format::date(d, lang))
                    .unwrap_or_default(),
                note: v.note.clone(),
            })
            .collect(),
        used_by,
        changed: cards::changed(cat, EntryKind::Algorithm, a.slug.as_str(), lang),
        who: who_to_ask(cat, a.contact.as_ref(), a.owner.as_str(), lang),
        links: entry::links(&a.links, lang),
        history,
        json_href: u.algorithm_json(a.slug.as_str()),
        adopt: suggest.as_ref().and_then(|_| {
            adopt_box(
                EntryKind::Algorithm,
                a.slug.as_str(),
                a.owner.as_str(),
                a.meta.as_ref(),
                lang,
            )
        }),
        suggest,
        a,
    };
    page(lang, &template)
}
