//! Text analysis: how text is cut into the terms the index stores and queries look up.
//!
//! Danish text is lowercased, stripped of stop words, folded so that æ/ø/å and their ASCII
//! spellings meet (`Sønderborg`, `Sonderborg` and `Soenderborg` become one term), and stemmed.
//! Folding runs before stemming so that the stemmer always sees the same letters whichever
//! spelling a person typed; stop words are removed before folding because a folded stop word can
//! collide with a real word (`være` folds to `vare`, "goods").

use std::mem;
use std::sync::{Arc, Mutex};

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
    danish_gated(Gate::default())
}

/// A language's stop words, its set made once per process and shared: snippet marking builds
/// analyzers on every search. tantivy ships lists for the languages used here; without one, an
/// empty filter only makes search less precise.
fn stop_words(language: Language) -> StopWordFilter {
    static MADE: Mutex<Vec<(Language, StopWordFilter)>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, filter)) = made.iter().find(|(l, _)| *l == language) {
        return filter.clone();
    }
    let filter = StopWordFilter::new(language)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    made.push((language, filter.clone()));
    filter
}

/// [`danish`] with `gate` before the stemmer.
fn danish_gated(gate: Gate) -> TextAnalyzer {
    let stop_words = stop_words(Language::Danish);
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(Edit(ScandinavianFolding::default()))
        .filter(AsciiFoldingFilter)
        .filter(Edit(gate))
        .filter(Stemmer::new(Language::Danish))
        .build()
}

pub fn english() -> TextAnalyzer {
    let stop_words = stop_words(Language::English);
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(Edit(ScandinavianFolding::default()))
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Text in another language with a snowball stemmer: lowercased, its stop words removed,
/// accents folded, stemmed. No Scandinavian folding: it would merge Dutch `oe` and `aa` words.
fn stemmed(language: Language, gate: Gate) -> TextAnalyzer {
    let stop_words = stop_words(language);
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(AsciiFoldingFilter)
        .filter(Edit(gate))
        .filter(Stemmer::new(language))
        .build()
}

/// Text in a language without a stemmer here (Czech, and any language search does not know):
/// lowercased and folded, so `třídění` and `trideni` meet.
pub fn folded() -> TextAnalyzer {
    folded_gated(Gate::default())
}

fn folded_gated(gate: Gate) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Edit(gate))
        .build()
}

/// The analyzer for an entry's own text in `language` (ISO 639-1). English entries' text gets
/// the English stemmer without the Scandinavian folding the English labels have.
pub fn for_language(language: &str) -> TextAnalyzer {
    for_language_gated(language, Gate::default())
}

fn for_language_gated(language: &str, gate: Gate) -> TextAnalyzer {
    match language {
        "da" => danish_gated(gate),
        "en" => stemmed(Language::English, gate),
        "nl" => stemmed(Language::Dutch, gate),
        "fi" => stemmed(Language::Finnish, gate),
        "sv" => stemmed(Language::Swedish, gate),
        "de" => stemmed(Language::German, gate),
        "fr" => stemmed(Language::French, gate),
        "es" => stemmed(Language::Spanish, gate),
        "it" => stemmed(Language::Italian, gate),
        _ => folded_gated(gate),
    }
}

pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Edit(ScandinavianFolding::default()))
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
    /// [`Analyzers::of`] with `gate` before the stemmer: for marking snippets, where every
    /// word of a text is analysed only to find the few that are the query's terms. Only the
    /// Danish and English stemmers, which only change a word's ending, are gated (the Dutch
    /// one takes `ge` off the front: `gemeenten` is `meen`), and text without a stemmer.
    pub fn gated(&self, language: &str, gate: Gate) -> TextAnalyzer {
        match language {
            "da" | "en" => for_language_gated(language, gate),
            _ if self.foreign.iter().any(|(code, _)| *code == language) => self.of(language),
            _ => folded_gated(gate),
        }
    }

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

/// Lets through to the stemmer only the words that may stem to one of a few terms, and empties
/// the others, which then match no term.
///
/// Marking a snippet stems every word of the text to find the query's terms among them, and
/// stemming was most of that time. The Danish and English stemmers only cut and change a
/// word's ending: the first two letters of a word, after lowercasing and folding, are those of
/// its stem (the exceptions are English `dying`, `lying` and `tying`, stemmed to `die`, `lie`
/// and `tie`, allowed for). So a word starting with none of the terms' first two letters cannot
/// stem to one of them. Words keep their places and offsets, so the fragments chosen are the
/// same.
#[derive(Clone, Debug, Default)]
pub struct Gate {
    /// The terms' first two letters (the whole term when shorter); `None` lets every word
    /// through.
    prefixes: Option<Arc<Vec<String>>>,
}

