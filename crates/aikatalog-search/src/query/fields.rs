//! The planner's scoring of words across fields: each field's alternatives (variants, synonyms,
//! a concept's terms) summed, and the best field's sum plus a little of the others'.
//!
//! It scores as tantivy's disjunction max over one union per field, which is what it replaced.
//! Written so, every document a field matches went through two buffered unions, the field's and
//! the one over fields, each marking it in a window and adding up its score; with five fields
//! and the long posting lists of a corpus where a word is in a third of the entries, that second
//! pass was a good part of a search. Here every alternative of every field adds into one window,
//! keeping a sum per field for each document.

use std::fmt;

use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Documents looked ahead at once, as tantivy's unions do: 64 words of bits.
const WINDOW: u32 = 4096;
const WORDS: usize = (WINDOW / 64) as usize;

/// Any of the fields' alternatives; a document scores its best field's sum, plus
/// `tie_breaker` times the other fields' sums.
pub struct FieldsMax {
    fields: Vec<Vec<Box<dyn Query>>>,
    tie_breaker: Score,
}

impl FieldsMax {
    pub fn new(fields: Vec<Vec<Box<dyn Query>>>, tie_breaker: Score) -> Self {
        Self {
            fields,
            tie_breaker,
        }
    }

    fn all(&self) -> impl Iterator<Item = &Box<dyn Query>> {
        self.fields.iter().flatten()
    }
}

impl Clone for FieldsMax {
    fn clone(&self) -> Self {
        Self {
            fields: self
                .fields
                .iter()
                .map(|f| f.iter().map(|q| q.box_clone()).collect())
                .collect(),
            tie_breaker: self.tie_breaker,
        }
    }
}

impl fmt::Debug for FieldsMax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "FieldsMax(tie_breaker={}, fields={:?})",
            self.tie_breaker, self.fields
        )
    }
}

