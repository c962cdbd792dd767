//! The index statistics one search reads, each looked up once.
//!
//! Planning asks which terms the index holds, BM25 asks how many entries hold each term of
//! the plan, and the snippets weigh the same terms again. A concept's terms repeat across
//! fields and languages (`speech recognition` plans 117 term queries over 75 distinct terms),
//! and every look-up walks each segment's term dictionary.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

pub struct TermStats<'s> {
    searcher: &'s Searcher,
    doc_freqs: Mutex<HashMap<Term, u64>>,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl<'s> TermStats<'s> {
    pub fn new(searcher: &'s Searcher) -> Self {
        Self {
            searcher,
            doc_freqs: Mutex::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    pub fn searcher(&self) -> &'s Searcher {
        self.searcher
    }

    /// How many entries hold `term`; 0 when its dictionary cannot be read, as for a term in
    /// no entry (the search then finds what it can).
    pub fn doc_freq_or_zero(&self, term: &Term) -> u64 {
        Bm25StatisticsProvider::doc_freq(self, term).unwrap_or(0)
    }

    /// Whether some entry holds `term`.
    pub fn holds(&self, term: &Term) -> bool {
        self.doc_freq_or_zero(term) > 0
    }
}

/// Looks `key` up in `memo`, or asks `read` and remembers a good answer. The lock is not held
/// while reading, so a panic there cannot poison it for the other look-ups.
fn remembered<K: std::hash::Hash + Eq + Clone>(
    memo: &Mutex<HashMap<K, u64>>,
    key: &K,
    read: impl FnOnce() -> tantivy::Result<u64>,
) -> tantivy::Result<u64> {
    if let Some(&known) = memo.lock().unwrap_or_else(|p| p.into_inner()).get(key) {
        return Ok(known);
    }
    let value = read()?;
    memo.lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key.clone(), value);
    Ok(value)
}

impl Bm25StatisticsProvider for TermStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        remembered(&self.tokens, &field, || {
            self.searcher.total_num_tokens(field)
        })
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        remembered(&self.doc_freqs, term, || self.searcher.doc_freq(term))
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, doc};

    use super::*;

    #[test]
    fn answers_as_the_searcher_does_and_remembers() {
        let mut builder = Schema::builder();
        let word = builder.add_text_field("word", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for w in ["a", "a", "b"] {
            writer.add_document(doc!(word => w)).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let stats = TermStats::new(&searcher);
        let a = Term::from_field_text(word, "a");
        let missing = Term::from_field_text(word, "c");
        for _ in 0..2 {
            assert_eq!(stats.doc_freq_or_zero(&a), 2);
            assert!(stats.holds(&a));
            assert!(!stats.holds(&missing));
        }
        assert_eq!(
            stats.total_num_tokens(word).expect("tokens"),
            searcher.total_num_tokens(word).expect("tokens")
        );
        assert_eq!(stats.doc_freqs.lock().expect("lock").len(), 2);
    }
}
