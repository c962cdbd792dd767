//! A use case's page: everything the entry says, in sections a person reads top to bottom, with
//! its needs profile drawn against its category's, the organisations around it, the algorithms
//! it uses, similar use cases and its public history.

use actix_web::{HttpResponse, web};
use aikatalog_domain::{AiActClass, Challenge, EntryKind, UseCase, completeness};
use aikatalog_search::SearchIndex;
use askama::Template;

use super::adoption::{AdoptBox, adopt_box};
use super::contact::{WhoToAsk, who_to_ask};
use super::corrections::SuggestForm;
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
use crate::profile::{self, Row};
use crate::public::{self, Loaded};
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::{Page, Urls};

/// How many similar use cases the page shows.
const SIMILAR: usize = 4;

#[derive(Template)]
#[template(path = "use_case.html")]
struct UseCasePage<'a> {
    l: Layout,
    uc: &'a UseCase,
    lifecycle: &'static str,
    /// Readable partial dates ("marts 2024"); empty when not given.
    started: String,
    ended: String,
    review_on: String,
    completeness: CompletenessView,
    sourcing: &'static str,
    cost_facts: Vec<Fact>,
    business_case_href: String,
    how_facts: Vec<Fact>,
    data_sources: Vec<DataSourceView>,
    assessments: Vec<AssessmentView>,
    provenance: ProvenanceView,
    owner: Link,
    partners: Vec<Link>,
    adopted: Vec<Adopted>,
    category: Link,
    secondary: Vec<Link>,
    domains: Vec<Link>,
    description: Vec<Block>,
    results: Vec<ResultView>,
    profile_inherited: bool,
    chart_svg: String,
    profile_rows: Vec<Row>,
    data_facts: Vec<Fact>,
    legal_facts: Vec<Fact>,
    technologies: &'a [String],
    vendors: Vec<Link>,
    challenges: Vec<&'static str>,
    algorithms: Vec<Card>,
    similar: Vec<Card>,
    who: WhoToAsk,
    /// When the public version last changed; empty when unknown.
    changed: String,
    links: Vec<LinkView>,
    history: Vec<HistoryItem>,
    json_href: String,
    /// The AI Act triage's conclusion and obligations, once its class is published.
    ai_act: Option<super::ai_act::Conclusion>,
    /// The AI Act page, for a signed-in editor of the owner or a curator.
    ai_act_href: String,
    /// "Foreslå en rettelse" (`super::corrections`); none in a preview.
    suggest: Option<SuggestForm>,
    /// "Vi bruger den også" (`super::adoption`), for an editor of another organisation.
    adopt: Option<AdoptBox>,
    /// The edit form, for a signed-in editor who may change the entry.
    edit_href: Option<String>,
    /// In a preview, the edit form's address (the page says it is a preview).
    preview: Option<String>,
}

/// The legal facts the entry states; the missing ones (legal basis, AI Act class) are named in
/// the completeness line, and the DPIA is one of the impact assessments listed beside.
fn legal_facts(uc: &UseCase, lang: Lang) -> Vec<Fact> {
    let t = lang.t();
    let mut out = Vec::new();
    if let Some(basis) = &uc.legal.basis {
        out.push(Fact::text(t.legal_basis, basis.clone()));
    }
    if let Some(note) = &uc.legal.note {
        out.push(Fact::text(t.legal_note, note.clone()));
    }
    if uc.ai_act.class != AiActClass::NotAssessed {
        out.push(Fact::word(t.ai_act_class, uc.ai_act.class.label(lang)));
    }
    if let Some(why) = &uc.ai_act.justification {
        out.push(Fact::text(t.ai_act_justification, why.clone()));
    }
    if uc.oversight.automated_decisions.is_some() {
        out.push(Fact::word(
            t.automated_decisions,
            format::yes_no(uc.oversight.automated_decisions, lang),
        ));
    }
    if let Some(how) = &uc.oversight.human_oversight {
        out.push(Fact::text(t.human_oversight, how.clone()));
    }
    out
}

