//! Measuring ranking against graded judgments: the metrics as pure functions of a ranked list
//! of keys and the judged grades, and the graded suite's file format (queries in classes, each
//! with the entries a reader judged relevant and how much, and per-class floors).
//!
//! The relevance test (`tests/search/graded.rs`) and `aikatalog-bench relevance` both read the
//! suite with [`Suite::parse`] and score an engine with [`Suite::evaluate`], so the figures the
//! README quotes for tantivy and PostgreSQL come from one definition.
//!
//! Grades: 3 = exactly this, 2 = clearly relevant, 1 = related; an entry not judged is 0.
//! nDCG uses the exponential gain `2^grade - 1` (so an exact answer outweighs several related
//! ones) and the `log2(rank + 1)` discount, normalised by the ideal order of the judged grades.
//!
//! Error policy: a malformed suite is a [`SuiteError`] naming the query and what is wrong;
//! the metrics cannot fail.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use aikatalog_domain::EntryKind;
use serde::Deserialize;

use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::search::SearchRequest;

/// How relevant a reader judged an entry to a query: 1 (related) to 3 (exactly this).
pub type Grade = u8;

/// The grade from which an entry counts as a hit for [`hit_at`].
pub const RELEVANT: Grade = 2;
/// The highest grade.
pub const EXACT: Grade = 3;

/// The discounted cumulative gain of grades in rank order, cut at `k`.
pub fn dcg_at(grades: impl IntoIterator<Item = Grade>, k: usize) -> f64 {
    grades
        .into_iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| (f64::from(g).exp2() - 1.0) / ((i + 2) as f64).log2())
        // Not `sum()`: an empty float sum is -0.0, which prints as "-0.00".
        .fold(0.0, |total, gain| total + gain)
}

fn grade_of(judged: &BTreeMap<String, Grade>, key: &str) -> Grade {
    judged.get(key).copied().unwrap_or(0)
}

/// nDCG@k: the ranking's DCG over the best DCG the judged entries allow. 0 when nothing is
/// judged relevant (there is no ideal to reach).
pub fn ndcg_at<S: AsRef<str>>(ranked: &[S], judged: &BTreeMap<String, Grade>, k: usize) -> f64 {
    let mut ideal: Vec<Grade> = judged.values().copied().filter(|g| *g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg_at(ideal, k);
    if best == 0.0 {
        return 0.0;
    }
    dcg_at(ranked.iter().map(|key| grade_of(judged, key.as_ref())), k) / best
}

/// Whether an entry judged at least [`RELEVANT`] is among the first `k`.
pub fn hit_at<S: AsRef<str>>(ranked: &[S], judged: &BTreeMap<String, Grade>, k: usize) -> bool {
    ranked
        .iter()
        .take(k)
        .any(|key| grade_of(judged, key.as_ref()) >= RELEVANT)
}

/// Precision@k: the share of the first `k` places held by entries judged at least
/// `min_grade`. A ranking shorter than `k` counts its empty places as misses.
pub fn precision_at<S: AsRef<str>>(
    ranked: &[S],
    judged: &BTreeMap<String, Grade>,
    k: usize,
    min_grade: Grade,
) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let good = ranked
        .iter()
        .take(k)
        .filter(|key| grade_of(judged, key.as_ref()) >= min_grade.max(1))
        .count();
    good as f64 / k as f64
}

/// The first [`NDCG_K`] use cases for `q` as the catalogue's search ranks them: what the suite
/// scores for this engine (the test and the benchmark call it alike).
pub fn ranked(index: &SearchIndex, q: &str) -> Result<Vec<String>, SearchError> {
    let results = index.search(&SearchRequest {
        q: q.to_owned(),
        kind: Some(EntryKind::UseCase),
        limit: NDCG_K,
        ..SearchRequest::default()
    })?;
    Ok(results.items.into_iter().map(|hit| hit.slug).collect())
}

// --- the suite file ------------------------------------------------------------------------------

/// The cut for nDCG in the suite's figures.
pub const NDCG_K: usize = 10;
/// The cut for the hit rate in the suite's figures.
pub const HIT_K: usize = 3;
/// A suite needs at least this many queries in all ...
pub const MIN_QUERIES: usize = 120;
/// ... and this many in each class.
pub const MIN_PER_CLASS: usize = 15;
/// No floor may be lower: a class allowed to score next to nothing would guard nothing. (Not
/// higher either: a class the engine is weak at today, such as category names, still needs a
/// floor that holds it where it is.)
pub const MIN_FLOOR: f64 = 0.1;

