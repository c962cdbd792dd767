//! Text analysis: how text is cut into the terms the index stores and queries look up.
//!
//! Danish text is lowercased, stripped of stop words, folded so that æ/ø/å and their ASCII
//! spellings meet (`Sønderborg`, `Sonderborg` and `Soenderborg` become one term), and stemmed.
//! Folding runs before stemming so that the stemmer always sees the same letters whichever
//! spelling a person typed; stop words are removed before folding because a folded stop word can
//! collide with a real word (`være` folds to `vare`, "goods").

use std::mem;

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Danish text: folded, Danish stop words removed, Danish stems.
pub const DANISH: &str = "aikatalog_da";
/// English names and labels of categories, domains and enumerations: English stems.
pub const ENGLISH: &str = "aikatalog_en";
/// Whole words, folded but not stemmed: for completing what a person is typing.
pub const WORDS: &str = "aikatalog_words";

/// Longer tokens are noise (URLs, hashes) and would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 40;

pub fn danish() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::Danish).unwrap_or_else(|| {
        // tantivy ships the Danish list; an empty filter only makes search less precise.
        StopWordFilter::remove(Vec::<String>::new())
    });
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(ScandinavianFolding)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::Danish))
        .build()
}

pub fn english() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::English)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(ScandinavianFolding)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Text in another language with a snowball stemmer: lowercased, its stop words removed,
/// accents folded, stemmed. No Scandinavian folding: it would merge Dutch `oe` and `aa` words.
fn stemmed(language: Language) -> TextAnalyzer {
    let stop_words = StopWordFilter::new(language)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build()
}

/// Text in a language without a stemmer here (Czech, and any language search does not know):
/// lowercased and folded, so `třídění` and `trideni` meet.
pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for an entry's own text in `language` (ISO 639-1). English entries' text gets
/// the English stemmer without the Scandinavian folding the English labels have.
pub fn for_language(language: &str) -> TextAnalyzer {
    match language {
        "da" => danish(),
        "en" => stemmed(Language::English),
        "nl" => stemmed(Language::Dutch),
        "fi" => stemmed(Language::Finnish),
        "sv" => stemmed(Language::Swedish),
        "de" => stemmed(Language::German),
        "fr" => stemmed(Language::French),
        "es" => stemmed(Language::Spanish),
        "it" => stemmed(Language::Italian),
        _ => folded(),
    }
}

pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(ScandinavianFolding)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzers, built once: a stop word list is a hash set, so queries clone these (sharing
/// the set) rather than building new ones.
#[derive(Clone)]
pub struct Analyzers {
    pub danish: TextAnalyzer,
    pub english: TextAnalyzer,
    pub words: TextAnalyzer,
    /// The other languages' analyzers of entry text, by language code, in
    /// [`crate::language::KNOWN`]'s order, then the folded one for languages without a stemmer
    /// (under `""`).
    pub foreign: Vec<(&'static str, TextAnalyzer)>,
}

impl Analyzers {
    /// The analyzer of entry text in `language`.
    pub fn of(&self, language: &str) -> TextAnalyzer {
        if language == crate::language::DANISH {
            return self.danish.clone();
        }
        self.foreign
            .iter()
            .find(|(code, _)| *code == language)
            .or_else(|| self.foreign.iter().find(|(code, _)| code.is_empty()))
            .map_or_else(folded, |(_, a)| a.clone())
    }
}

impl Default for Analyzers {
    fn default() -> Self {
        let mut foreign: Vec<(&'static str, TextAnalyzer)> = crate::language::KNOWN
            .iter()
            .filter(|(code, _)| *code != crate::language::DANISH && *code != "cs")
            .map(|(code, _)| (*code, for_language(code)))
            .collect();
        foreign.push(("", folded()));
        Self {
            danish: danish(),
            english: english(),
            words: words(),
            foreign,
        }
    }
}

/// Registers the analyzers under the names the schema refers to.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(DANISH, danish());
    manager.register(ENGLISH, english());
    manager.register(WORDS, words());
}

/// One analysed token: its term and its position in the text, counting removed stop words, so
/// phrases keep their gaps (`sortering af mails` is `sortering` at 0, `mail` at 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysed {
    pub term: String,
    pub position: usize,
}

/// Runs `analyzer` over `text`.
pub fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Analysed> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(Analysed {
            term: token.text.clone(),
            position: token.position,
        });
    }
    out
}