/// Similar use cases, from the search index (shared words, categories and domains): their
/// slugs, which the caller reads from the database.
fn similar(index: &SearchIndex, uc: &UseCase) -> Result<Vec<String>, WebError> {
    Ok(index
        .similar(EntryKind::UseCase, uc.slug.as_str(), SIMILAR)?
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.slug)
        .collect())
}

pub async fn show(
    lang: Lang,
    site: Site,
    state: web::Data<aikatalog_state::AppState>,
    keys: web::Data<FormKeys>,
    key: web::Path<String>,
) -> HttpResponse {
    respond(
        lang,
        render(lang, site, state.ai_act.version, keys, key.into_inner()).await,
    )
}

async fn render(
    lang: Lang,
    site: Site,
    questionnaire: u32,
    keys: web::Data<FormKeys>,
    slug: String,
) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let (uc, loaded, similar_slugs, history, ai_act, form_key) = {
        let (db, index, slug) = (site.db().clone(), site.index().clone(), slug.clone());
        blocking(move || {
            let uc = db
                .read_with(|c| public::use_case(c, &slug))?
                .ok_or(WebError::NotFound)?;
            let similar = similar(&index, &uc)?;
            let loaded = db.read_with(|c| {
                let similar: Vec<&str> = similar.iter().map(String::as_str).collect();
                let algorithms: Vec<&str> = uc.algorithms.iter().map(|a| a.as_str()).collect();
                public::load(c, &similar, &algorithms)
            })?;
            let history = entry::history(&db, EntryKind::UseCase, &slug, lang)?;
            let ai_act = super::ai_act::public_conclusion(&db, &slug, questionnaire, lang)?;
            Ok((uc, loaded, similar, history, ai_act, keys.key(&db)?))
        })
        .await?
    };
    let uc = &uc;
    // Through the database, so a hit the index still holds but the public no longer sees is
    // left out.
    let similar = similar_slugs
        .iter()
        .filter_map(|s| loaded.use_case(s))
        .map(|o| cards::use_case_card(&cat, o, lang))
        .collect();
    let suggest = SuggestForm::blank(EntryKind::UseCase, &slug, &form_key, lang);
    let mut template = build(
        &cat,
        &loaded,
        uc,
        similar,
        history,
        Some(suggest),
        None,
        lang,
    )?;
    template.ai_act = ai_act;
    if template
        .l
        .account
        .viewer
        .as_ref()
        .is_some_and(|v| v.may_edit(uc.owner.as_str()))
    {
        template.ai_act_href = super::ai_act::path(lang, uc.slug.as_str());
    }
    page(lang, &template)
}

/// A use case's page for `uc` without similar entries or history: with `preview` (the edit
/// form's address), a draft shown to its editor as the public would see it.
pub(crate) fn render_preview(
    cat: &Catalogue,
    loaded: &Loaded,
    uc: &UseCase,
    preview: String,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    page(
        lang,
        &build(
            cat,
            loaded,
            uc,
            Vec::new(),
            Vec::new(),
            None,
            Some(preview),
            lang,
        )?,
    )
}

