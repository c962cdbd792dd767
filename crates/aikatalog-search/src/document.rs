//! What an entry looks like in the index: its text split into weighted fields, its facet
//! values, and the small card a hit shows. Pure functions of the entry and its context, so the
//! indexer, a rebuild and the benchmark index exactly the same way.

use std::collections::BTreeSet;

use aikatalog_domain::registers::Registers;
use aikatalog_domain::sections::{DataUse, Link, LinkKind, MeasuredResult};
use aikatalog_domain::{Algorithm, Entry, EntryKind, Provenance, UseCase};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

use crate::analysis;
use crate::facets::Facet;
use crate::language;
use crate::reference::ReferenceData;
use crate::schema::Fields;

/// What the index needs besides the entry's own document.
#[derive(Debug, Clone, Default)]
pub struct EntryContext {
    /// The entry's id (UUID).
    pub id: String,
    pub published_at: Option<DateTime<Utc>>,
    /// Organisations that declared they reuse the entry.
    pub adopters: Vec<String>,
    /// For an algorithm: categories and domains of the public use cases that use it.
    pub used_in_categories: Vec<String>,
    pub used_in_domains: Vec<String>,
}

/// An organisation on a hit card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrgRef {
    pub code: String,
    pub name: String,
}

/// A category on a hit card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

/// The stored card: what a hit shows besides its title and snippets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub owner: OrgRef,
    pub categories: Vec<CategoryRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    pub lifecycle: String,
    /// The percentage of the facts readers need that the entry states.
    #[serde(default)]
    pub completeness: u8,
}

/// Collects an entry's text and facets field by field.
struct Builder<'a> {
    fields: &'a Fields,
    refs: &'a ReferenceData,
    doc: TantivyDocument,
    facets: BTreeSet<String>,
    /// The language of the entry's own text.
    lang: String,
}

impl<'a> Builder<'a> {
    fn new(
        fields: &'a Fields,
        refs: &'a ReferenceData,
        kind: EntryKind,
        ctx: &EntryContext,
        lang: String,
    ) -> Self {
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, &ctx.id);
        doc.add_text(fields.kind, kind.as_str());
        doc.add_text(fields.lang, &lang);
        doc.add_i64(
            fields.published,
            ctx.published_at.map_or(0, |t| t.timestamp_micros()),
        );
        doc.add_text(fields.english, kind.label_en());
        let mut b = Self {
            fields,
            refs,
            doc,
            facets: BTreeSet::new(),
            lang,
        };
        b.facet(Facet::Kind, kind.as_str());
        let lang = b.lang.clone();
        b.facet(Facet::Lang, &lang);
        b
    }

    /// The entry's own text into one of its text fields, analysed in its language.
    fn own_text(&mut self, field: tantivy::schema::Field, text: &str) {
        if self.lang == language::DANISH {
            self.doc.add_text(field, text);
        } else {
            self.doc
                .add_pre_tokenized_text(field, language::pre_tokenized(&self.lang, text));
        }
    }

    fn facet(&mut self, facet: Facet, value: &str) {
        if !value.is_empty() {
            self.facets.insert(facet.term(value));
        }
    }

    fn body(&mut self, text: Option<&str>) {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            self.own_text(self.fields.body, text);
        }
    }

    fn names(&mut self, text: &str) {
        self.doc.add_text(self.fields.names, text);
        self.doc.add_text(self.fields.plain, text);
    }

    fn english(&mut self, text: &str) {
        self.doc.add_text(self.fields.english, text);
    }

    fn title(&mut self, slug: &str, title: &str, summary: &str) {
        self.doc.add_text(self.fields.slug, slug);
        self.own_text(self.fields.title, title);
        self.doc.add_text(self.fields.title_words, title);
        self.own_text(self.fields.summary, summary);
        self.doc.add_text(self.fields.plain, title);
        self.doc.add_text(self.fields.plain, summary);
        let mut folded = String::new();
        analysis::fold(&title.to_lowercase(), &mut folded);
        self.doc.add_text(self.fields.title_sort, folded);
    }

    /// Where the entry comes from: its register (or this catalogue) and its owner's country.
    fn source(&mut self, provenance: &Provenance, owner: &str) {
        let source = Registers::bundled().source_key(provenance).to_owned();
        self.facet(Facet::Source, &source);
        if let Some(org) = self.refs.organisations.get(owner) {
            let country = org.country.to_string();
            self.facet(Facet::Country, &country);
        }
    }

    /// An organisation in some role: its names are searchable; it counts in the organisation
    /// and region facets.
    fn organisation(&mut self, code: &str) {
        self.facet(Facet::Organisation, code);
        if let Some(region) = self.refs.region_of(code) {
            self.facet(Facet::Region, &region);
        }
        if let Some(org) = self.refs.organisations.get(code) {
            let mut names = org.name.clone();
            if let Some(short) = &org.short_name {
                names.push(' ');
                names.push_str(short);
            }
            self.names(&names);
            if let Some(en) = &org.name_en {
                self.english(en);
            }
        }
    }

    fn vendor(&mut self, code: &str) {
        self.facet(Facet::Vendor, code);
        if let Some(org) = self.refs.organisations.get(code) {
            self.names(&org.name.clone());
        }
    }

    fn category(&mut self, slug: &str) {
        self.facet(Facet::Category, slug);
        if let Some(c) = self.refs.categories.get(slug) {
            let text = format!("{} {}", c.name_da, c.techniques.join(" "));
            self.names(&text);
            let en = c.name_en.clone();
            self.english(&en);
        }
    }

    fn domain(&mut self, slug: &str) {
        self.facet(Facet::Domain, slug);
        if let Some(d) = self.refs.domains.get(slug) {
            let (da, en) = (d.name_da.clone(), d.name_en.clone());
            self.names(&da);
            self.english(&en);
        }
    }

    fn label(&mut self, facet: Facet, wire: &str, da: &str, en: &str) {
        self.facet(facet, wire);
        self.names(da);
        self.english(en);
    }

    fn data(&mut self, data: &DataUse) {
        self.body(data.description.as_deref());
        if !data.sources.is_empty() {
            let names: Vec<&str> = data.sources.iter().map(|s| s.name.as_str()).collect();
            self.body(Some(&names.join(". ")));
        }
        self.body(data.bias_note.as_deref());
    }

    fn results(&mut self, results: &[MeasuredResult]) {
        for r in results {
            self.body(Some(&r.metric));
        }
    }

    fn links(&mut self, links: &[Link]) -> bool {
        for l in links {
            self.body(Some(&l.title));
        }
        links.iter().any(|l| l.kind == LinkKind::SourceCode)
    }

    fn finish(mut self, card: &Card) -> TantivyDocument {
        self.doc
            .add_u64(self.fields.completeness, u64::from(card.completeness));
        for term in &self.facets {
            self.doc.add_text(self.fields.facet, term);
        }
        // Serialising a struct of strings cannot fail; an empty card only loses display data.
        let card = serde_json::to_string(card).unwrap_or_default();
        self.doc.add_text(self.fields.card, card);
        self.doc
    }
}