impl Gate {
    /// A gate for words that may stem to one of `terms`.
    pub fn for_terms<'t>(terms: impl Iterator<Item = &'t str>) -> Self {
        let mut prefixes: Vec<String> = Vec::new();
        let mut add = |p: String| {
            if !p.is_empty() && !prefixes.contains(&p) {
                prefixes.push(p);
            }
        };
        for term in terms {
            let prefix: String = term.chars().take(2).collect();
            match prefix.as_str() {
                "di" | "li" | "ti" if term.len() == 3 && term.ends_with("ie") => {
                    add(format!("{}y", &prefix[..1]));
                }
                _ => {}
            }
            add(prefix);
        }
        Self {
            prefixes: Some(Arc::new(prefixes)),
        }
    }

    fn lets_through(&self, word: &str) -> bool {
        self.prefixes
            .as_ref()
            .is_none_or(|p| p.iter().any(|prefix| word.starts_with(prefix.as_str())))
    }
}

impl EditToken for Gate {
    fn edit(&mut self, token: &mut Token) {
        if !self.lets_through(&token.text) {
            token.text.clear();
        }
    }
}

/// [`fold`] as a token filter (with [`Edit`]).
#[derive(Clone, Debug, Default)]
pub struct ScandinavianFolding {
    buffer: String,
}

fn needs_folding(text: &str) -> bool {
    !text.is_ascii()
        || text.contains("aa")
        || text.contains("ae")
        || text.contains("ao")
        || text.contains("oe")
        || text.contains("oo")
}

impl EditToken for ScandinavianFolding {
    fn edit(&mut self, token: &mut Token) {
        if needs_folding(&token.text) {
            fold(&token.text, &mut self.buffer);
            mem::swap(&mut token.text, &mut self.buffer);
        }
    }
}

/// A change made to each token in place, as a token filter with [`Edit`].
pub trait EditToken: Clone + Send + Sync + 'static {
    fn edit(&mut self, token: &mut Token);
}

/// A token filter applying an [`EditToken`] to every token: tantivy's filter, tokenizer and
/// stream plumbing, written once for every such change.
#[derive(Clone, Debug)]
pub struct Edit<E>(pub E);

impl<E: EditToken> TokenFilter for Edit<E> {
    type Tokenizer<T: Tokenizer> = EditTokenizer<T, E>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EditTokenizer<T, E> {
        EditTokenizer {
            inner: tokenizer,
            edit: self.0,
        }
    }
}

#[derive(Clone)]
pub struct EditTokenizer<T, E> {
    inner: T,
    edit: E,
}

impl<T: Tokenizer, E: EditToken> Tokenizer for EditTokenizer<T, E> {
    type TokenStream<'a> = EditStream<'a, T::TokenStream<'a>, E>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EditStream {
            tail: self.inner.token_stream(text),
            edit: &mut self.edit,
        }
    }
}

pub struct EditStream<'a, S, E> {
    tail: S,
    edit: &'a mut E,
}

impl<S: TokenStream, E: EditToken> TokenStream for EditStream<'_, S, E> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.edit.edit(self.tail.token_mut());
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

    /// A gated analyzer finds every one of the terms the ungated one finds, at the same
    /// places, in each language, including the words whose stem starts otherwise.
    #[test]
    fn a_gate_lets_through_every_word_that_stems_to_a_term() {
        let texts = [
            (
                "da",
                "Sønderborg Kommune bruger talegenkendelse i hjemmeplejen og Aktindsigter, \
                 Aarhus Aeblehaven Ooh Aoa og ældreplejen",
            ),
            (
                "en",
                "Dying councils are lying about tying routing of speech recognitions in \
                 Aardvark Aeon Ooze",
            ),
            (
                "nl",
                "De gemeenten gebruiken algoritmes voor e-mailclassificatie",
            ),
            ("cs", "Třídění podání a rozpoznávání řeči"),
        ];
        let analyzers = Analyzers::default();
        for (language, text) in texts {
            let mut open = analyzers.of(language);
            let all = analyse(&mut open, text);
            // Every other word's term, so some words must be let through and some not; then
            // the other half.
            for skip in [0, 1] {
                let wanted: Vec<String> = all
                    .iter()
                    .skip(skip)
                    .step_by(2)
                    .map(|a| a.term.clone())
                    .collect();
                let mut gated =
                    analyzers.gated(language, Gate::for_terms(wanted.iter().map(String::as_str)));
                let found: Vec<Analysed> = analyse(&mut gated, text)
                    .into_iter()
                    .filter(|a| wanted.contains(&a.term))
                    .collect();
                let expected: Vec<Analysed> = all
                    .iter()
                    .filter(|a| wanted.contains(&a.term))
                    .cloned()
                    .collect();
                assert_eq!(found, expected, "{language}: {text}");
                let emptied = analyse(&mut gated, text).iter().any(|a| a.term.is_empty());
                // Dutch is not gated: its stemmer changes the front of words.
                assert_eq!(emptied, language != "nl", "{language}: {text}");
            }
        }
        let mut english = analyzers.gated("en", Gate::for_terms(["die"].into_iter()));
        assert_eq!(terms(&mut english, "dying")[0], "die");
    }
}
