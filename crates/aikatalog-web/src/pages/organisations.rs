//! The 98 municipalities grouped by region, each with what it owns, partners in and reuses; and
//! a page per organisation (municipalities under the municipalities section, national bodies
//! and vendors under organisations).

use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::{CountryCode, IdentifierScheme, OrgKind, Organisation, Relation};
use askama::Template;

use super::contact::readable_url;
use super::entry::{self, ContactView};
use crate::cards::{self, Card};
use crate::catalogue::LIST_LIMIT;
use crate::catalogue::{Catalogue, Counts};
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::links::{self, Link};
use crate::public;
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::Page;

pub struct MunicipalityTile {
    pub name: String,
    /// `"da"` on English pages: municipalities have Danish names only.
    pub name_lang: &'static str,
    pub href: String,
    pub counts: Counts,
    pub active: bool,
}

pub struct Region {
    pub code: String,
    pub name: String,
    pub taking_part: usize,
    pub municipalities: Vec<MunicipalityTile>,
}

#[derive(Template)]
#[template(path = "municipalities.html")]
struct MunicipalitiesPage {
    l: Layout,
    total: usize,
    taking_part: usize,
    regions: Vec<Region>,
    /// National bodies and other organisations that own or share entries.
    others: Vec<Link>,
}

fn regions(cat: &Catalogue, lang: Lang) -> Vec<Region> {
    let municipalities = cat.organisations_of(OrgKind::Municipality);
    let mut out: Vec<Region> = cat
        .organisations_of(OrgKind::Region)
        .into_iter()
        .map(|region| {
            let tiles: Vec<MunicipalityTile> = municipalities
                .iter()
                .filter(|m| m.region.as_ref() == Some(&region.code))
                .map(|m| tile(cat, m, lang))
                .collect();
            Region {
                code: region.code.to_string(),
                name: links::org_name(region, lang),
                taking_part: tiles.iter().filter(|t| t.active).count(),
                municipalities: tiles,
            }
        })
        .collect();
    // Official codes put the regions in their usual north-to-east order.
    out.sort_by(|a, b| a.code.cmp(&b.code));
    let orphans: Vec<MunicipalityTile> = municipalities
        .iter()
        .filter(|m| m.region.is_none())
        .map(|m| tile(cat, m, lang))
        .collect();
    if !orphans.is_empty() {
        out.push(Region {
            code: "none".into(),
            name: lang.t().no_region.into(),
            taking_part: orphans.iter().filter(|t| t.active).count(),
            municipalities: orphans,
        });
    }
    out
}

fn tile(cat: &Catalogue, m: &Organisation, lang: Lang) -> MunicipalityTile {
    let counts = cat.counts(m.code.as_str());
    MunicipalityTile {
        name: links::org_name(m, lang),
        name_lang: links::org_name_lang(m, lang),
        href: links::org_page(m).path(lang),
        active: counts.any(),
        counts,
    }
}

pub async fn list(lang: Lang, site: Site) -> HttpResponse {
    respond(lang, render_list(lang, site).await)
}

async fn render_list(lang: Lang, site: Site) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let others = cat
        .organisations
        .values()
        .filter(|o| o.kind != OrgKind::Municipality && o.kind != OrgKind::Region)
        .filter(|o| cat.is_involved(o.code.as_str()))
        .map(|o| links::org_link(&cat, o.code.as_str(), lang))
        .collect();
    // The same figures as the front page's: Danish municipalities and Danish entries.
    let figures = cat.danish_figures();
    let template = MunicipalitiesPage {
        l: Layout::new(
            lang,
            &Page::Municipalities,
            "",
            lang.t().municipalities_heading,
        ),
        total: figures.municipalities_total,
        taking_part: figures.municipalities,
        regions: regions(&cat, lang),
        others,
    };
    page(lang, &template)
}

/// One of the organisation's numbers in a register (CVR, EAN, …).
pub struct IdentifierView {
    pub scheme: String,
    pub value: String,
}

