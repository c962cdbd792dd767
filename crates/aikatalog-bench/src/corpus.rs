//! A deterministic benchmark corpus: real texts from other public AI registers
//! (`../shared/datasets`: the US federal inventory, EU JRC AI Watch, the Czech catalogue, the UK
//! ATRS records) mixed with the Danish seed entries, placed on random but reproducible owners,
//! categories, domains, stages and years.

use std::path::Path;

use aikatalog_domain::{AiActClass, Lifecycle, OrgCode, OrgKind, Slug, UseCase};
use aikatalog_search::{EntryContext, ReferenceData};
use anyhow::Context;
use chrono::{DateTime, TimeZone, Utc};

/// SplitMix64: small, fast and the same on every machine, so runs compare.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A text from another register.
#[derive(Debug, Clone)]
pub struct Text {
    pub title: String,
    pub summary: String,
    pub description: String,
    /// The language it is written in (ISO 639-1), so entries made from it are analysed in it.
    pub language: &'static str,
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect::<String>().trim().to_owned()
}

/// Parses CSV (RFC 4180: quoted fields may hold commas, quotes and newlines).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

fn json_list(path: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .with_context(|| format!("{} is not JSON", path.display()))?;
    Ok(match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut map) => match map.remove("records") {
            Some(serde_json::Value::Array(items)) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    })
}

fn field(record: &serde_json::Value, key: &str) -> String {
    record
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Every usable text in the datasets folder.
pub fn dataset_texts(datasets: &Path) -> anyhow::Result<Vec<Text>> {
    let mut out = Vec::new();
    let us =
        datasets.join("us_federal_ai_inventory_2025/2025_individually_reported_AI_use_cases.csv");
    let text =
        std::fs::read_to_string(&us).with_context(|| format!("cannot read {}", us.display()))?;
    let mut rows = csv_records(&text).into_iter();
    let header = rows.next().unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (name, problem, benefits, outputs) = (
        col("use_case_name"),
        col("problem_solved"),
        col("benefits"),
        col("system_outputs"),
    );
    for row in rows {
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).cloned().unwrap_or_default();
        let t = Text {
            title: cut(&get(name), 180),
            summary: cut(&get(problem), 600),
            description: cut(&format!("{} {}", get(benefits), get(outputs)), 2000),
            language: "en",
        };
        if t.title.len() > 3 && t.summary.len() > 10 {
            out.push(t);
        }
    }
    let json_sources: [(&str, &str, &str, &str, &'static str); 3] = [
        (
            "eu_jrc_ai_watch_t6/services.json",
            "name",
            "description",
            "technology",
            "en",
        ),
        (
            "cz_egovai_katalog/use-cases-full.json",
            "Název projektu",
            "Krátký popis",
            "Řešený problém",
            "cs",
        ),
        (
            "uk_atrs_records/atrs_records.json",
            "title",
            "description",
            "tool_name",
            "en",
        ),
    ];
    for (file, title, summary, description, language) in json_sources {
        for record in json_list(&datasets.join(file))? {
            let t = Text {
                title: cut(&field(&record, title), 180),
                summary: cut(&field(&record, summary), 600),
                description: cut(&field(&record, description), 2000),
                language,
            };
            if t.title.len() > 3 && t.summary.len() > 10 {
                out.push(t);
            }
        }
    }
    anyhow::ensure!(
        !out.is_empty(),
        "no texts found under {}",
        datasets.display()
    );
    Ok(out)
}

/// Technologies as entries name them, Danish and English.
const TECHNOLOGIES: [&str; 16] = [
    "maskinlæring",
    "machine learning",
    "NLP",
    "computer vision",
    "chatbot",
    "RPA",
    "OCR",
    "talegenkendelse",
    "billedgenkendelse",
    "sprogmodel",
    "GPT",
    "prædiktiv model",
    "anomalidetektering",
    "optimering",
    "klassifikation",
    "generativ AI",
];

/// The corpus: `n` use cases made from the dataset texts and the Danish seed use cases, each
/// with its index context. It holds only what entries are made from; [`Corpus::entries`] makes
/// them one at a time, the same on every call, so a million entries are never in memory at once.
pub struct Corpus<'a> {
    n: usize,
    texts: &'a [Text],
    seed: &'a [UseCase],
    refs: &'a ReferenceData,
    municipalities: Vec<OrgCode>,
    vendors: Vec<OrgCode>,
    categories: Vec<Slug>,
    domains: Vec<Slug>,
    /// Danish sentences from the seed entries, so Danish queries meet the whole corpus.
    sentences: Vec<String>,
    start: DateTime<Utc>,
}

