//! Reading and checking a whole import before anything is written: every file is parsed, every
//! document validated against the database's reference data plus what this run adds, and every
//! problem of every file collected.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use aikatalog_domain::validation::{
    FieldError, FieldErrors, validate_category, validate_domain, validate_organisation,
};
use aikatalog_domain::{Algorithm, Category, Domain, Entry, OrgCode, Organisation, Slug, UseCase};
use aikatalog_storage::models::reference_set::ReferenceSet;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::files::{FileKind, discover};

use crate::problem::{Problem, Problems};
use crate::toml_file::SourceFile;

/// A document and where it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub file: PathBuf,
    /// The document's path inside its file: `category[3]`, or empty for a one-document file.
    pub prefix: String,
}

/// A declaration in `adoptions.toml` that an organisation reuses an entry.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdoptionRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_case: Option<Slug>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<Slug>,
    pub organisation: OrgCode,
    /// ISO date as a string, e.g. "2024-03-01".
    pub adopted_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrganisationsFile {
    pub organisation: Vec<Organisation>,
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CategoriesFile {
    pub category: Vec<Category>,
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DomainsFile {
    pub domain: Vec<Domain>,
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdoptionsFile {
    pub adoption: Vec<AdoptionRecord>,
}

/// Everything one import run will sync, already checked.
#[derive(Debug, Default)]
pub struct Plan {
    pub organisations: Vec<Located<Organisation>>,
    pub categories: Vec<Located<Category>>,
    pub domains: Vec<Located<Domain>>,
    pub algorithms: Vec<Located<Algorithm>>,
    pub use_cases: Vec<Located<UseCase>>,
    pub adoptions: Vec<Located<AdoptionRecord>>,
    pub files: usize,
}

impl Plan {
    pub fn documents(&self) -> usize {
        self.organisations.len()
            + self.categories.len()
            + self.domains.len()
            + self.algorithms.len()
            + self.use_cases.len()
            + self.adoptions.len()
    }
}

fn located<T>(items: Vec<T>, file: &Path, table: &str) -> Vec<Located<T>> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, value)| Located {
            value,
            file: file.to_owned(),
            prefix: format!("{table}[{i}]"),
        })
        .collect()
}

/// A file that holds one document.
fn whole<T>(value: T, file: &Path) -> Located<T> {
    Located {
        value,
        file: file.to_owned(),
        prefix: String::new(),
    }
}

/// One file to import: what it holds, its name in messages, its text.
pub type Source = (FileKind, PathBuf, String);

