//! The catalogue described in DCAT-AP 3.0 as JSON-LD (`/dcat.jsonld`), so open-data portals
//! can harvest it: the catalogue (`dcat:Catalog`, published by KL), its two datasets (the use
//! cases and the algorithm register, `dcat:Dataset`), their downloads (`dcat:Distribution`:
//! CSV, JSON, the API and the exports in the other registers' formats) and the API
//! (`dcat:DataService`).
//!
//! Every property is written with a prefix the inline `@context` defines and every reference
//! as `{"@id": …}`, so the document needs no remote context to be read as RDF. Languages are
//! tagged (`@language`), times typed (`xsd:dateTime`). Controlled values come from the EU
//! vocabularies DCAT-AP names (data themes, countries, languages, file types) and IANA's media
//! types.
//!
//! No licence is claimed: none has been set for the catalogue's data yet (the about page says
//! so), and a harvester would pass a stated one on. The rights statement says what holds
//! instead.

use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::registers::Registers;
use aikatalog_state::AppState;
use chrono::SecondsFormat;
use serde_json::{Value, json};

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::{Site, respond};
use crate::urls::{DCAT, Urls};

const EU: &str = "http://publications.europa.eu/resource/authority";
const IANA: &str = "https://www.iana.org/assignments/media-types";

/// Text in Danish and English.
fn text(da: &str, en: &str) -> Value {
    json!([{ "@value": da, "@language": "da" }, { "@value": en, "@language": "en" }])
}

fn id(iri: impl Into<String>) -> Value {
    json!({ "@id": iri.into() })
}

fn rights() -> Value {
    json!({
        "@type": "dcterms:RightsStatement",
        "rdfs:label": text(
            "Der er endnu ikke fastsat en særskilt licens for katalogets data. Angiv AI-kataloget og den organisation, der ejer posten, som kilde. Poster fra andre registre har deres registers licens.",
            "No separate licence for the catalogue's data has been set yet. Credit AI-kataloget and the organisation that owns the entry as the source. Entries from other registers keep their register's licence.",
        ),
    })
}

/// A file download of a dataset.
fn file(base: &str, path: &str, title: Value, media_type: &str, file_type: &str) -> Value {
    json!({
        "@id": format!("{base}{path}"),
        "@type": "dcat:Distribution",
        "dcterms:title": title,
        "dcat:accessURL": id(format!("{base}{path}")),
        "dcat:downloadURL": id(format!("{base}{path}")),
        "dcat:mediaType": id(format!("{IANA}/{media_type}")),
        "dcterms:format": id(format!("{EU}/file-type/{file_type}")),
        "dcterms:rights": rights(),
    })
}

fn api_distribution(base: &str, what: &str, path: &str) -> Value {
    json!({
        "@id": format!("{base}{path}"),
        "@type": "dcat:Distribution",
        "dcterms:title": text(&format!("{what} gennem API'et (JSON)"), &format!("{what} through the API (JSON)")),
        "dcat:accessURL": id(format!("{base}{path}")),
        "dcat:accessService": id(format!("{base}/api/v1")),
        "dcat:mediaType": id(format!("{IANA}/application/json")),
        "dcterms:format": id(format!("{EU}/file-type/JSON")),
        "dcterms:rights": rights(),
    })
}

/// The exports in the other registers' formats (`/api/v1/exports/{format}`).
fn exports(base: &str) -> Vec<Value> {
    Registers::bundled()
        .registers
        .iter()
        .map(|r| {
            let path = format!("/api/v1/exports/{}", r.export_format);
            let file_type = match r.media_type.as_str() {
                "text/csv" => "CSV",
                "application/json" => "JSON",
                _ => "BIN",
            };
            json!({
                "@id": format!("{base}{path}"),
                "@type": "dcat:Distribution",
                "dcterms:title": text(
                    &format!("Eksport i formatet for {}", r.name_da.to_lowercase()),
                    &format!("Export in the format of {}", r.name_en),
                ),
                "dcat:accessURL": id(format!("{base}{path}")),
                "dcat:downloadURL": id(format!("{base}{path}")),
                "dcat:mediaType": id(format!("{IANA}/{}", r.media_type)),
                "dcterms:format": id(format!("{EU}/file-type/{file_type}")),
                "dcterms:rights": rights(),
            })
        })
        .collect()
}

fn publisher() -> Value {
    json!({
        "@id": "https://www.kl.dk/",
        "@type": "foaf:Agent",
        "foaf:name": text("KL – Kommunernes Landsforening", "KL – Local Government Denmark"),
        "foaf:homepage": id("https://www.kl.dk/"),
    })
}

