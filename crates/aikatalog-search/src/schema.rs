//! The index schema, in one function, and the field handles resolved once into [`Fields`].
//!
//! Bump [`SCHEMA_VERSION`] whenever the schema, an analyzer or what goes into a field changes:
//! a server that finds an index of another version rebuilds it from the database at start.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis;

pub const SCHEMA_VERSION: u32 = 4;

/// Every field of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The entry's UUID, untokenised: updates delete by this term.
    pub id: Field,
    /// `use_case` or `algorithm`.
    pub kind: Field,
    pub slug: Field,
    /// The language the entry is written in (ISO 639-1), untokenised.
    pub lang: Field,
    /// The entry's own text: title, summary, and in `body` everything else worth finding
    /// (description, data, legal basis, results, risks). Danish entries' text is analysed by
    /// the fields' Danish analyzer; other languages' text arrives analysed by its own language's
    /// analyzer (pre-tokenised), so one field holds each entry's terms in its own language.
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    /// Danish names of the organisations, categories and domains, technologies and labels.
    pub names: Field,
    /// English names of categories, domains, organisations and labels.
    pub english: Field,
    /// The title's whole words, for suggestions.
    pub title_words: Field,
    /// Title, summary and names as whole words, unstemmed, for near spellings: a typo
    /// often changes how a stemmer cuts a word, but not the word's letters much.
    pub plain: Field,
    /// Facet values as `facet:value`, indexed for filters and similarity, fast for counting.
    pub facet: Field,
    /// Publication time in microseconds since the epoch, for sorting by newest: entries
    /// published in the same second (an import, the seed data) still keep their order.
    pub published: Field,
    /// The folded title, for sorting by title.
    pub title_sort: Field,
    /// The percentage of the facts readers need that the entry states, for filtering by a
    /// minimum and sorting the most complete first.
    pub completeness: Field,
    /// Algorithm slugs a use case uses, so an indexed use case can tell which algorithms to
    /// refresh when it changes.
    pub algorithms: Field,
    /// What a hit shows that is not text: owner, categories, publication time (JSON).
    pub card: Field,
    /// Terms only similar entries use (`similar::terms`): the primary category, data used.
    pub similar: Field,
}

fn text(analyzer: &str, stored: bool, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        slug: b.add_text_field("slug", STRING | STORED),
        lang: b.add_text_field("lang", STRING | STORED),
        title: b.add_text_field("title", text(analysis::DANISH, true, true)),
        summary: b.add_text_field("summary", text(analysis::DANISH, true, true)),
        body: b.add_text_field("body", text(analysis::DANISH, true, true)),
        names: b.add_text_field("names", text(analysis::DANISH, false, true)),
        english: b.add_text_field("english", text(analysis::ENGLISH, false, true)),
        title_words: b.add_text_field("title_words", text(analysis::WORDS, false, false)),
        plain: b.add_text_field("plain", text(analysis::WORDS, false, false)),
        facet: b.add_text_field("facet", STRING | FAST),
        published: b.add_i64_field("published", INDEXED | FAST),
        title_sort: b.add_text_field("title_sort", TextOptions::default().set_fast("raw")),
        completeness: b.add_u64_field("completeness", INDEXED | FAST),
        algorithms: b.add_text_field("algorithms", STRING | STORED),
        card: b.add_text_field("card", STORED),
        similar: b.add_text_field("similar", STRING | STORED),
    };
    (b.build(), fields)
}

impl Fields {
    /// The text fields a query searches, with their weights: title above summary above the
    /// rest.
    pub fn weighted(&self) -> [(Field, f32); 5] {
        [
            (self.title, 3.0),
            (self.summary, 1.6),
            (self.names, 1.2),
            (self.body, 1.0),
            (self.english, 1.0),
        ]
    }

    /// The fields that hold each entry's own text in its own language's terms.
    pub fn entry_text(&self) -> [Field; 3] {
        [self.title, self.summary, self.body]
    }

    /// The fields analysed with the Danish analyzer (for foreign entries' text, with theirs),
    /// whose term dictionaries decompounding looks words up in.
    pub fn danish_text(&self) -> [Field; 4] {
        [self.title, self.summary, self.names, self.body]
    }
}