/// Prepares a corpus of `n` use cases from the dataset texts and the Danish seed use cases.
pub fn build<'a>(
    n: usize,
    texts: &'a [Text],
    seed: &'a [UseCase],
    refs: &'a ReferenceData,
) -> anyhow::Result<Corpus<'a>> {
    anyhow::ensure!(!seed.is_empty(), "the seed data has no use cases");
    anyhow::ensure!(!texts.is_empty(), "there are no dataset texts");
    let mut orgs: Vec<_> = refs.organisations.values().collect();
    orgs.sort_by(|a, b| a.code.cmp(&b.code));
    let municipalities: Vec<OrgCode> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Municipality)
        .map(|o| o.code.clone())
        .collect();
    let vendors: Vec<OrgCode> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Vendor)
        .map(|o| o.code.clone())
        .collect();
    let mut categories: Vec<Slug> = refs.categories.values().map(|c| c.slug.clone()).collect();
    categories.sort();
    let mut domains: Vec<Slug> = refs.domains.values().map(|d| d.slug.clone()).collect();
    domains.sort();
    anyhow::ensure!(
        !municipalities.is_empty() && !categories.is_empty() && !domains.is_empty(),
        "the seed reference data is incomplete"
    );
    let sentences: Vec<String> = seed
        .iter()
        .flat_map(|uc| {
            let text = format!(
                "{} {}",
                uc.summary,
                uc.description.clone().unwrap_or_default()
            );
            text.split(". ")
                .map(|s| s.trim().to_owned())
                .filter(|s| s.len() > 30)
                .collect::<Vec<_>>()
        })
        .collect();
    anyhow::ensure!(
        !sentences.is_empty(),
        "the seed use cases have no sentences"
    );
    let start: DateTime<Utc> = Utc
        .with_ymd_and_hms(2019, 1, 1, 0, 0, 0)
        .single()
        .context("a valid start date")?;
    Ok(Corpus {
        n,
        texts,
        seed,
        refs,
        municipalities,
        vendors,
        categories,
        domains,
        sentences,
        start,
    })
}

impl Corpus<'_> {
    /// The use cases in order, made as they are taken.
    pub fn entries(&self) -> impl Iterator<Item = (UseCase, EntryContext)> + '_ {
        let mut rng = Rng::new(0x00A1_CA7A_1060);
        (0..self.n).map(move |i| self.entry(i, &mut rng))
    }

    /// Entry `i`; `rng` must have made entries `0..i` before, in order.
    fn entry(&self, i: usize, rng: &mut Rng) -> (UseCase, EntryContext) {
        let template = rng.pick(self.seed).clone();
        let base = &self.texts[(i.wrapping_mul(7919)) % self.texts.len()];
        let owner = rng.pick(&self.municipalities).clone();
        let owner_name = self.refs.organisation_name(owner.as_str());
        let danish_title = rng.chance(25);
        let title = if danish_title {
            format!("{} – {owner_name}", template.title)
        } else {
            base.title.clone()
        };
        let mut uc = template;
        uc.slug = Slug::try_from(format!("bench-{i}")).expect("bench-N is a valid slug");
        uc.title = cut(&title, 200);
        uc.summary = cut(
            &format!("{} {}", base.summary, rng.pick(&self.sentences)),
            2000,
        );
        uc.description = Some(format!(
            "{} {}",
            base.description,
            rng.pick(&self.sentences)
        ));
        uc.owner = owner;
        // A Danish title makes a Danish entry; the others are in their text's language, so the
        // index holds every language's analysis and queries run through all of them.
        uc.provenance.language = if danish_title { "da" } else { base.language }.to_owned();
        let partners = if rng.chance(30) { 1 + rng.below(2) } else { 0 };
        uc.partners = (0..partners)
            .map(|_| rng.pick(&self.municipalities).clone())
            .collect();
        uc.primary_category = rng.pick(&self.categories).clone();
        uc.secondary_categories = (0..rng.below(3))
            .map(|_| rng.pick(&self.categories).clone())
            .collect();
        uc.domains = (0..1 + rng.below(2))
            .map(|_| rng.pick(&self.domains).clone())
            .collect();
        uc.lifecycle = *rng.pick(Lifecycle::ALL);
        uc.ai_act.class = *rng.pick(AiActClass::ALL);
        uc.started = aikatalog_domain::PartialDate::year_only(2018 + rng.below(8) as i32).ok();
        uc.technologies = (0..rng.below(4))
            .map(|_| (*rng.pick(&TECHNOLOGIES)).to_owned())
            .collect();
        uc.vendors = if !self.vendors.is_empty() && rng.chance(30) {
            vec![rng.pick(&self.vendors).clone()]
        } else {
            Vec::new()
        };
        uc.algorithms = Vec::new();
        uc.meta = None;
        let ctx = EntryContext {
            id: format!("00000000-0000-7000-8000-{i:012x}"),
            published_at: Some(self.start + chrono::Duration::minutes(i as i64 * 7)),
            ..EntryContext::default()
        };
        (uc, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_may_hold_commas_quotes_and_newlines() {
        let rows = csv_records("\u{feff}a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            vec!["x, y".to_owned(), "say \"hi\"\nthere".to_owned()]
        );
    }

    #[test]
    fn slugs_of_the_corpus_are_valid() {
        // `Corpus::entry` relies on it.
        for i in [0usize, 9, 999_999, usize::MAX] {
            assert!(Slug::try_from(format!("bench-{i}")).is_ok());
        }
    }

    #[test]
    fn the_generator_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(
            (0..5).map(|_| a.next()).collect::<Vec<_>>(),
            (0..5).map(|_| b.next()).collect::<Vec<_>>()
        );
    }
}