/// Reads every file under `root` (a folder or one file).
pub fn read_files(root: &Path) -> Result<Vec<Source>, Problems> {
    let files = discover(root).map_err(Problems)?;
    let mut texts = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (kind, path) in files {
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push((kind, path, text)),
            Err(e) => problems.push(Problem::new(
                &path,
                "unreadable",
                format!("cannot read: {e}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(texts)
    } else {
        Err(Problems(problems))
    }
}

/// Checks `texts` against `stored` (what the database already holds). Returns all problems of
/// all files, or a plan with none.
pub fn check(texts: &[Source], stored: &ReferenceSet) -> Result<Plan, Problems> {
    let mut problems = Vec::new();

    let mut plan = Plan {
        files: texts.len(),
        ..Plan::default()
    };
    // Fields each file's reading found fault with, so the rules do not report them again.
    let mut reported = HashMap::new();
    for (kind, path, text) in texts {
        let source = match SourceFile::parse(path, text) {
            Ok(s) => s,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let read = Read {
            source: &source,
            problems: &mut problems,
            reported: &mut reported,
        };
        match kind {
            FileKind::Organisations => read.file(|f: OrganisationsFile| {
                plan.organisations
                    .extend(located(f.organisation, path, "organisation"))
            }),
            FileKind::Categories => read.file(|f: CategoriesFile| {
                plan.categories
                    .extend(located(f.category, path, "category"))
            }),
            FileKind::Domains => {
                read.file(|f: DomainsFile| plan.domains.extend(located(f.domain, path, "domain")))
            }
            FileKind::Adoptions => read.file(|f: AdoptionsFile| {
                plan.adoptions.extend(located(f.adoption, path, "adoption"))
            }),
            FileKind::Algorithm => read.file(|a: Algorithm| plan.algorithms.push(whole(a, path))),
            FileKind::UseCase => read.file(|u: UseCase| plan.use_cases.push(whole(u, path))),
        }
    }

    let refs = combined_references(stored, &plan);
    let mut report = Reporter {
        texts: texts
            .iter()
            .map(|(_, p, t)| (p.clone(), t.as_str()))
            .collect(),
        problems,
        reported,
    };
    check_duplicates(&plan, &mut report);
    for doc in &plan.organisations {
        report.field_errors(doc, validate_organisation(&doc.value, &refs));
    }
    for doc in &plan.categories {
        report.field_errors(doc, validate_category(&doc.value));
    }
    for doc in &plan.domains {
        report.field_errors(doc, validate_domain(&doc.value));
    }
    for doc in &plan.algorithms {
        report.field_errors(doc, doc.value.check(&refs));
    }
    for doc in &plan.use_cases {
        report.field_errors(doc, doc.value.check(&refs));
    }
    for doc in &plan.adoptions {
        check_adoption(doc, &refs, &plan, &mut report);
    }

    if report.problems.is_empty() {
        Ok(plan)
    } else {
        let mut problems = report.problems;
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(Problems(problems))
    }
}

/// What the database holds plus what this run brings.
fn combined_references(stored: &ReferenceSet, plan: &Plan) -> ReferenceSet {
    let mut refs = stored.clone();
    for o in &plan.organisations {
        refs.organisations
            .insert(o.value.code.to_string(), o.value.kind);
    }
    refs.categories
        .extend(plan.categories.iter().map(|c| c.value.slug.to_string()));
    refs.domains
        .extend(plan.domains.iter().map(|d| d.value.slug.to_string()));
    refs.algorithms
        .extend(plan.algorithms.iter().map(|a| a.value.slug.to_string()));
    refs
}

/// Reads one file, keeping its problems and the fields they are on.
struct Read<'r, 's> {
    source: &'r SourceFile<'s>,
    problems: &'r mut Vec<Problem>,
    reported: &'r mut HashMap<PathBuf, FieldErrors>,
}

impl Read<'_, '_> {
    /// Reads the file as a `T` and hands it to `keep`, even after errors: its faulty fields then
    /// hold neutral values, and the rules still look at the rest. (The plan is never applied
    /// while there are problems.)
    fn file<T: DeserializeOwned + ToSchema + 'static>(self, keep: impl FnOnce(T)) {
        let reading = self.source.read::<T>();
        self.problems.extend(
            reading
                .errors
                .0
                .iter()
                .map(|e| self.source.problem(e.clone())),
        );
        self.reported
            .insert(self.source.path.to_owned(), reading.errors);
        if let Some(value) = reading.value {
            keep(value);
        }
    }
}

/// Turns field errors into problems placed on their lines.
struct Reporter<'t> {
    texts: HashMap<PathBuf, &'t str>,
    problems: Vec<Problem>,
    /// Per file, the fields its reading already reported.
    reported: HashMap<PathBuf, FieldErrors>,
}

impl Reporter<'_> {
    fn problem<T>(&mut self, doc: &Located<T>, field: &str, code: &str, message: String) {
        let full = match (doc.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => doc.prefix.clone(),
            (false, false) => format!("{}.{field}", doc.prefix),
        };
        if self
            .reported
            .get(&doc.file)
            .is_some_and(|reported| reported.covers(&full))
        {
            return;
        }
        let error = FieldError::new(full, code, message);
        let problem = match self
            .texts
            .get(&doc.file)
            .and_then(|text| SourceFile::parse(&doc.file, text).ok())
        {
            Some(source) => source.problem(error),
            None => Problem::new(&doc.file, code, error.message).at(error.field, None),
        };
        self.problems.push(problem);
    }

    fn field_errors<T>(&mut self, doc: &Located<T>, result: Result<(), FieldErrors>) {
        if let Err(errors) = result {
            for e in errors.0 {
                self.problem(doc, &e.field, &e.code, e.message);
            }
        }
    }
}

fn check_duplicates(plan: &Plan, report: &mut Reporter<'_>) {
    fn dups<T>(
        items: &[Located<T>],
        key: impl Fn(&T) -> String,
        field: &str,
        what: &str,
        report: &mut Reporter<'_>,
    ) {
        let mut first: HashMap<String, &Located<T>> = HashMap::new();
        for item in items {
            let k = key(&item.value);
            match first.get(&k) {
                Some(earlier) => {
                    let msg = format!(
                        "{what} `{k}` is also defined in {}{}",
                        earlier.file.display(),
                        if earlier.prefix.is_empty() {
                            String::new()
                        } else {
                            format!(" at {}", earlier.prefix)
                        }
                    );
                    report.problem(item, field, "duplicate_key", msg);
                }
                None => {
                    first.insert(k, item);
                }
            }
        }
    }
    dups(
        &plan.organisations,
        |o| o.code.to_string(),
        "code",
        "organisation",
        report,
    );
    dups(
        &plan.categories,
        |c| c.slug.to_string(),
        "slug",
        "category",
        report,
    );
    dups(
        &plan.categories,
        |c| c.number.to_string(),
        "number",
        "category number",
        report,
    );
    dups(
        &plan.domains,
        |d| d.slug.to_string(),
        "slug",
        "domain",
        report,
    );
    dups(
        &plan.algorithms,
        |a| a.slug.to_string(),
        "slug",
        "algorithm",
        report,
    );
    dups(
        &plan.use_cases,
        |u| u.slug.to_string(),
        "slug",
        "use case",
        report,
    );
    dups(
        &plan.adoptions,
        |a| {
            format!(
                "{}/{}",
                a.use_case
                    .as_ref()
                    .or(a.algorithm.as_ref())
                    .map_or("", |s| s.as_str()),
                a.organisation
            )
        },
        "organisation",
        "adoption",
        report,
    );
}

fn check_adoption(
    doc: &Located<AdoptionRecord>,
    refs: &ReferenceSet,
    plan: &Plan,
    report: &mut Reporter<'_>,
) {
    use aikatalog_domain::validation::References;
    let a = &doc.value;
    if refs.organisation_kind(&a.organisation).is_none() {
        report.problem(
            doc,
            "organisation",
            "unknown_organisation",
            format!("no organisation has the code `{}`", a.organisation),
        );
    }
    let owner = match (&a.use_case, &a.algorithm) {
        (Some(slug), None) => plan
            .use_cases
            .iter()
            .find(|u| u.value.slug == *slug)
            .map(|u| u.value.owner.clone())
            .ok_or(("use_case", "unknown_use_case", slug)),
        (None, Some(slug)) => plan
            .algorithms
            .iter()
            .find(|u| u.value.slug == *slug)
            .map(|u| u.value.owner.clone())
            .ok_or(("algorithm", "unknown_algorithm", slug)),
        _ => {
            report.problem(
                doc,
                "",
                "adoption_target",
                "name exactly one of `use_case` and `algorithm`".into(),
            );
            return;
        }
    };
    match owner {
        Err((field, code, slug)) => report.problem(
            doc,
            field,
            code,
            format!("`{slug}` is not among the entries of this import"),
        ),
        Ok(owner) if owner == a.organisation => report.problem(
            doc,
            "organisation",
            "adopts_own_entry",
            "an organisation cannot adopt its own entry".into(),
        ),
        Ok(_) => {}
    }
}