/// A class of queries and the scores the engine must keep.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub name: String,
    pub description: String,
    /// The lowest mean nDCG@10 the class may fall to.
    pub ndcg_floor: f64,
    /// The lowest top-3 hit rate the class may fall to.
    pub hit_floor: f64,
}

/// One query and its judgments: entry key → grade.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub q: String,
    pub class: String,
    pub grades: BTreeMap<String, Grade>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suite {
    pub class: Vec<Class>,
    pub query: Vec<Case>,
}

/// What is wrong with a suite file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SuiteError {
    #[error("the suite does not parse: {0}")]
    Syntax(String),
    #[error("query {q:?}: {why}")]
    Query { q: String, why: String },
    #[error("class {class:?}: {why}")]
    Class { class: String, why: String },
    #[error("the suite has {0} queries; it needs at least {MIN_QUERIES}")]
    TooFew(usize),
}

impl Suite {
    /// Parses and checks a suite: grades 1 to 3, every query with an entry judged at least
    /// [`RELEVANT`] and in a declared class, every class with [`MIN_PER_CLASS`] queries and
    /// floors between [`MIN_FLOOR`] and 1, no query twice in a class.
    pub fn parse(text: &str) -> Result<Suite, SuiteError> {
        let suite: Suite = toml::from_str(text).map_err(|e| SuiteError::Syntax(e.to_string()))?;
        let names: BTreeSet<&str> = suite.class.iter().map(|c| c.name.as_str()).collect();
        let mut seen = BTreeSet::new();
        for case in &suite.query {
            let wrong = |why: String| SuiteError::Query {
                q: case.q.clone(),
                why,
            };
            if case.q.trim().is_empty() {
                return Err(wrong("the query is empty".into()));
            }
            if !names.contains(case.class.as_str()) {
                return Err(wrong(format!("unknown class `{}`", case.class)));
            }
            if let Some((key, g)) = case.grades.iter().find(|(_, g)| !(1..=EXACT).contains(*g)) {
                return Err(wrong(format!("`{key}` has grade {g}; grades are 1 to 3")));
            }
            if !case.grades.values().any(|g| *g >= RELEVANT) {
                return Err(wrong(format!(
                    "no entry is judged {RELEVANT} or more, so it cannot have a hit"
                )));
            }
            if !seen.insert((case.class.as_str(), case.q.to_lowercase())) {
                return Err(wrong(format!("listed twice in `{}`", case.class)));
            }
        }
        for class in &suite.class {
            let wrong = |why: String| SuiteError::Class {
                class: class.name.clone(),
                why,
            };
            for (what, floor) in [
                ("ndcg_floor", class.ndcg_floor),
                ("hit_floor", class.hit_floor),
            ] {
                if !(MIN_FLOOR..=1.0).contains(&floor) {
                    return Err(wrong(format!(
                        "{what} {floor} is outside {MIN_FLOOR} to 1: a lower floor guards nothing"
                    )));
                }
            }
            let n = suite.of_class(&class.name).count();
            if n < MIN_PER_CLASS {
                return Err(wrong(format!(
                    "{n} queries; each class needs at least {MIN_PER_CLASS}"
                )));
            }
        }
        if suite.query.len() < MIN_QUERIES {
            return Err(SuiteError::TooFew(suite.query.len()));
        }
        Ok(suite)
    }

    pub fn of_class<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a Case> + 'a {
        self.query.iter().filter(move |c| c.class == class)
    }

    /// Every judged key that `exists` does not know, as "query: key" lines.
    pub fn unknown_keys(&self, exists: impl Fn(&str) -> bool) -> Vec<String> {
        self.query
            .iter()
            .flat_map(|case| {
                case.grades
                    .keys()
                    .filter(|key| !exists(key))
                    .map(move |key| format!("{:?}: no entry `{key}`", case.q))
            })
            .collect()
    }

    /// Scores an engine: `run` returns a query's ranked keys (at least [`NDCG_K`] when there
    /// are that many hits).
    pub fn evaluate<E>(
        &self,
        mut run: impl FnMut(&Case) -> Result<Vec<String>, E>,
    ) -> Result<Scores, E> {
        let mut queries = Vec::with_capacity(self.query.len());
        for case in &self.query {
            let ranked = run(case)?;
            queries.push(QueryScore {
                q: case.q.clone(),
                class: case.class.clone(),
                ndcg: ndcg_at(&ranked, &case.grades, NDCG_K),
                hit: hit_at(&ranked, &case.grades, HIT_K),
                top: ranked.into_iter().take(HIT_K).collect(),
            });
        }
        let classes = self
            .class
            .iter()
            .map(|class| {
                ClassScore::of(
                    &class.name,
                    queries.iter().filter(|q| q.class == class.name),
                )
            })
            .collect();
        let all = ClassScore::of("all", queries.iter());
        Ok(Scores {
            classes,
            all,
            queries,
        })
    }

    /// The classes whose scores are below their floors, one line each.
    pub fn below_floors(&self, scores: &Scores) -> Vec<String> {
        let mut out = Vec::new();
        for class in &self.class {
            let Some(score) = scores.classes.iter().find(|s| s.class == class.name) else {
                continue;
            };
            if score.ndcg < class.ndcg_floor {
                out.push(format!(
                    "{}: nDCG@{NDCG_K} {:.3} is below its floor {:.3}",
                    class.name, score.ndcg, class.ndcg_floor
                ));
            }
            if score.hit_rate < class.hit_floor {
                out.push(format!(
                    "{}: top-{HIT_K} hit rate {:.3} is below its floor {:.3}",
                    class.name, score.hit_rate, class.hit_floor
                ));
            }
        }
        out
    }
}