/// Folds an already lowercased word the way the index does: å, ä, æ become a; ø, ö become o;
/// and the ASCII spellings aa, ae, ao, oe, oo lose their second letter, so `blåbærsyltetøj`,
/// `blaabaersyltetoej` and `blabarsyltetoj` are one word. This is Elasticsearch's
/// `scandinavian_folding`, chosen because people type Danish on keyboards without æ/ø/å in
/// every one of these ways, and OCR'd sources spell them all.
pub fn fold(word: &str, out: &mut String) {
    out.clear();
    let mut previous: Option<char> = None;
    for c in word.chars() {
        let c = match c {
            'å' | 'ä' | 'æ' | 'á' | 'à' | 'â' => 'a',
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => 'o',
            other => other,
        };
        let doubled = matches!(
            (previous, c),
            (Some('a'), 'a' | 'e' | 'o') | (Some('o'), 'e' | 'o')
        );
        if doubled {
            // The pair stands for one Danish letter: keep the first only, and do not let the
            // dropped letter start a new pair ("aae" is "å" + "e", not "a" + "ae").
            previous = None;
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
}

/// [`fold`] as a token filter.
#[derive(Clone, Copy, Debug)]
pub struct ScandinavianFolding;

impl TokenFilter for ScandinavianFolding {
    type Tokenizer<T: Tokenizer> = FoldingFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldingFilter<T> {
        FoldingFilter {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

#[derive(Clone)]
pub struct FoldingFilter<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for FoldingFilter<T> {
    type TokenStream<'a> = FoldingStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldingStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

pub struct FoldingStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

fn needs_folding(text: &str) -> bool {
    !text.is_ascii()
        || text.contains("aa")
        || text.contains("ae")
        || text.contains("ao")
        || text.contains("oe")
        || text.contains("oo")
}

impl<T: TokenStream> TokenStream for FoldingStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if needs_folding(&self.tail.token().text) {
            fold(&self.tail.token().text, self.buffer);
            mem::swap(&mut self.tail.token_mut().text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        analyse(analyzer, text)
            .into_iter()
            .map(|a| a.term)
            .collect()
    }

    #[test]
    fn danish_letters_and_their_ascii_spellings_meet() {
        let mut da = danish();
        for (a, b) in [
            ("ældrepleje", "aeldrepleje"),
            ("Sønderborg", "Sonderborg"),
            ("Sønderborg", "Soenderborg"),
            ("Køge", "Koge"),
            ("Århus", "Aarhus"),
            ("København", "Koebenhavn"),
            ("høringer", "horinger"),
        ] {
            assert_eq!(terms(&mut da, a), terms(&mut da, b), "{a} vs {b}");
        }
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        let mut da = danish();
        assert_eq!(terms(&mut da, "ældreplejen"), terms(&mut da, "ældrepleje"));
        assert_eq!(terms(&mut da, "mails"), terms(&mut da, "mail"));
        assert_eq!(terms(&mut da, "veje"), terms(&mut da, "vej"));
        assert_eq!(terms(&mut da, "chatbots"), terms(&mut da, "chatbot"));
    }

    #[test]
    fn stop_words_go_but_leave_their_position() {
        let mut da = danish();
        let out = analyse(&mut da, "sortering af mails");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].position, 0);
        assert_eq!(out[1].position, 2);
    }

    #[test]
    fn each_language_stems_its_own_inflections() {
        let mut nl = for_language("nl");
        assert_eq!(terms(&mut nl, "gemeenten"), terms(&mut nl, "gemeente"));
        assert_eq!(terms(&mut nl, "algoritmes"), terms(&mut nl, "algoritme"));
        assert!(terms(&mut nl, "de van het").is_empty());
        let mut en = for_language("en");
        assert_eq!(terms(&mut en, "routing"), terms(&mut en, "route"));
        assert_eq!(terms(&mut en, "councils"), terms(&mut en, "council"));
        let mut cs = for_language("cs");
        assert_eq!(terms(&mut cs, "Třídění"), vec!["trideni".to_owned()]);
    }

    #[test]
    fn folded_stop_words_do_not_remove_real_words() {
        // "være" is a stop word; "vare" (goods) is not and must survive.
        let mut da = danish();
        assert!(terms(&mut da, "være").is_empty());
        assert_eq!(terms(&mut da, "vare").len(), 1);
    }
}
