//! A disjunction of a few queries that scores a document only when asked.
//!
//! tantivy's own disjunctions (`BooleanQuery::union`, `DisjunctionMaxQuery`) read their
//! clauses 4,096 documents at a time into a buffer, scoring every document as it is read. That
//! pays off for many clauses. A plan nests a few dozen small ones (a word's alternatives in one
//! field, then the fields), so on every search each of them allocated and cleared its buffer
//! per segment, and every document any clause matched was scored, although with filters most
//! of them are no hit and are never ranked. This one keeps no buffer: it moves the clauses that
//! stand on the current document and takes the lowest one next, and it asks the clauses for
//! their scores only when its own score is asked for. Scores are exactly those of the tantivy
//! query it replaces: the same sum (or maximum plus a share of the rest), added up in the same
//! clause order.

use std::fmt;

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Above this many clauses tantivy's buffered union is the cheaper: moving to the next
/// document here looks at every clause.
pub const MAX_CLAUSES: usize = 12;

/// How the scores of the clauses matching a document make its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Combine {
    /// Their sum, as `BooleanQuery::union` scores.
    Sum,
    /// The best one plus `tie_breaker` times the others, as `DisjunctionMaxQuery` scores.
    Max { tie_breaker: Score },
}

impl Combine {
    fn score(self, scores: impl Iterator<Item = Score>) -> Score {
        let (mut sum, mut max) = (0.0, 0.0);
        for score in scores {
            sum += score;
            max = Score::max(score, max);
        }
        match self {
            Combine::Sum => sum,
            Combine::Max { tie_breaker } => max + (sum - max) * tie_breaker,
        }
    }
}

/// Documents matching any of the clauses.
pub struct Disjunction {
    clauses: Vec<Box<dyn Query>>,
    combine: Combine,
}

impl Disjunction {
    pub fn new(clauses: Vec<Box<dyn Query>>, combine: Combine) -> Self {
        Self { clauses, combine }
    }
}

impl Clone for Disjunction {
    fn clone(&self) -> Self {
        Self {
            clauses: self.clauses.iter().map(|c| c.box_clone()).collect(),
            combine: self.combine,
        }
    }
}

impl fmt::Debug for Disjunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Disjunction")
            .field("combine", &self.combine)
            .field("clauses", &self.clauses)
            .finish()
    }
}

impl Query for Disjunction {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let clauses = self
            .clauses
            .iter()
            .map(|c| c.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(DisjunctionWeight {
            clauses,
            combine: self.combine,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct DisjunctionWeight {
    clauses: Vec<Box<dyn Weight>>,
    combine: Combine,
}

impl Weight for DisjunctionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut clauses = Vec::with_capacity(self.clauses.len());
        for weight in &self.clauses {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                clauses.push(scorer);
            }
        }
        // One clause scores alone as it would in the disjunction (its sum, or its maximum).
        if clauses.len() <= 1 {
            return Ok(clauses
                .pop()
                .unwrap_or_else(|| Box::new(EmptyScorer) as Box<dyn Scorer>));
        }
        Ok(Box::new(DisjunctionScorer::new(
            clauses,
            self.combine,
            reader.max_doc(),
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut explanation =
            Explanation::new_with_string(format!("{:?}", self.combine), scorer.score());
        for weight in &self.clauses {
            if let Ok(clause) = weight.explain(reader, doc) {
                explanation.add_detail(clause);
            }
        }
        Ok(explanation)
    }
}

struct DisjunctionScorer {
    clauses: Vec<Box<dyn Scorer>>,
    /// Each clause's current document, kept here so finding the lowest reads an array rather
    /// than asking every clause.
    docs: Vec<DocId>,
    combine: Combine,
    doc: DocId,
    size_hint: u32,
}

impl DisjunctionScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>, combine: Combine, max_doc: DocId) -> Self {
        // The share of documents no clause matches, taking the clauses as independent.
        let max_doc = max_doc.max(1) as f64;
        let none = clauses
            .iter()
            .map(|c| 1.0 - (f64::from(c.size_hint()) / max_doc).min(1.0))
            .product::<f64>();
        let docs = clauses.iter().map(|c| c.doc()).collect();
        let mut scorer = Self {
            clauses,
            docs,
            combine,
            doc: 0,
            size_hint: ((1.0 - none) * max_doc).round() as u32,
        };
        scorer.doc = scorer.lowest();
        scorer
    }

    fn lowest(&self) -> DocId {
        self.docs.iter().copied().min().unwrap_or(TERMINATED)
    }
}

impl DocSet for DisjunctionScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        if current == TERMINATED {
            return TERMINATED;
        }
        for (clause, doc) in self.clauses.iter_mut().zip(&mut self.docs) {
            if *doc == current {
                *doc = clause.advance();
            }
        }
        self.doc = self.lowest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for (clause, doc) in self.clauses.iter_mut().zip(&mut self.docs) {
            if *doc < target {
                *doc = clause.seek(target);
            }
        }
        self.doc = self.lowest();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.size_hint
    }