impl Query for FieldsMax {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        if !enable_scoring.is_scoring_enabled() {
            // Only which documents match: any alternative of any field.
            let any = BooleanQuery::union(self.all().map(|q| q.box_clone()).collect());
            return any.weight(enable_scoring);
        }
        let fields = self
            .fields
            .iter()
            .map(|f| f.iter().map(|q| q.weight(enable_scoring)).collect())
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(FieldsMaxWeight {
            fields,
            tie_breaker: self.tie_breaker,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in self.all() {
            q.query_terms(visitor);
        }
    }
}

struct FieldsMaxWeight {
    fields: Vec<Vec<Box<dyn Weight>>>,
    tie_breaker: Score,
}

impl Weight for FieldsMaxWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut children: Vec<(usize, Box<dyn Scorer>)> = Vec::new();
        for (field, weights) in self.fields.iter().enumerate() {
            for w in weights {
                let scorer = w.scorer(reader, boost)?;
                if scorer.doc() != TERMINATED {
                    children.push((field, scorer));
                }
            }
        }
        if children.len() <= 1 {
            // One alternative scores as itself: the best field's sum is its score.
            return Ok(children
                .pop()
                .map_or_else(|| Box::new(EmptyScorer) as Box<dyn Scorer>, |(_, s)| s));
        }
        Ok(Box::new(FieldsMaxScorer::new(
            children,
            self.fields.len(),
            self.tie_breaker,
            reader.num_docs(),
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut sums = vec![0.0; self.fields.len()];
        let mut details = Vec::new();
        for (field, weights) in self.fields.iter().enumerate() {
            for w in weights {
                if let Ok(e) = w.explain(reader, doc) {
                    sums[field] += e.value();
                    details.push(e);
                }
            }
        }
        if details.is_empty() {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut out = Explanation::new(
            "best field, plus the others times the tie-breaker",
            combine(&sums, self.tie_breaker),
        );
        for d in details {
            out.add_detail(d);
        }
        Ok(out)
    }
}

/// The best of `sums` plus `tie_breaker` times the rest, as tantivy's disjunction max adds
/// its clauses' scores.
fn combine(sums: &[Score], tie_breaker: Score) -> Score {
    let mut max: Score = 0.0;
    let mut total: Score = 0.0;
    for &s in sums {
        max = max.max(s);
        total += s;
    }
    max + (total - max) * tie_breaker
}

struct FieldsMaxScorer {
    /// Each alternative with its field's index; those that have run out are dropped.
    children: Vec<(usize, Box<dyn Scorer>)>,
    fields: usize,
    tie_breaker: Score,
    /// Which documents of the window matched.
    bits: Box<[u64; WORDS]>,
    /// Per document of the window, its sum in each field.
    sums: Vec<Score>,
    window_start: DocId,
    /// The word of `bits` the next document is looked for in.
    word: usize,
    doc: DocId,
    score: Score,
    size_hint: u32,
}

impl FieldsMaxScorer {
    fn new(
        children: Vec<(usize, Box<dyn Scorer>)>,
        fields: usize,
        tie_breaker: Score,
        num_docs: u32,
    ) -> Self {
        // The chance a document is in none of them, as tantivy estimates a union.
        let size_hint = if num_docs == 0 {
            0
        } else {
            let none: f64 = children
                .iter()
                .map(|(_, s)| 1.0 - f64::from(s.size_hint().min(num_docs)) / f64::from(num_docs))
                .product();
            ((1.0 - none) * f64::from(num_docs)).round() as u32
        };
        let mut scorer = Self {
            children,
            fields,
            tie_breaker,
            bits: Box::new([0; WORDS]),
            sums: vec![0.0; WINDOW as usize * fields],
            window_start: 0,
            word: WORDS,
            doc: 0,
            score: 0.0,
            size_hint,
        };
        scorer.advance();
        scorer
    }

    /// Marks every alternative's documents in the window starting at the smallest current
    /// one; `false` when all have run out.
    fn refill(&mut self) -> bool {
        let Some(start) = self.children.iter().map(|(_, s)| s.doc()).min() else {
            return false;
        };
        if start == TERMINATED {
            return false;
        }
        self.window_start = start;
        self.word = 0;
        let end = start.saturating_add(WINDOW);
        let fields = self.fields;
        for (field, scorer) in &mut self.children {
            let mut doc = scorer.doc();
            while doc < end {
                let delta = (doc - start) as usize;
                self.bits[delta / 64] |= 1 << (delta % 64);
                self.sums[delta * fields + *field] += scorer.score();
                doc = scorer.advance();
            }
        }
        self.children.retain(|(_, s)| s.doc() != TERMINATED);
        true
    }

    /// The next marked document of the window, its sums read and cleared.
    fn next_in_window(&mut self) -> bool {
        while self.word < WORDS {
            let bits = self.bits[self.word];
            if bits == 0 {
                self.word += 1;
                continue;
            }
            self.bits[self.word] = bits & (bits - 1);
            let delta = self.word * 64 + bits.trailing_zeros() as usize;
            self.doc = self.window_start + delta as DocId;
            let sums = &mut self.sums[delta * self.fields..(delta + 1) * self.fields];
            self.score = combine(sums, self.tie_breaker);
            sums.fill(0.0);
            return true;
        }
        false
    }

    /// Forgets the window's marked documents before `target` (all of them when it lies past
    /// the window).
    fn clear_before(&mut self, target: DocId) {
        let end = (target.saturating_sub(self.window_start) as usize).min(WINDOW as usize);
        while self.word < WORDS && self.word * 64 < end {
            let mut bits = self.bits[self.word];
            let below = end - self.word * 64;
            if below < 64 {
                bits &= (1u64 << below) - 1;
            }
            while bits != 0 {
                let delta = self.word * 64 + bits.trailing_zeros() as usize;
                self.sums[delta * self.fields..(delta + 1) * self.fields].fill(0.0);
                bits &= bits - 1;
                self.bits[self.word] &= !(1u64 << (delta % 64));
            }
            if below < 64 {
                break;
            }
            self.word += 1;
        }
    }
}

impl DocSet for FieldsMaxScorer {
    fn advance(&mut self) -> DocId {
        loop {
            if self.next_in_window() {
                return self.doc;
            }
            if !self.refill() {
                self.doc = TERMINATED;
                return TERMINATED;
            }
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.clear_before(target);
        if target.saturating_sub(self.window_start) >= WINDOW {
            // Past the window: every alternative skips ahead on its own.
            for (_, scorer) in &mut self.children {
                if scorer.doc() < target {
                    scorer.seek(target);
                }
            }
            self.children.retain(|(_, s)| s.doc() != TERMINATED);
            self.word = WORDS;
        }
        self.advance()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.size_hint
    }
}

impl Scorer for FieldsMaxScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, DisjunctionMaxQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, doc};

    /// Scores and documents of `query` over an index where documents hold the words in two
    /// fields, enough of them that the window moves and skips.
    fn run(query: &dyn Query, searcher: &tantivy::Searcher) -> Vec<(u32, Score)> {
        let mut hits: Vec<(u32, Score)> = searcher
            .search(query, &TopDocs::with_limit(100_000).order_by_score())
            .expect("search runs")
            .into_iter()
            .map(|(s, a)| (a.doc_id, s))
            .collect();
        hits.sort_by_key(|h| h.0);
        hits
    }

    #[test]
    fn scores_as_a_disjunction_max_over_field_unions() {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let tag = schema.add_text_field("tag", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let words = ["mail", "post", "brev", "sortering"];
        for i in 0..20_000u32 {
            // Long gaps too, so a seek lands past the window.
            let gap = i % 7000 > 6000;
            let pick = |k: u32| words[((i * k + i / 3) % 4) as usize];
            let mut d = TantivyDocument::default();
            if !gap {
                d.add_text(title, format!("{} {}", pick(7), pick(3)));
                d.add_text(body, format!("{} {} {}", pick(5), pick(11), pick(13)));
            }
            d.add_text(tag, if i % 3 == 0 { "a" } else { "b" });
            writer.add_document(d).expect("add");
        }
        writer.add_document(doc!(tag => "a")).expect("add");
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();

        let term = |f, w: &str, by: Score| -> Box<dyn Query> {
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f, w),
                    IndexRecordOption::WithFreqs,
                )),
                by,
            ))
        };
        let fields = || {
            vec![
                vec![term(title, "mail", 3.0), term(title, "post", 1.5)],
                vec![
                    term(body, "mail", 1.0),
                    term(body, "brev", 0.5),
                    term(body, "post", 0.7),
                ],
            ]
        };
        let ours = FieldsMax::new(fields(), 0.2);
        let theirs = DisjunctionMaxQuery::with_tie_breaker(
            fields()
                .into_iter()
                .map(|f| Box::new(BooleanQuery::union(f)) as Box<dyn Query>)
                .collect(),
            0.2,
        );
        let (a, b) = (run(&ours, &searcher), run(&theirs, &searcher));
        let matched = a.len();
        assert!(matched > 10_000, "{matched}");
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.0, y.0);
            assert!((x.1 - y.1).abs() <= 1e-5 * y.1.abs(), "{x:?} {y:?}");
        }

        // Inside an intersection, which seeks: the same documents and scores.
        let with_tag = |q: Box<dyn Query>| {
            BooleanQuery::intersection(vec![
                Box::new(TermQuery::new(
                    Term::from_field_text(tag, "a"),
                    IndexRecordOption::Basic,
                )),
                q,
            ])
        };
        let (a, b) = (
            run(&with_tag(Box::new(ours.clone())), &searcher),
            run(&with_tag(Box::new(theirs)), &searcher),
        );
        assert!(a.len() > 3_000, "{}", a.len());
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.0, y.0);
            assert!((x.1 - y.1).abs() <= 1e-5 * y.1.abs(), "{x:?} {y:?}");
        }

        // Counting without scores matches the same documents.
        let count = searcher
            .search(&ours, &tantivy::collector::Count)
            .expect("count");
        assert_eq!(count, matched);
    }
}
