//! Each entry's language: the one its record states, or, for registers known to label records
//! English whatever they hold (the JRC's AI Watch and the Eurocities harvests of Amsterdam's and
//! Helsinki's registers), the one its title and summary are detected to be in. The language
//! picks the analyzer the entry's own text is indexed with (`analysis::for_language`).

use std::cell::RefCell;
use std::collections::HashMap;

use aikatalog_domain::Provenance;
use aikatalog_domain::registers::Registers;
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, TokenStream};
use whatlang::{Detector, Lang};

use crate::analysis;

/// This catalogue's own language, and the language of text indexed as it always was.
pub const DANISH: &str = "da";

/// The languages search knows, as ISO 639-1 codes, with the Danish name the pages show. Other
/// codes are kept as stated and analysed by [`analysis::folded`].
pub const KNOWN: [(&str, &str); 10] = [
    ("da", "dansk"),
    ("en", "engelsk"),
    ("nl", "nederlandsk"),
    ("cs", "tjekkisk"),
    ("fi", "finsk"),
    ("sv", "svensk"),
    ("de", "tysk"),
    ("fr", "fransk"),
    ("es", "spansk"),
    ("it", "italiensk"),
];

/// Registers whose records say `en` but may be in the language of the municipality that wrote
/// them: their language is detected.
const DOUBTFUL_SOURCES: [&str; 2] = ["jrc_ai_watch", "eurocities"];

/// Text shorter than this is too little to tell a language by.
const MIN_DETECT_CHARS: usize = 24;

/// The Danish name of a language code, or the code itself for a language search does not know.
pub fn name_da(code: &str) -> &str {
    KNOWN
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

/// The language an entry is indexed in.
pub fn of_entry(provenance: &Provenance, title: &str, summary: &str) -> String {
    let stated = provenance.language.to_ascii_lowercase();
    let source = Registers::bundled().source_key(provenance);
    if !DOUBTFUL_SOURCES.contains(&source) {
        return stated;
    }
    detect(&format!("{title}. {summary}")).map_or(stated, str::to_owned)
}

/// The language of `text` when the detector is sure of it, among the languages the registers
/// are written in.
pub fn detect(text: &str) -> Option<&'static str> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_DETECT_CHARS {
        return None;
    }
    let detector = Detector::with_allowlist(vec![
        Lang::Dan,
        Lang::Eng,
        Lang::Nld,
        Lang::Ces,
        Lang::Fin,
        Lang::Swe,
        Lang::Deu,
        Lang::Fra,
        Lang::Spa,
        Lang::Ita,
    ]);
    let info = detector.detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    Some(match info.lang() {
        Lang::Dan => "da",
        Lang::Eng => "en",
        Lang::Nld => "nl",
        Lang::Ces => "cs",
        Lang::Fin => "fi",
        Lang::Swe => "sv",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        _ => return None,
    })
}

thread_local! {
    /// Analyzers by language for indexing, built once per thread: a stop word list is a set.
    static ANALYZERS: RefCell<HashMap<String, TextAnalyzer>> = RefCell::new(HashMap::new());
}

/// `text` analysed in `language`, ready to index into a field whose own analyzer is Danish.
pub fn pre_tokenized(language: &str, text: &str) -> PreTokenizedString {
    ANALYZERS.with(|cell| {
        let mut analyzers = cell.borrow_mut();
        let analyzer = analyzers
            .entry(language.to_owned())
            .or_insert_with(|| analysis::for_language(language));
        let mut tokens = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        PreTokenizedString {
            text: text.to_owned(),
            tokens,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_languages_of_the_registers_and_declines_short_text() {
        assert_eq!(
            detect(
                "De gemeente gebruikt een algoritme om e-mails van burgers automatisch te classificeren en door te sturen naar de juiste afdeling."
            ),
            Some("nl")
        );
        assert_eq!(
            detect(
                "The council uses a machine learning model to triage incoming emails from residents and route them to the right team."
            ),
            Some("en")
        );
        assert_eq!(
            detect(
                "Kaupunki käyttää tekoälyä asukkaiden sähköpostien luokitteluun ja ohjaamiseen oikealle palvelulle."
            ),
            Some("fi")
        );
        assert_eq!(detect("Chatbot"), None);
    }

    #[test]
    fn stated_languages_are_trusted_outside_the_doubtful_registers() {
        let provenance = Provenance {
            language: "en".into(),
            ..Provenance::default()
        };
        // A home entry stating English stays English whatever its text.
        assert_eq!(
            of_entry(
                &provenance,
                "Automatisk sortering af mails",
                "Kommunen sorterer indkomne mails fra borgerne med en sprogmodel og sender dem videre."
            ),
            "en"
        );
        assert_eq!(name_da("nl"), "nederlandsk");
        assert_eq!(name_da("pt"), "pt");
    }
}
