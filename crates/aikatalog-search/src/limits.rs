//! How much work one query may cause. A query string is checked against [`QueryLimits`] before
//! it is planned, and a query over them is refused with a [`QueryRejected`] that says which
//! limit it broke; the planner then caps what it widens each word to (near spellings, compound
//! splits), and the run stops at a time budget. Without these, 400 `OR`ed misspelt words took
//! seconds and gigabytes: each built its own Levenshtein automata in every text field.

use std::time::Duration;

use crate::query::{Item, Parsed};

/// The limits on one query. The defaults leave every query of the relevance suite as it was
/// and keep the benchmark's hostile mix under 100 ms and 50 MB a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryLimits {
    /// Characters in the query string.
    pub max_chars: usize,
    /// Words in the query: required, `OR`ed and excluded ones, and each word of a phrase.
    pub max_terms: usize,
    /// Required groups (a word, a phrase, or alternatives joined by `OR`) and exclusions.
    pub max_clauses: usize,
    /// Rare words (perhaps misspelt) that are also searched by near spellings, counted from the
    /// start of the query; later rare words are searched as typed.
    pub max_fuzzy_words: usize,
    /// Lookups in the index's dictionary while splitting compounds, for the whole query; when
    /// they run out, the remaining words are not split.
    pub max_compound_lookups: usize,
    /// Wall time for running one query (not counting the wait for a search thread); past it the
    /// search stops with [`crate::SearchError::TimedOut`] rather than answer with partial
    /// counts.
    pub time_budget: Duration,
}

impl Default for QueryLimits {
    fn default() -> Self {
        Self {
            max_chars: 500,
            max_terms: 32,
            max_clauses: 24,
            max_fuzzy_words: 4,
            max_compound_lookups: 2_000,
            time_budget: Duration::from_secs(2),
        }
    }
}

/// A query refused before it ran, saying which limit it is over. Both numbers are for the
/// message a person reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryRejected {
    #[error("the query has {chars} characters; at most {max} are allowed")]
    TooLong { chars: usize, max: usize },
    #[error("the query has {terms} words; at most {max} are allowed")]
    TooManyTerms { terms: usize, max: usize },
    #[error(
        "the query has {clauses} parts (words, phrases, OR groups and exclusions); at most {max} are allowed"
    )]
    TooManyClauses { clauses: usize, max: usize },
}

impl QueryRejected {
    /// The stable code clients can act on.
    pub fn code(&self) -> &'static str {
        match self {
            QueryRejected::TooLong { .. } => "query_too_long",
            QueryRejected::TooManyTerms { .. } | QueryRejected::TooManyClauses { .. } => {
                "query_too_complex"
            }
        }
    }
}

impl QueryLimits {
    /// Refuses a query string that is too long, before anything else reads it.
    pub fn check_length(&self, q: &str) -> Result<(), QueryRejected> {
        // Bytes bound characters from above: most queries need no count.
        if q.len() > self.max_chars {
            let chars = q.chars().count();
            if chars > self.max_chars {
                return Err(QueryRejected::TooLong {
                    chars,
                    max: self.max_chars,
                });
            }
        }
        Ok(())
    }

    /// Refuses a parsed query with too many words or parts.
    pub fn check_parsed(&self, parsed: &Parsed) -> Result<(), QueryRejected> {
        let words = |item: &Item| match item {
            Item::Word(_) => 1,
            Item::Phrase(p) => p.split_whitespace().count(),
        };
        let terms: usize = parsed
            .groups
            .iter()
            .flatten()
            .chain(&parsed.excluded)
            .map(words)
            .sum();
        if terms > self.max_terms {
            return Err(QueryRejected::TooManyTerms {
                terms,
                max: self.max_terms,
            });
        }
        let clauses = parsed.groups.len() + parsed.excluded.len();
        if clauses > self.max_clauses {
            return Err(QueryRejected::TooManyClauses {
                clauses,
                max: self.max_clauses,
            });
        }
        Ok(())
    }

    /// Both checks, and the parsed query when it passes.
    pub fn parse(&self, q: &str) -> Result<Parsed, QueryRejected> {
        self.check_length(q)?;
        let parsed = crate::query::parse(q);
        self.check_parsed(&parsed)?;
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_named_with_the_count_and_the_maximum() {
        let limits = QueryLimits::default();
        let long = "a".repeat(501);
        assert_eq!(
            limits.parse(&long),
            Err(QueryRejected::TooLong {
                chars: 501,
                max: 500
            })
        );
        // Characters, not bytes: 250 `ø` are 500 bytes and allowed.
        assert!(limits.parse(&"ø".repeat(250)).is_ok());
        let many = vec!["ord"; 33].join(" OR ");
        let err = limits.parse(&many).expect_err("33 words");
        assert_eq!(
            err.to_string(),
            "the query has 33 words; at most 32 are allowed"
        );
        assert_eq!(err.code(), "query_too_complex");
        // Words in phrases and exclusions count too.
        let phrase = format!(
            "\"{}\" -\"{}\"",
            vec!["a"; 20].join(" "),
            vec!["b"; 13].join(" ")
        );
        assert!(matches!(
            limits.parse(&phrase),
            Err(QueryRejected::TooManyTerms { terms: 33, .. })
        ));
        let clauses = vec!["ord"; 25].join(" ");
        assert!(matches!(
            limits.parse(&clauses),
            Err(QueryRejected::TooManyClauses {
                clauses: 25,
                max: 24
            })
        ));
        // Just under every limit.
        assert!(limits.parse(&vec!["ord"; 24].join(" ")).is_ok());
        assert!(limits.parse(&vec!["ord"; 32].join(" OR ")).is_ok());
        // Operators are not words.
        assert!(limits.parse(&"OR ".repeat(160)).is_ok());
    }
}