/// The index document of a public use case.
pub fn use_case(
    fields: &Fields,
    refs: &ReferenceData,
    uc: &UseCase,
    ctx: &EntryContext,
) -> TantivyDocument {
    let lang = language::of_entry(&uc.provenance, &uc.title, &uc.summary);
    let mut b = Builder::new(fields, refs, EntryKind::UseCase, ctx, lang);
    b.title(uc.slug.as_str(), &uc.title, &uc.summary);
    b.body(uc.description.as_deref());
    b.body(uc.department.as_deref());
    b.organisation(uc.owner.as_str());
    b.source(&uc.provenance, uc.owner.as_str());
    for p in &uc.partners {
        b.organisation(p.as_str());
    }
    for a in &ctx.adopters {
        b.organisation(a);
    }
    for v in &uc.vendors {
        b.vendor(v.as_str());
    }
    b.category(uc.primary_category.as_str());
    for c in &uc.secondary_categories {
        b.category(c.as_str());
    }
    for d in &uc.domains {
        b.domain(d.as_str());
    }
    let l = uc.lifecycle;
    b.label(Facet::Lifecycle, l.as_str(), l.label_da(), l.label_en());
    let a = uc.ai_act.class;
    b.label(Facet::AiAct, a.as_str(), a.label_da(), a.label_en());
    b.body(uc.ai_act.justification.as_deref());
    let profile = uc.needs_profile.or_else(|| {
        refs.categories
            .get(uc.primary_category.as_str())
            .map(|c| c.profile)
    });
    if let Some(p) = profile {
        b.facet(Facet::Model, p.model.as_str());
        b.facet(Facet::DataLevel, p.data.as_str());
        b.facet(Facet::IntegrationLevel, p.integration.as_str());
        b.facet(Facet::InfrastructureLevel, p.infrastructure.as_str());
    }
    for t in &uc.technologies {
        b.facet(Facet::Technology, t);
    }
    if !uc.technologies.is_empty() {
        b.names(&uc.technologies.join(". "));
    }
    b.data(&uc.data);
    b.body(uc.legal.basis.as_deref());
    b.body(uc.legal.note.as_deref());
    b.body(uc.oversight.human_oversight.as_deref());
    b.results(&uc.results);
    b.body(uc.results_summary.as_deref());
    for c in &uc.challenges {
        b.names(c.label_da());
        b.english(c.label_en());
    }
    b.body(uc.challenges_note.as_deref());
    let has_code = b.links(&uc.links);
    b.facet(
        Facet::HasSourceCode,
        if has_code { "true" } else { "false" },
    );
    let people = &uc.how_it_works;
    for text in [
        &people.problem,
        &people.impact_on_citizens,
        &people.impact_on_staff,
        &people.decision_process,
        &people.appeal,
    ] {
        b.body(text.as_deref());
    }
    if !uc.provenance.keywords.is_empty() {
        b.body(Some(&uc.provenance.keywords.join(". ")));
    }
    if let Some(started) = uc.started {
        b.facet(Facet::Year, &started.year().to_string());
    }
    for alg in &uc.algorithms {
        b.doc.add_text(fields.algorithms, alg.as_str());
    }
    // For similar entries (similar.rs).
    let primary = Some(uc.primary_category.as_str());
    crate::similar::add_terms(&mut b.doc, fields, primary, &[&uc.data]);
    let mut categories = vec![uc.primary_category.to_string()];
    categories.extend(uc.secondary_categories.iter().map(ToString::to_string));
    let mut card = card(refs, uc.owner.as_str(), &categories, ctx, l.as_str());
    card.completeness = uc.completeness().percent;
    b.finish(&card)
}