fn identifiers(org: &Organisation, lang: Lang) -> Vec<IdentifierView> {
    org.identifiers
        .iter()
        .map(|i| IdentifierView {
            // An "other" register is named by the organisation, when it says which.
            scheme: match (&i.scheme, &i.scheme_name) {
                (IdentifierScheme::Other, Some(name)) => name.clone(),
                (scheme, _) => scheme.label(lang).to_owned(),
            },
            value: i.value.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct OrganisationPage {
    l: Layout,
    name: String,
    /// `"da"` when the name is Danish on an English page.
    name_lang: &'static str,
    kind: &'static str,
    region: Link,
    website: String,
    website_text: String,
    /// The search page listing every entry the organisation owns or takes part in.
    search_href: String,
    ai_contact: Option<ContactView>,
    /// The postal address on one line; empty when not given.
    address: String,
    /// The country code, shown with an address or when it is not Denmark (the default).
    country: String,
    identifiers: Vec<IdentifierView>,
    owns: Vec<Card>,
    partner_in: Vec<Card>,
    reuses: Vec<Card>,
    algorithms: Vec<Card>,
    /// How many of each there are; the lists show the newest [`LIST_LIMIT`].
    totals: [usize; 4],
    /// That the lists show only the newest, when they do.
    more: String,
    nothing: bool,
}

pub async fn show(
    lang: Lang,
    site: Site,
    key: web::Path<String>,
    req: HttpRequest,
) -> HttpResponse {
    respond(lang, render_one(lang, site, key.into_inner(), req).await)
}

async fn render_one(
    lang: Lang,
    site: Site,
    code: String,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let org = cat.organisation(&code).ok_or(WebError::NotFound)?;
    // Each organisation has one address: a municipality's is under /kommuner, others' under
    // /organisationer. The other section answers "not found" rather than a duplicate page.
    let own_page = links::org_page(org);
    if own_page.path(lang) != req.path() {
        return Err(WebError::NotFound);
    }
    let involvement = {
        let (db, code) = (site.db().clone(), code.clone());
        blocking(move || Ok(db.read_with(|conn| Involvement::read(conn, &code))?)).await?
    };
    let cards = |list: &[aikatalog_domain::UseCase]| -> Vec<Card> {
        list.iter()
            .map(|u| cards::use_case_card(&cat, u, lang))
            .collect()
    };
    let totals = [
        involvement.owns.1,
        involvement.partner_in.1,
        involvement.reuses.1,
        involvement.algorithms.1,
    ];
    let more = [
        (involvement.owns.0.len(), totals[0]),
        (involvement.partner_in.0.len(), totals[1]),
        (involvement.reuses.0.len(), totals[2]),
        (involvement.algorithms.0.len(), totals[3]),
    ]
    .into_iter()
    .map(|(shown, total)| cards::newest_shown(shown, total, lang))
    .find(|m| !m.is_empty())
    .unwrap_or_default();
    let region = match org
        .region
        .as_ref()
        .and_then(|r| cat.organisation(r.as_str()))
    {
        Some(r) => Link::new(
            format!("{}#region-{}", Page::Municipalities.path(lang), r.code),
            links::org_name(r, lang),
        ),
        None => Link::new(String::new(), String::new()),
    };
    let template = OrganisationPage {
        l: Layout::new(lang, &own_page, "", links::org_name(org, lang)),
        name: links::org_name(org, lang),
        name_lang: links::org_name_lang(org, lang),
        kind: org.kind.label(lang),
        region,
        website: org
            .website
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        website_text: org.website.as_ref().map(readable_url).unwrap_or_default(),
        search_href: crate::urls::Urls { lang }.search_by("organisation", org.code.as_str()),
        ai_contact: entry::contact(org.ai_contact.as_ref()),
        address: org
            .postal_address
            .as_ref()
            .map(|a| format!("{}, {} {}", a.street, a.postcode, a.city))
            .unwrap_or_default(),
        country: if org.postal_address.is_some() || org.country != CountryCode::DENMARK {
            org.country.as_str().to_owned()
        } else {
            String::new()
        },
        identifiers: identifiers(org, lang),
        owns: cards(&involvement.owns.0),
        partner_in: cards(&involvement.partner_in.0),
        reuses: cards(&involvement.reuses.0),
        algorithms: involvement
            .algorithms
            .0
            .iter()
            .map(|a| cards::algorithm_card(&cat, a, lang))
            .collect(),
        nothing: totals.iter().all(|n| *n == 0),
        totals,
        more,
    };
    page(lang, &template)
}

/// One organisation's part in the catalogue: the newest [`LIST_LIMIT`] of each, with how many
/// there are.
struct Involvement {
    owns: (Vec<aikatalog_domain::UseCase>, usize),
    partner_in: (Vec<aikatalog_domain::UseCase>, usize),
    reuses: (Vec<aikatalog_domain::UseCase>, usize),
    /// The algorithms it owns or sells.
    algorithms: (Vec<aikatalog_domain::Algorithm>, usize),
}

impl Involvement {
    fn read(
        conn: &mut aikatalog_storage::DbConnection,
        code: &str,
    ) -> Result<Involvement, aikatalog_storage::StorageError> {
        let limit = i64::try_from(LIST_LIMIT).unwrap_or(i64::MAX);
        let owns = public::use_cases_related(conn, Relation::Owner, code, limit)?;
        let partner_in = public::use_cases_related(conn, Relation::Partner, code, limit)?;
        let reuses = public::use_cases_adopted_by(conn, code, limit)?;
        let (mut algorithms, owned) =
            public::algorithms_related(conn, Relation::Owner, code, limit)?;
        let (sold, sold_total) = public::algorithms_related(conn, Relation::Vendor, code, limit)?;
        // An owner that is also the vendor is listed once.
        let mut both = 0;
        for a in sold {
            if algorithms.iter().any(|o| o.slug == a.slug) {
                both += 1;
            } else {
                algorithms.push(a);
            }
        }
        Ok(Involvement {
            owns,
            partner_in,
            reuses,
            algorithms: (algorithms, owned + sold_total - both),
        })
    }
}
