//! Entries like a given one: the words that characterise its text, plus the categories and
//! domains it shares with others, so a municipality planning something sees who already did it.

use std::sync::Arc;

use aikatalog_domain::EntryKind;
use tantivy::query::{BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};
use tantivy::{TantivyDocument, Term};

use crate::collector::{Deadline, FacetCollector, Sort};
use crate::error::SearchError;
use crate::facets::{Facet, Filters};
use crate::hits::{self, Highlighter, Hit};
use crate::index::SearchIndex;

/// What sharing a category or a domain adds to a candidate's score, next to a text score that
/// typically lies between 1 and 20.
const SHARED_CATEGORY: f32 = 3.0;
const SHARED_DOMAIN: f32 = 1.5;

impl SearchIndex {
    /// Entries of the same kind most like the one with this id or slug; `None` when there is
    /// no such public entry.
    pub fn similar(
        &self,
        kind: EntryKind,
        key: &str,
        limit: usize,
    ) -> Result<Option<Vec<Hit>>, SearchError> {
        let searcher = self.searcher();
        let f = &self.fields;
        let by = |field| -> Box<dyn Query> {
            Box::new(BooleanQuery::intersection(vec![
                term_query(f.kind, kind.as_str()),
                term_query(field, key),
            ]))
        };
        let find = BooleanQuery::union(vec![by(f.id), by(f.slug)]);
        let top = searcher.search(
            &find,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let id = doc
            .get_first(f.id)
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let text_fields = [f.title, f.summary, f.body];
        let fields_values: Vec<_> = text_fields
            .iter()
            .map(|field| {
                let values: Vec<OwnedValue> = doc
                    .get_all(*field)
                    .filter_map(|v| {
                        crate::document::stored_text(v).map(|s| OwnedValue::Str(s.into_owned()))
                    })
                    .collect();
                (*field, values)
            })
            .collect();
        let more_like_this = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_document_fields(fields_values);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Should, Box::new(more_like_this))];
        for value in doc.get_all(f.facet).filter_map(|v| v.as_str()) {
            let boost = match Facet::split(value) {
                Some((Facet::Category, _)) => SHARED_CATEGORY,
                Some((Facet::Domain, _)) => SHARED_DOMAIN,
                _ => continue,
            };
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(term_query(f.facet, value), boost)),
            ));
        }
        clauses.push((Occur::MustNot, term_query(f.id, &id)));
        let query = BooleanQuery::new(clauses);
        let required = Filters::default().with(Facet::Kind, kind.as_str());
        let deadline = Arc::new(Deadline::new(self.limits.time_budget));
        let collector = FacetCollector::new(
            self.facets.clone(),
            &Filters::default(),
            &required,
            0,
            Sort::Relevance,
            limit,
            deadline.clone(),
        );
        let collected = searcher.search(&query, &collector).map_err(|e| {
            if deadline.tripped() {
                SearchError::TimedOut(deadline.budget())
            } else {
                e.into()
            }
        })?;
        // Snippets mark nothing here: the reason is the whole entry, not a word.
        let highlighter = Highlighter::new(&searcher, None, f, &self.analyzers);
        let hits = collected
            .hits
            .iter()
            .map(|r| hits::render(&searcher, f, &highlighter, r.doc, r.score))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(hits))
    }
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
