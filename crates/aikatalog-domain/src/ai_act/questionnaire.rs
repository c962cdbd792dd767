//! The triage questionnaire: sections of questions, each citing its article, with answer options
//! whose `effect` tells the classification what choosing them means. Versioned data
//! (`seed-data/ai-act/questionnaire-vN.toml`), checked once when read ([`Questionnaire::check`])
//! and used to check each set of answers ([`Questionnaire::check_answers`]).

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::Bilingual;
use crate::validation::{FieldError, FieldErrors};

/// One version of the questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Raised whenever a question, option or rule changes; answers keep the version they used.
    pub version: u32,
    /// The dates of application and how far the questionnaire can be relied on.
    pub notes: Bilingual,
    pub sections: Vec<Section>,
}

/// One step of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub key: String,
    pub title: Bilingual,
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: String,
    /// The article the question follows, as cited in each language.
    pub article: Bilingual,
    pub text: Bilingual,
    pub help: Bilingual,
    /// Whether the answer needs a lawyer's assessment (the help text says why).
    #[serde(default)]
    pub needs_lawyer: bool,
    /// Whether several options may be chosen.
    #[serde(default)]
    pub multiple: bool,
    /// Asked (and then required) only when an earlier answer says so; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_if: Option<Condition>,
    pub options: Vec<AnswerOption>,
}

/// "Asked only if `question` was answered with one of `any_of`."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub key: String,
    pub label: Bilingual,
    /// The article this option stands for, when more precise than the question's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Bilingual>,
    #[serde(default)]
    pub effect: Effect,
    /// For `annex_iii`: the point of Annex III (`1`–`8`, `5(a)`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    /// Cannot be combined with other options ("none of these").
    #[serde(default)]
    pub exclusive: bool,
}

impl AnswerOption {
    /// The article the option stands for: its own, else its question's.
    pub fn article_or<'a>(&'a self, question: &'a Question) -> &'a Bilingual {
        self.article.as_ref().unwrap_or(&question.article)
    }
}

/// What choosing an option means to the classification (`triage::classify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    #[default]
    None,
    /// Not an AI system within art. 3(1): the Regulation does not apply.
    NotAiSystem,
    /// A practice of art. 5.
    Prohibited,
    /// A safety component under Annex I with third-party assessment (art. 6(1)).
    AnnexI,
    /// An area of Annex III (art. 6(2)); the option names the point.
    AnnexIii,
    /// A condition of art. 6(3)(a)–(d).
    Exception,
    /// Profiling of natural persons (art. 6(3), last subparagraph).
    Profiling,
    /// A transparency duty of art. 50.
    Transparency,
    /// Built on a general-purpose AI model.
    Gpai,
    Deployer,
    Provider,
    DeployerAndProvider,
}

/// Answers by question key: the option keys chosen (one for a single-choice question).
pub type Answers = BTreeMap<String, Vec<String>>;

impl Questionnaire {
    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions().find(|q| q.key == key)
    }

    /// Checks the questionnaire itself: unique keys, conditions that point at earlier questions
    /// and known options, Annex III options with their point. Paths are like
    /// `sections[1].questions[0].options[2].point`.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut out = FieldErrors::default();
        if self.version == 0 {
            out.push(FieldError::new(
                "version",
                "invalid_value",
                "versions start at 1",
            ));
        }
        let mut sections = HashSet::new();
        let mut earlier: BTreeMap<&str, &Question> = BTreeMap::new();
        for (s, section) in self.sections.iter().enumerate() {
            let at = format!("sections[{s}]");
            if !sections.insert(section.key.as_str()) {
                out.push(duplicate(&format!("{at}.key"), &section.key));
            }
            if section.questions.is_empty() {
                out.push(FieldError::new(
                    format!("{at}.questions"),
                    "length",
                    "a section needs at least one question",
                ));
            }
            for (q, question) in section.questions.iter().enumerate() {
                let at = format!("{at}.questions[{q}]");
                check_question(&mut out, &at, question, &earlier);
                if earlier.insert(&question.key, question).is_some() {
                    out.push(duplicate(&format!("{at}.key"), &question.key));
                }
            }
        }
        out.into_result()
    }

    /// Whether `question` is asked, given the answers so far.
    pub fn is_asked(&self, question: &Question, answers: &Answers) -> bool {
        match &question.asked_if {
            None => true,
            Some(condition) => {
                let asked = self
                    .question(&condition.question)
                    .is_some_and(|q| self.is_asked(q, answers));
                asked
                    && answers
                        .get(&condition.question)
                        .is_some_and(|chosen| chosen.iter().any(|c| condition.any_of.contains(c)))
            }
        }
    }

    /// Checks a set of answers: every question asked is answered with known options (one for a
    /// single-choice question, an exclusive one alone), and nothing else is answered. Paths are
    /// `answers.<question>` and `answers.<question>[i]`.
    pub fn check_answers(&self, answers: &Answers) -> Result<(), FieldErrors> {
        let mut out = FieldErrors::default();
        for key in answers.keys() {
            if self.question(key).is_none() {
                out.push(FieldError::new(
                    format!("answers.{key}"),
                    "unknown_question",
                    format!(
                        "questionnaire version {} has no question `{key}`",
                        self.version
                    ),
                ));
            }
        }
        for question in self.questions() {
            let at = format!("answers.{}", question.key);
            let chosen = answers.get(&question.key).filter(|c| !c.is_empty());
            match (self.is_asked(question, answers), chosen) {
                (true, None) => out.push(FieldError::new(
                    at,
                    "missing_answer",
                    format!("this question must be answered: {}", question.text.en),
                )),
                (false, Some(_)) => out.push(FieldError::new(
                    at,
                    "not_asked",
                    "this question is not asked given the earlier answers; leave it out",
                )),
                (true, Some(chosen)) => check_choice(&mut out, &at, question, chosen),
                (false, None) => {}
            }
        }
        out.into_result()
    }
}