    fn cost(&self) -> u64 {
        self.clauses.iter().map(|c| c.cost()).sum()
    }
}

impl Scorer for DisjunctionScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let scores = self
            .clauses
            .iter_mut()
            .zip(&self.docs)
            .filter(|(_, d)| **d == doc)
            .map(|(c, _)| c.score());
        self.combine.score(scores)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STORED, Schema, TEXT};
    use tantivy::{DocAddress, Index, TantivyDocument, doc};

    fn ranked(index: &Index, query: &dyn Query) -> Vec<(Score, DocAddress)> {
        let searcher = index.reader().expect("reader").searcher();
        searcher
            .search(query, &TopDocs::with_limit(100).order_by_score())
            .expect("search")
    }

    /// Scores and order must be tantivy's own, to the bit, for both ways of combining, over
    /// documents matching one, several or all clauses, and when nested in an intersection
    /// (which moves it by seeking).
    #[test]
    fn scores_as_the_tantivy_queries_it_replaces() {
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", TEXT | STORED);
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let texts = [
            ("mail sorting", "sorting of mail by topic"),
            ("chatbot", "answers citizens about mail"),
            ("mail", "mail mail mail"),
            ("speech", "speech to text for case notes"),
            ("sorting robot", "sorting waste"),
            ("nothing here", "unrelated text"),
        ];
        for round in 0..40 {
            for (t, b) in texts {
                let title_text = format!("{t} {round}");
                let d: TantivyDocument = doc!(title => title_text, body => b);
                writer.add_document(d).expect("add");
            }
        }
        writer.commit().expect("commit");
        let term = |field, word: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, word),
                IndexRecordOption::WithFreqs,
            ))
        };
        let clauses = || {
            vec![
                term(title, "mail"),
                term(body, "sorting"),
                term(body, "mail"),
                term(title, "absent"),
            ]
        };
        let sum = Disjunction::new(clauses(), Combine::Sum);
        let theirs_sum = BooleanQuery::union(clauses());
        assert_eq!(ranked(&index, &sum), ranked(&index, &theirs_sum));
        let max = Disjunction::new(clauses(), Combine::Max { tie_breaker: 0.2 });
        let theirs_max = DisjunctionMaxQuery::with_tie_breaker(clauses(), 0.2);
        assert_eq!(ranked(&index, &max), ranked(&index, &theirs_max));
        assert!(!ranked(&index, &sum).is_empty());

        let nested = BooleanQuery::intersection(vec![Box::new(sum), term(title, "sorting")]);
        let theirs_nested = BooleanQuery::intersection(vec![
            Box::new(theirs_sum) as Box<dyn Query>,
            term(title, "sorting"),
        ]);
        let found = ranked(&index, &nested);
        assert_eq!(found.len(), 80, "{found:?}");
        assert_eq!(found, ranked(&index, &theirs_nested));

        let mut terms = Vec::new();
        max.query_terms(&mut |t, _| terms.push(t.clone()));
        assert_eq!(terms.len(), 4);
    }
}