/// The index document of a public algorithm register entry.
pub fn algorithm(
    fields: &Fields,
    refs: &ReferenceData,
    alg: &Algorithm,
    ctx: &EntryContext,
) -> TantivyDocument {
    let lang = language::of_entry(&alg.provenance, &alg.name, &alg.purpose);
    let mut b = Builder::new(fields, refs, EntryKind::Algorithm, ctx, lang);
    b.title(alg.slug.as_str(), &alg.name, &alg.purpose);
    b.body(alg.description.as_deref());
    b.body(alg.technique.as_deref());
    b.organisation(alg.owner.as_str());
    b.source(&alg.provenance, alg.owner.as_str());
    for a in &ctx.adopters {
        b.organisation(a);
    }
    if let Some(v) = &alg.vendor {
        b.vendor(v.as_str());
    }
    for c in &ctx.used_in_categories {
        b.category(c);
    }
    for d in &ctx.used_in_domains {
        b.domain(d);
    }
    let m = alg.model_type;
    b.label(Facet::Model, m.as_str(), m.label_da(), m.label_en());
    let l = alg.lifecycle;
    b.label(Facet::Lifecycle, l.as_str(), l.label_da(), l.label_en());
    let a = alg.ai_act.class;
    b.label(Facet::AiAct, a.as_str(), a.label_da(), a.label_en());
    b.body(alg.ai_act.justification.as_deref());
    b.data(&alg.training_data);
    b.data(&alg.operational_data);
    b.body(alg.licence.as_deref());
    b.results(&alg.performance);
    b.body(alg.performance_note.as_deref());
    b.body(alg.human_oversight.as_deref());
    for r in &alg.risks {
        b.body(Some(&r.risk));
        b.body(r.safeguard.as_deref());
    }
    for v in &alg.versions {
        b.body(v.note.as_deref());
    }
    let has_code = b.links(&alg.links) || alg.source_code_url.is_some();
    b.facet(
        Facet::HasSourceCode,
        if has_code { "true" } else { "false" },
    );
    if let Some(year) = alg
        .versions
        .iter()
        .filter_map(|v| v.released)
        .map(|d| d.year())
        .min()
    {
        b.facet(Facet::Year, &year.to_string());
    }
    // For similar entries (similar.rs).
    let data = [&alg.training_data, &alg.operational_data];
    crate::similar::add_terms(&mut b.doc, fields, None, &data);
    let mut card = card(
        refs,
        alg.owner.as_str(),
        &ctx.used_in_categories,
        ctx,
        l.as_str(),
    );
    card.completeness = alg.completeness().percent;
    b.finish(&card)
}

fn card(
    refs: &ReferenceData,
    owner: &str,
    categories: &[String],
    ctx: &EntryContext,
    lifecycle: &str,
) -> Card {
    Card {
        owner: OrgRef {
            code: owner.to_owned(),
            name: refs.organisation_name(owner),
        },
        categories: categories
            .iter()
            .map(|c| CategoryRef {
                slug: c.clone(),
                name: refs.category_name(c),
            })
            .collect(),
        published_at: ctx.published_at,
        lifecycle: lifecycle.to_owned(),
        completeness: 0,
    }
}

/// A stored text value as a string, whether it was stored as typed (Danish entries) or with
/// its tokens (other languages' entries, see `Builder::own_text`).
pub(crate) fn stored_text<'a, V: tantivy::schema::Value<'a>>(
    value: V,
) -> Option<std::borrow::Cow<'a, str>> {
    use tantivy::schema::document::ReferenceValueLeaf;
    match value.as_leaf()? {
        ReferenceValueLeaf::Str(s) => Some(std::borrow::Cow::Borrowed(s)),
        ReferenceValueLeaf::PreTokStr(p) => Some(std::borrow::Cow::Owned(p.text)),
        _ => None,
    }
}