fn duplicate(at: &str, key: &str) -> FieldError {
    FieldError::new(at, "duplicate", format!("`{key}` is used twice"))
}

fn check_question(
    out: &mut FieldErrors,
    at: &str,
    question: &Question,
    earlier: &BTreeMap<&str, &Question>,
) {
    if question.options.len() < 2 {
        out.push(FieldError::new(
            format!("{at}.options"),
            "length",
            "a question needs at least two options",
        ));
    }
    let mut keys = HashSet::new();
    for (o, option) in question.options.iter().enumerate() {
        let at = format!("{at}.options[{o}]");
        if !keys.insert(option.key.as_str()) {
            out.push(duplicate(&format!("{at}.key"), &option.key));
        }
        match (option.effect, &option.point) {
            (Effect::AnnexIii, None) => out.push(FieldError::new(
                format!("{at}.point"),
                "missing_field",
                "an Annex III option names its point (`1` to `8`, `5(a)` …)",
            )),
            (effect, Some(_)) if effect != Effect::AnnexIii => out.push(FieldError::new(
                format!("{at}.point"),
                "unknown_field",
                "only Annex III options name a point",
            )),
            _ => {}
        }
        if option.exclusive && option.effect != Effect::None {
            out.push(FieldError::new(
                format!("{at}.exclusive"),
                "invalid_value",
                "an exclusive option (\"none of these\") has no effect",
            ));
        }
    }
    if let Some(condition) = &question.asked_if {
        match earlier.get(condition.question.as_str()) {
            None => out.push(FieldError::new(
                format!("{at}.asked_if.question"),
                "unknown_question",
                format!("`{}` is not a question before this one", condition.question),
            )),
            Some(before) => {
                for (i, key) in condition.any_of.iter().enumerate() {
                    if !before.options.iter().any(|o| &o.key == key) {
                        out.push(FieldError::new(
                            format!("{at}.asked_if.any_of[{i}]"),
                            "unknown_option",
                            format!("`{}` has no option `{key}`", before.key),
                        ));
                    }
                }
            }
        }
    }
}

fn check_choice(out: &mut FieldErrors, at: &str, question: &Question, chosen: &[String]) {
    let mut known = Vec::new();
    for (i, key) in chosen.iter().enumerate() {
        match question.options.iter().find(|o| &o.key == key) {
            Some(option) => known.push(option),
            None => out.push(FieldError::new(
                format!("{at}[{i}]"),
                "unknown_option",
                format!(
                    "`{key}` is not an option; choose from {}",
                    question
                        .options
                        .iter()
                        .map(|o| format!("`{}`", o.key))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    let distinct: HashSet<&str> = chosen.iter().map(String::as_str).collect();
    if !question.multiple && distinct.len() > 1 {
        out.push(FieldError::new(
            at,
            "too_many_answers",
            "this question takes one answer",
        ));
    } else if distinct.len() > 1 && known.iter().any(|o| o.exclusive) {
        out.push(FieldError::new(
            at,
            "exclusive_option",
            "\"none of these\" cannot be combined with other options",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questionnaire() -> Questionnaire {
        toml::from_str(include_str!(
            "../../../../seed-data/ai-act/questionnaire-v1.toml"
        ))
        .expect("parses")
    }

    #[test]
    fn every_question_and_option_is_in_both_languages_and_cites_an_article() {
        let q = questionnaire();
        assert!(q.notes.en.contains("2 August 2026") && q.notes.en.contains("omnibus"));
        for question in q.questions() {
            for text in [&question.text, &question.help, &question.article] {
                assert!(
                    !text.da.trim().is_empty() && !text.en.trim().is_empty(),
                    "{}",
                    question.key
                );
            }
            if question.needs_lawyer {
                assert!(question.help.da.contains("jurist"), "{}", question.key);
                assert!(question.help.en.contains("lawyer"), "{}", question.key);
            }
            for option in &question.options {
                assert!(!option.label.da.is_empty() && !option.label.en.is_empty());
            }
        }
    }

    #[test]
    fn a_broken_questionnaire_is_refused_with_paths() {
        let mut q = questionnaire();
        q.sections[1].questions[0].asked_if = Some(Condition {
            question: "gpai_model".into(),
            any_of: vec!["yes".into()],
        });
        q.sections[3].questions[1].options[0].point = None;
        let dup = q.sections[0].questions[0].options[0].clone();
        q.sections[0].questions[0].options.push(dup);
        let errors = q.check().expect_err("broken");
        let found: Vec<(&str, &str)> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("sections[0].questions[0].options[2].key", "duplicate"),
                (
                    "sections[1].questions[0].asked_if.question",
                    "unknown_question"
                ),
                ("sections[3].questions[1].options[0].point", "missing_field"),
            ]
        );
    }
}