#[expect(
    clippy::too_many_arguments,
    reason = "a page built of its parts, each named"
)]
fn build<'a>(
    cat: &'a Catalogue,
    loaded: &Loaded,
    uc: &'a UseCase,
    similar: Vec<Card>,
    history: Vec<HistoryItem>,
    suggest: Option<SuggestForm>,
    preview: Option<String>,
    lang: Lang,
) -> Result<UseCasePage<'a>, WebError> {
    let u = Urls { lang };
    let category = cat.category(uc.primary_category.as_str());
    let category_link = links::category_link(cat, uc.primary_category.as_str(), lang);
    // The reference data always holds a use case's category (validation checks it); without
    // one there is no profile to compare with, and the section says so instead of drawing.
    let chart = uc.needs_profile.or(category.map(|c| c.profile)).map(|own| {
        let of_category = category.map_or(own, |c| c.profile);
        profile::chart(own, of_category, &category_link.text, lang)
    });
    let (chart_svg, profile_rows) = match chart {
        Some(chart) => (chart.render()?, chart.rows),
        None => (String::new(), Vec::new()),
    };
    Ok(UseCasePage {
        l: Layout::new(
            lang,
            &Page::UseCase(uc.slug.to_string()),
            "",
            uc.title.clone(),
        ),
        lifecycle: uc.lifecycle.label(lang),
        started: uc
            .started
            .map(|d| format::partial_date(d, lang))
            .unwrap_or_default(),
        ended: uc
            .ended
            .map(|d| format::partial_date(d, lang))
            .unwrap_or_default(),
        review_on: uc
            .review_on
            .map(|d| format::date(d, lang))
            .unwrap_or_default(),
        completeness: entry::completeness(
            &entry::completeness_of(uc.meta.as_ref(), || completeness::of_use_case(uc)),
            lang,
        ),
        sourcing: uc.sourcing.map(|s| s.label(lang)).unwrap_or_default(),
        cost_facts: entry::cost_facts(&uc.cost, lang),
        business_case_href: uc
            .cost
            .business_case_url
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        how_facts: entry::how_facts(&uc.how_it_works, lang),
        data_sources: entry::data_sources(&uc.data, lang),
        assessments: entry::assessments(&uc.assessments, lang),
        provenance: entry::provenance(&uc.provenance, lang),
        owner: links::org_link(cat, uc.owner.as_str(), lang),
        partners: uc
            .partners
            .iter()
            .map(|p| links::org_link(cat, p.as_str(), lang))
            .collect(),
        adopted: entry::adopted(cat, uc.meta.as_ref(), lang),
        secondary: uc
            .secondary_categories
            .iter()
            .map(|c| links::category_link(cat, c.as_str(), lang))
            .collect(),
        domains: uc
            .domains
            .iter()
            .map(|d| {
                Link::new(
                    u.search_by("domain", d.as_str()),
                    links::domain_name(cat, d.as_str(), lang),
                )
            })
            .collect(),
        category: category_link,
        description: uc
            .description
            .as_deref()
            .map(format::blocks)
            .unwrap_or_default(),
        results: entry::results(&uc.results, lang),
        profile_inherited: uc.needs_profile.is_none(),
        chart_svg,
        profile_rows,
        data_facts: entry::data_facts(&uc.data, lang),
        legal_facts: legal_facts(uc, lang),
        technologies: &uc.technologies,
        vendors: uc
            .vendors
            .iter()
            .map(|v| links::org_link(cat, v.as_str(), lang))
            .collect(),
        challenges: uc
            .challenges
            .iter()
            .map(|c: &Challenge| c.label(lang))
            .collect(),
        algorithms: uc
            .algorithms
            .iter()
            .filter_map(|a| loaded.algorithm(a.as_str()))
            .map(|a| cards::algorithm_card(cat, a, lang))
            .collect(),
        similar,
        changed: cards::changed(cat, EntryKind::UseCase, uc.slug.as_str(), lang),
        who: who_to_ask(cat, uc.contact.as_ref(), uc.owner.as_str(), lang),
        links: entry::links(&uc.links, lang),
        history,
        json_href: u.use_case_json(uc.slug.as_str()),
        ai_act: None,
        ai_act_href: String::new(),
        adopt: suggest.as_ref().and_then(|_| {
            adopt_box(
                EntryKind::UseCase,
                uc.slug.as_str(),
                uc.owner.as_str(),
                uc.meta.as_ref(),
                lang,
            )
        }),
        suggest,
        edit_href: super::editing::edit_href(
            EntryKind::UseCase,
            uc.slug.as_str(),
            uc.owner.as_str(),
            lang,
        ),
        preview,
        uc,
    })
}