/// The description, with absolute links from `base`.
pub fn describe(cat: &Catalogue, base: &str) -> Value {
    let (da, en) = (Urls { lang: Lang::Da }, Urls { lang: Lang::En });
    let modified = cat.last_published();
    let common = |mut dataset: Value| -> Value {
        let object = dataset.as_object_mut().expect("a dataset is an object");
        object.insert("@type".into(), "dcat:Dataset".into());
        object.insert("dcterms:publisher".into(), id("https://www.kl.dk/"));
        object.insert("dcterms:spatial".into(), id(format!("{EU}/country/DNK")));
        object.insert(
            "dcterms:language".into(),
            json!([
                id(format!("{EU}/language/DAN")),
                id(format!("{EU}/language/ENG"))
            ]),
        );
        object.insert(
            "dcat:theme".into(),
            json!([
                id(format!("{EU}/data-theme/GOVE")),
                id(format!("{EU}/data-theme/TECH"))
            ]),
        );
        object.insert("dcterms:rights".into(), rights());
        dataset
    };
    let mut use_case_distributions = vec![
        file(
            base,
            &da.use_cases_csv(),
            text("Alle use cases (CSV)", "All use cases (CSV)"),
            "text/csv",
            "CSV",
        ),
        file(
            base,
            &da.use_cases_json(),
            text("Alle use cases (JSON)", "All use cases (JSON)"),
            "application/json",
            "JSON",
        ),
        api_distribution(base, "Use cases", "/api/v1/use-cases"),
    ];
    use_case_distributions.extend(exports(base));
    let use_cases = common(json!({
        "@id": format!("{base}{DCAT}#use-cases"),
        "dcterms:title": text("Kommunernes AI-use cases", "The municipalities' AI use cases"),
        "dcterms:description": text(
            "Hvad danske kommuner bruger kunstig intelligens til: formål, ejer, fase, leverandør, resultater, risikoklasse efter AI-forordningen og kontakt, i KL og KOMBITs tolv AI-kategorier.",
            "What Danish municipalities use artificial intelligence for: purpose, owner, stage, vendor, results, EU AI Act risk class and contact, in KL and KOMBIT's twelve AI categories.",
        ),
        "dcat:keyword": text("kunstig intelligens", "artificial intelligence"),
        "dcat:landingPage": id(format!("{base}{}", da.search_by("kind", "use_case"))),
        "dcat:distribution": use_case_distributions,
    }));
    let algorithms = common(json!({
        "@id": format!("{base}{DCAT}#algorithms"),
        "dcterms:title": text("Algoritmeregistret", "The algorithm register"),
        "dcterms:description": text(
            "De algoritmer og AI-modeller, kommunernes løsninger bygger på: formål, model, data, ydeevne, risici og menneskeligt tilsyn.",
            "The algorithms and AI models the municipalities' solutions build on: purpose, model, data, performance, risks and human oversight.",
        ),
        "dcat:keyword": text("algoritmeregister", "algorithm register"),
        "dcat:landingPage": id(format!("{base}{}", da.algorithms())),
        "dcat:distribution": [
            file(base, &da.algorithms_csv(), text("Hele algoritmeregistret (CSV)", "The whole algorithm register (CSV)"), "text/csv", "CSV"),
            file(base, &da.algorithms_json(), text("Hele algoritmeregistret (JSON)", "The whole algorithm register (JSON)"), "application/json", "JSON"),
            api_distribution(base, "Algoritmer", "/api/v1/algorithms"),
        ],
    }));
    let api = json!({
        "@id": format!("{base}/api/v1"),
        "@type": "dcat:DataService",
        "dcterms:title": text("AI-katalogets API", "The AI-kataloget API"),
        "dcterms:description": text(
            "REST-API med de offentliggjorte use cases og algoritmer, søgning og referencedata som JSON.",
            "REST API with the published use cases and algorithms, search and reference data as JSON.",
        ),
        "dcat:endpointURL": id(format!("{base}/api/v1")),
        "dcat:endpointDescription": id(format!("{base}/api/v1/openapi.json")),
        "dcat:servesDataset": [id(format!("{base}{DCAT}#use-cases")), id(format!("{base}{DCAT}#algorithms"))],
        "dcterms:publisher": id("https://www.kl.dk/"),
        "dcterms:rights": rights(),
    });
    let mut catalogue = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base}{DCAT}#catalogue"),
        "@type": "dcat:Catalog",
        "dcterms:title": text("AI-kataloget", "AI-kataloget – the catalogue of AI in Danish municipalities"),
        "dcterms:description": text(
            "Det fælles katalog over kommunernes brug af kunstig intelligens og deres algoritmeregister, drevet af KL og KOMBIT.",
            "The shared catalogue of the Danish municipalities' use of artificial intelligence and their algorithm register, run by KL and KOMBIT.",
        ),
        "dcterms:publisher": publisher(),
        "foaf:homepage": id(format!("{base}{}", da.home())),
        "dcterms:language": [id(format!("{EU}/language/DAN")), id(format!("{EU}/language/ENG"))],
        "dcterms:spatial": id(format!("{EU}/country/DNK")),
        "dcat:themeTaxonomy": id(format!("{EU}/data-theme")),
        "dcterms:rights": rights(),
        "rdfs:seeAlso": id(format!("{base}{}", en.home())),
        "dcat:dataset": [use_cases, algorithms],
        "dcat:service": [api],
    });
    if let Some(at) = modified {
        catalogue["dcterms:modified"] = json!({
            "@value": at.to_rfc3339_opts(SecondsFormat::Secs, true),
            "@type": "xsd:dateTime",
        });
    }
    catalogue
}

pub async fn show(site: Site, req: HttpRequest) -> HttpResponse {
    respond(Lang::Da, render(site, req).await)
}

async fn render(site: Site, req: HttpRequest) -> Result<HttpResponse, WebError> {
    // Never from headers a client may forge (issue 16, defect 8): see `PublicOrigin`.
    let base = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.origin.of(&req))
        .unwrap_or_default();
    let cat = site.catalogue().await?;
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json")
        .json(describe(&cat, &base)))
}
