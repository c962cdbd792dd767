//! The catalogue's own vocabulary, for matching a word inside compounds: `pleje` inside
//! `hjemmepleje` and `ældrepleje` (the word as the compound's last part), `graffiti` inside
//! `graffitirenhold` (as its first part).
//!
//! tantivy's term dictionary answers "terms starting with"; "terms ending with" needs the terms
//! reversed and sorted, which is built here once per index segment, as the facet tables are.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, RwLock};

use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{Searcher, SearcherGeneration, SegmentReader, Warmer};

/// One segment's distinct Danish terms, forwards and reversed, each sorted.
struct SegmentTerms {
    forward: Vec<Box<str>>,
    reversed: Vec<Box<str>>,
}

fn reverse(s: &str) -> String {
    s.chars().rev().collect()
}

impl SegmentTerms {
    fn build(reader: &SegmentReader, fields: &[Field]) -> tantivy::Result<Self> {
        let mut all = BTreeSet::new();
        for field in fields {
            let inverted = reader.inverted_index(*field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    all.insert(term.to_owned());
                }
            }
        }
        let mut reversed: Vec<Box<str>> = all.iter().map(|t| reverse(t).into()).collect();
        reversed.sort_unstable();
        Ok(Self {
            forward: all.into_iter().map(String::into_boxed_str).collect(),
            reversed,
        })
    }

    /// Terms in `sorted` that start with `prefix` and are at least `extra` characters longer.
    fn starting_with<'a>(
        sorted: &'a [Box<str>],
        prefix: &'a str,
        extra: usize,
    ) -> impl Iterator<Item = &'a str> + 'a {
        let start = sorted.partition_point(|t| &**t < prefix);
        let want = prefix.chars().count() + extra;
        sorted[start..]
            .iter()
            .take_while(move |t| t.starts_with(prefix))
            .filter(move |t| t.chars().count() >= want)
            .map(|t| &**t)
    }
}

/// The vocabulary of live segments.
pub struct Vocabulary {
    fields: Vec<Field>,
    segments: RwLock<HashMap<SegmentId, Arc<SegmentTerms>>>,
}

impl Vocabulary {
    pub fn new(fields: Vec<Field>) -> Self {
        Self {
            fields,
            segments: RwLock::new(HashMap::new()),
        }
    }

    fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentTerms>> {
        let id = reader.segment_id();
        if let Some(found) = self
            .segments
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
        {
            return Ok(found.clone());
        }
        let built = Arc::new(SegmentTerms::build(reader, &self.fields)?);
        self.segments
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, built.clone());
        Ok(built)
    }

    /// Terms that contain `term` as their first or last part, with at least `extra` more
    /// characters, at most `limit` of them, shortest first (closest to the word itself).
    pub fn compounds_of(
        &self,
        searcher: &Searcher,
        term: &str,
        extra: usize,
        limit: usize,
    ) -> tantivy::Result<Vec<String>> {
        let reversed_term = reverse(term);
        let mut found: HashSet<String> = HashSet::new();
        for reader in searcher.segment_readers() {
            let terms = self.segment(reader)?;
            found.extend(
                SegmentTerms::starting_with(&terms.forward, term, extra).map(str::to_owned),
            );
            found.extend(
                SegmentTerms::starting_with(&terms.reversed, &reversed_term, extra).map(reverse),
            );
        }
        let mut out: Vec<String> = found.into_iter().collect();
        out.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        out.truncate(limit);
        Ok(out)
    }

    /// Terms that end with `word` and have at least `extra` more characters, at most `limit`
    /// of them, shortest first: the names a head word ends (`berthagpt` for `gpt`).
    pub fn ending_with(
        &self,
        searcher: &Searcher,
        word: &str,
        extra: usize,
        limit: usize,
    ) -> tantivy::Result<Vec<String>> {
        let reversed_word = reverse(word);
        let mut found: HashSet<String> = HashSet::new();
        for reader in searcher.segment_readers() {
            let terms = self.segment(reader)?;
            found.extend(
                SegmentTerms::starting_with(&terms.reversed, &reversed_word, extra).map(reverse),
            );
        }
        let mut out: Vec<String> = found.into_iter().collect();
        out.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        out.truncate(limit);
        Ok(out)
    }
}

impl Warmer for Vocabulary {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.segment(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|g| g.segments().keys().copied())
            .collect();
        self.segments
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|id, _| live.contains(id));
    }
}