/// One query's scores, and its first keys (to say what went wrong).
#[derive(Debug, Clone)]
pub struct QueryScore {
    pub q: String,
    pub class: String,
    pub ndcg: f64,
    pub hit: bool,
    pub top: Vec<String>,
}

/// A class's mean nDCG@10 and top-3 hit rate.
#[derive(Debug, Clone)]
pub struct ClassScore {
    pub class: String,
    pub queries: usize,
    pub ndcg: f64,
    pub hit_rate: f64,
}

impl ClassScore {
    fn of<'a>(class: &str, scores: impl Iterator<Item = &'a QueryScore>) -> ClassScore {
        let (mut n, mut ndcg, mut hits) = (0usize, 0.0, 0usize);
        for s in scores {
            n += 1;
            ndcg += s.ndcg;
            hits += usize::from(s.hit);
        }
        let mean = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
        ClassScore {
            class: class.to_owned(),
            queries: n,
            ndcg: mean(ndcg),
            hit_rate: mean(hits as f64),
        }
    }
}

/// An engine's scores per class, over all queries, and per query.
#[derive(Debug, Clone)]
pub struct Scores {
    pub classes: Vec<ClassScore>,
    pub all: ClassScore,
    pub queries: Vec<QueryScore>,
}

/// A Markdown table: a row per class (and one for all queries), nDCG@10 and top-3 hit rate per
/// engine.
pub fn table(engines: &[(&str, &Scores)]) -> String {
    let mut out = String::from("| class | queries |");
    let mut rule = String::from("|---|---:|");
    for (name, _) in engines {
        out.push_str(&format!(" {name} nDCG@{NDCG_K} | {name} hit@{HIT_K} |"));
        rule.push_str("---:|---:|");
    }
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    let Some((_, first)) = engines.first() else {
        return out;
    };
    let rows = first.classes.iter().chain([&first.all]);
    for (i, row) in rows.enumerate() {
        out.push_str(&format!("| {} | {} |", row.class, row.queries));
        for (_, scores) in engines {
            let s = scores.classes.get(i).unwrap_or(&scores.all);
            out.push_str(&format!(" {:.3} | {:.3} |", s.ndcg, s.hit_rate));
        }
        out.push('\n');
    }
    out
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&table(&[("", self)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(pairs: &[(&str, Grade)]) -> BTreeMap<String, Grade> {
        pairs.iter().map(|(k, g)| ((*k).to_owned(), *g)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn dcg_discounts_by_the_log_of_the_rank() {
        // 7/log2(2) + 3/log2(3) + 1/log2(4) = 7 + 1.8927893 + 0.5
        assert!(close(dcg_at([3, 2, 1], 10), 9.392_789_3));
        assert!(close(dcg_at([3, 2, 1], 1), 7.0));
        assert!(close(dcg_at([0, 0, 3], 10), 3.5));
        assert!(dcg_at([], 10).is_sign_positive(), "0, not -0");
    }

    #[test]
    fn ndcg_compares_with_the_ideal_order_of_the_judged_entries() {
        let j = judged(&[("a", 3), ("c", 1), ("d", 2)]);
        // DCG of a, b, c: 7 + 0 + 1/2 = 7.5; ideal 3, 2, 1: 9.3927893.
        assert!(close(ndcg_at(&["a", "b", "c"], &j, 10), 7.5 / 9.392_789_3));
        assert!(close(ndcg_at(&["a", "d", "c"], &j, 10), 1.0));
        // At k = 1 only the first place counts, against the ideal's first (7).
        assert!(close(ndcg_at(&["d", "a"], &j, 1), 3.0 / 7.0));
        assert_eq!(ndcg_at(&["x", "y"], &j, 10), 0.0);
        assert_eq!(ndcg_at::<&str>(&[], &j, 10), 0.0);
        // Beyond k nothing counts: d at rank 3 is outside the top 2.
        assert!(close(ndcg_at(&["x", "y", "d"], &j, 2), 0.0));
        assert_eq!(ndcg_at(&["a"], &judged(&[]), 10), 0.0);
    }

    #[test]
    fn a_hit_is_an_entry_judged_at_least_two_in_the_top_k() {
        let j = judged(&[("a", 1), ("d", 2)]);
        assert!(hit_at(&["x", "y", "d"], &j, 3));
        assert!(!hit_at(&["x", "y", "d"], &j, 2));
        assert!(!hit_at(&["a", "x", "y"], &j, 3), "grade 1 is only related");
        assert!(!hit_at::<&str>(&[], &j, 3));
    }

    #[test]
    fn precision_counts_empty_places_as_misses() {
        let j = judged(&[("a", 3), ("b", 1), ("c", 2)]);
        assert!(close(precision_at(&["a", "b", "x"], &j, 3, 1), 2.0 / 3.0));
        assert!(close(precision_at(&["a", "b", "x"], &j, 3, 2), 1.0 / 3.0));
        assert!(close(precision_at(&["a"], &j, 5, 1), 0.2));
        assert!(close(precision_at(&["x", "a", "c"], &j, 2, 2), 0.5));
        assert_eq!(precision_at(&["a"], &j, 0, 1), 0.0);
    }

    fn suite_text(floor: f64, queries: usize, grade: Grade) -> String {
        let mut text = format!(
            "[[class]]\nname = \"c\"\ndescription = \"d\"\nndcg_floor = {floor}\nhit_floor = 0.5\n"
        );
        for i in 0..queries {
            text.push_str(&format!(
                "[[query]]\nq = \"q{i}\"\nclass = \"c\"\n[query.grades]\ne{i} = {grade}\n"
            ));
        }
        text
    }

    #[test]
    fn a_suite_is_refused_with_what_is_wrong() {
        assert!(Suite::parse(&suite_text(0.5, MIN_QUERIES, 3)).is_ok());
        assert_eq!(
            Suite::parse(&suite_text(0.5, MIN_QUERIES - 1, 3)).expect_err("refused"),
            SuiteError::TooFew(MIN_QUERIES - 1)
        );
        assert!(matches!(
            Suite::parse(&suite_text(0.05, MIN_QUERIES, 3)).expect_err("refused"),
            SuiteError::Class { why, .. } if why.contains("ndcg_floor 0.05")
        ));
        assert!(matches!(
            Suite::parse(&suite_text(0.5, MIN_QUERIES, 1)).expect_err("refused"),
            SuiteError::Query { q, why } if q == "q0" && why.contains("cannot have a hit")
        ));
        assert!(matches!(
            Suite::parse(&suite_text(0.5, MIN_QUERIES, 4)).expect_err("refused"),
            SuiteError::Query { why, .. } if why.contains("grade 4")
        ));
        let unknown = suite_text(0.5, MIN_QUERIES, 3)
            .replace("class = \"c\"\n[query", "class = \"x\"\n[query");
        assert!(matches!(
            Suite::parse(&unknown).expect_err("refused"),
            SuiteError::Query { why, .. } if why.contains("unknown class `x`")
        ));
    }

    #[test]
    fn scores_are_means_per_class_and_floors_are_checked() {
        let suite = Suite::parse(&suite_text(0.6, MIN_QUERIES, 3)).expect("valid");
        assert_eq!(
            suite.unknown_keys(|k| k != "e7"),
            vec!["\"q7\": no entry `e7`"]
        );
        // Every query finds its entry first except the first quarter, which find nothing.
        let scores = suite
            .evaluate(|case| {
                let i: usize = case.q[1..].parse().expect("numbered");
                Ok::<_, ()>(if i < MIN_QUERIES / 4 {
                    vec![]
                } else {
                    vec![format!("e{i}")]
                })
            })
            .expect("runs");
        assert!(close(scores.classes[0].ndcg, 0.75));
        assert!(close(scores.classes[0].hit_rate, 0.75));
        assert!(suite.below_floors(&scores).is_empty());
        let strict = Suite::parse(&suite_text(0.8, MIN_QUERIES, 3)).expect("valid");
        assert_eq!(
            strict.below_floors(&scores),
            vec!["c: nDCG@10 0.750 is below its floor 0.800"]
        );
        assert!(table(&[("t", &scores)]).contains("| c | 120 | 0.750 | 0.750 |"));
    }
}
