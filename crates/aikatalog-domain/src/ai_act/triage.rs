//! The classification: answers to a questionnaire in, the AI Act class out, with the reasons
//! (which answers led to it, citing their articles), the municipality's role and the flags the
//! obligations depend on. A pure function of checked answers; the rules follow the Regulation:
//!
//! 1. Not an AI system (art. 3(1)): the Regulation does not apply, nothing else counts.
//! 2. A prohibited practice (art. 5) wins over everything else.
//! 3. High risk: a safety component under Annex I (art. 6(1)), or an Annex III area
//!    (art. 6(2)) unless a condition of art. 6(3)(a)–(d) applies, and always when the system
//!    profiles natural persons (art. 6(3), last subparagraph), whatever the conditions say.
//! 4. Otherwise limited risk when art. 50 imposes a transparency duty, else minimal risk.
//!
//! Transparency duties and the use of a general-purpose model are reported whatever the class.

use serde::{Deserialize, Serialize};

use super::Bilingual;
use super::questionnaire::{AnswerOption, Answers, Effect, Question, Questionnaire};
use crate::levels::AiActClass;

/// The municipality's role towards the system (art. 3(3) and (4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AiActRole {
    Deployer,
    Provider,
    DeployerAndProvider,
}

impl AiActRole {
    pub fn deploys(self) -> bool {
        matches!(self, Self::Deployer | Self::DeployerAndProvider)
    }

    pub fn provides(self) -> bool {
        matches!(self, Self::Provider | Self::DeployerAndProvider)
    }
}

/// One answer that led to the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Reason {
    pub question: String,
    pub option: String,
    /// The article the answer stands for.
    pub article: Bilingual,
    /// What the answer means for the class, in words.
    pub finding: Bilingual,
}

/// The outcome of a triage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TriageResult {
    pub questionnaire_version: u32,
    pub class: AiActClass,
    /// The answers that decided the class, most decisive first.
    pub reasons: Vec<Reason>,
    /// Absent when the system is not an AI system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AiActRole>,
    /// Built on a general-purpose AI model (art. 51–55 bind the model's provider).
    pub gpai: bool,
    /// The art. 50 duties that apply (option keys), whatever the class.
    pub transparency_duties: Vec<String>,
    /// The Annex III points chosen (`5(a)` …), even when an exception applied.
    pub annex_iii_points: Vec<String>,
    /// The class rests on an art. 6(3) exception: the assessment must be documented (art. 6(4)).
    pub exception_applied: bool,
    /// What follows from the result that is not a class: duties, dates, when to ask a lawyer.
    pub notes: Vec<Bilingual>,
}

impl TriageResult {
    /// The reasons as one text for the entry's `ai_act.justification` (Danish, as entries are).
    pub fn summary_da(&self) -> String {
        let mut text = format!(
            "Vurderet med AI-katalogets spørgeskema til AI-forordningen, version {}: {}.",
            self.questionnaire_version,
            self.class.label_da()
        );
        for reason in &self.reasons {
            text.push_str(&format!(" {}: {}.", reason.article.da, reason.finding.da));
        }
        for note in &self.notes {
            text.push(' ');
            text.push_str(&note.da);
        }
        // `ai_act.justification` holds at most 4,000 characters.
        if text.chars().count() > 4000 {
            text = text.chars().take(3999).collect::<String>() + "…";
        }
        text
    }
}

/// The options chosen for each question asked, with their questions.
fn chosen<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
) -> Vec<(&'q Question, &'q AnswerOption)> {
    let mut out = Vec::new();
    for question in questionnaire.questions() {
        if !questionnaire.is_asked(question, answers) {
            continue;
        }
        for key in answers.get(&question.key).into_iter().flatten() {
            if let Some(option) = question.options.iter().find(|o| &o.key == key)
                && !out.iter().any(|(q, o): &(&Question, &AnswerOption)| {
                    q.key == question.key && o.key == *key
                })
            {
                out.push((question, option));
            }
        }
    }
    out
}

fn reason(question: &Question, option: &AnswerOption, da: &str, en: &str) -> Reason {
    Reason {
        question: question.key.clone(),
        option: option.key.clone(),
        article: option.article_or(question).clone(),
        finding: Bilingual::new(
            format!("{da}: {}", option.label.da),
            format!("{en}: {}", option.label.en),
        ),
    }
}

/// Classifies answers that [`Questionnaire::check_answers`] accepted. Unchecked answers are
/// read as far as they go (unknown keys are ignored).
pub fn classify(questionnaire: &Questionnaire, answers: &Answers) -> TriageResult {
    let chosen = chosen(questionnaire, answers);
    let with = |effect: Effect| -> Vec<(&Question, &AnswerOption)> {
        chosen
            .iter()
            .copied()
            .filter(|(_, o)| o.effect == effect)
            .collect()
    };
    let mut result = TriageResult {
        questionnaire_version: questionnaire.version,
        class: AiActClass::Minimal,
        reasons: Vec::new(),
        role: None,
        gpai: !with(Effect::Gpai).is_empty(),
        transparency_duties: with(Effect::Transparency)
            .iter()
            .map(|(_, o)| o.key.clone())
            .collect(),
        annex_iii_points: with(Effect::AnnexIii)
            .iter()
            .filter_map(|(_, o)| o.point.clone())
            .collect(),
        exception_applied: false,
        notes: Vec::new(),
    };

    if let Some((q, o)) = with(Effect::NotAiSystem).first() {
        result.class = AiActClass::NotAiSystem;
        result.reasons.push(reason(
            q,
            o,
            "Ikke et AI-system, så forordningen gælder ikke",
            "Not an AI system, so the Regulation does not apply",
        ));
        result.gpai = false;
        result.transparency_duties.clear();
        result.annex_iii_points.clear();
        return result;
    }

    result.role = chosen.iter().find_map(|(_, o)| match o.effect {
        Effect::Deployer => Some(AiActRole::Deployer),
        Effect::Provider => Some(AiActRole::Provider),
        Effect::DeployerAndProvider => Some(AiActRole::DeployerAndProvider),
        _ => None,
    });

    let prohibited = with(Effect::Prohibited);
    if !prohibited.is_empty() {
        result.class = AiActClass::Prohibited;
        for (q, o) in prohibited {
            result
                .reasons
                .push(reason(q, o, "Forbudt praksis", "Prohibited practice"));
        }
        result.notes.push(Bilingual::new(
            "Systemet må ikke bruges til denne praksis (art. 5, gældende fra 2. februar 2025). Spørg en jurist straks.",
            "The system must not be used for this practice (art. 5, applicable from 2 February 2025). Ask a lawyer at once.",
        ));
        return result;
    }

    let annex_i = with(Effect::AnnexI);
    let annex_iii = with(Effect::AnnexIii);
    let exceptions = with(Effect::Exception);
    let profiling = with(Effect::Profiling);
    let mut high = false;
    for (q, o) in &annex_i {
        high = true;
        result.reasons.push(reason(
            q,
            o,
            "Sikkerhedskomponent efter bilag I, højrisiko fra 2. august 2027",
            "Safety component under Annex I, high-risk from 2 August 2027",
        ));
    }
    if !annex_iii.is_empty() {
        if let Some((q, o)) = profiling.first() {
            high = true;
            result.reasons.push(reason(
                q,
                o,
                "Profilering af fysiske personer gør et system i bilag III til højrisiko, også når en betingelse i art. 6, stk. 3, er opfyldt",
                "Profiling of natural persons makes an Annex III system high-risk, even when a condition of art. 6(3) is met",
            ));
            for (q, o) in &annex_iii {
                result
                    .reasons
                    .push(reason(q, o, "Område i bilag III", "Annex III area"));
            }
        } else if !exceptions.is_empty() {
            result.exception_applied = true;
            for (q, o) in &annex_iii {
                result.reasons.push(reason(
                    q,
                    o,
                    "Område i bilag III, men en undtagelse gælder",
                    "Annex III area, but an exception applies",
                ));
            }
            for (q, o) in &exceptions {
                result.reasons.push(reason(
                    q,
                    o,
                    "Betingelse, der gør systemet til ikke-højrisiko",
                    "Condition that makes the system not high-risk",
                ));
            }
            result.notes.push(Bilingual::new(
                "Undtagelsen i art. 6, stk. 3, skal dokumenteres, før systemet tages i brug (art. 6, stk. 4): det er udbyderens pligt, og udbyderen skal registrere systemet (art. 49, stk. 2). Bed leverandøren om vurderingen, og lad en jurist se på den.",
                "The art. 6(3) exception must be documented before the system is put into service (art. 6(4)): a duty of the provider, who must also register the system (art. 49(2)). Ask the vendor for the assessment and have a lawyer look at it.",
            ));
        } else {
            high = true;
            for (q, o) in &annex_iii {
                result.reasons.push(reason(
                    q,
                    o,
                    "Område i bilag III uden undtagelse efter art. 6, stk. 3",
                    "Annex III area with no exception under art. 6(3)",
                ));
            }
        }
    }

    let transparency = with(Effect::Transparency);
    if !high {
        // The answers that kept the system out of the prohibitions and high risk are reasons too.
        for (q, o) in &chosen {
            let decides = q.options.iter().any(|x| {
                matches!(
                    x.effect,
                    Effect::Prohibited | Effect::AnnexI | Effect::AnnexIii
                )
            });
            if decides && o.effect == Effect::None {
                result
                    .reasons
                    .push(reason(q, o, "Ikke omfattet", "Not covered"));
            }
        }
    }
    if high {
        result.class = AiActClass::High;
        if !annex_iii.is_empty() {
            result.notes.push(Bilingual::new(
                "Højrisikoreglerne for systemer i bilag III gælder fra 2. august 2026 efter forordningen som offentliggjort; en senere ændring (den digitale omnibus) kan flytte datoen.",
                "The high-risk rules for Annex III systems apply from 2 August 2026 under the Regulation as published; a later amendment (the digital omnibus) may shift the date.",
            ));
        }
    } else if !transparency.is_empty() {
        result.class = AiActClass::Limited;
        for (q, o) in &transparency {
            result
                .reasons
                .push(reason(q, o, "Gennemsigtighedskrav", "Transparency duty"));
        }
    } else {
        result.class = AiActClass::Minimal;
        result.notes.push(Bilingual::new(
            "Ingen svar peger på højrisiko, forbud eller gennemsigtighedskrav: minimal risiko. Kravet om AI-færdigheder (art. 4) gælder stadig.",
            "No answer points to high risk, a prohibition or a transparency duty: minimal risk. The AI literacy duty (art. 4) still applies.",
        ));
    }
    if result.role.is_some_and(AiActRole::provides) {
        result.notes.push(Bilingual::new(
            "Kommunen er (også) udbyder: udbyderens pligter (for højrisikosystemer art. 16-22, 43, 47-49) er ikke med i tjeklisten. Spørg en jurist.",
            "The municipality is (also) a provider: a provider's obligations (for high-risk systems art. 16-22, 43, 47-49) are not in the checklist. Ask a lawyer.",
        ));
    }
    if result.gpai {
        result.notes.push(Bilingual::new(
            "Systemet bygger på en AI-model til almen brug: pligterne i art. 53-55 påhviler modellens udbyder.",
            "The system is built on a general-purpose AI model: the obligations of art. 53-55 fall on the model's provider.",
        ));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai_act::obligations::{Obligation, obligations_for};

    fn questionnaire() -> Questionnaire {
        let text = include_str!("../../../../seed-data/ai-act/questionnaire-v1.toml");
        let q: Questionnaire = toml::from_str(text).expect("the bundled questionnaire parses");
        q.check().expect("the bundled questionnaire is consistent");
        q
    }

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        pairs
            .iter()
            .map(|(q, a)| ((*q).to_owned(), a.iter().map(|s| (*s).to_owned()).collect()))
            .collect()
    }

    /// An AI system deployed by the municipality, nothing prohibited, no Annex I, no art. 50
    /// duty, no GPAI, with the Annex III answers given.
    fn deployed(annex_iii: &[&str], rest: &[(&str, &[&str])]) -> Answers {
        let mut a = answers(&[
            ("is_ai_system", &["yes"]),
            ("role", &["deployer"]),
            ("prohibited_practices", &["none"]),
            ("annex_i_safety_component", &["no"]),
            ("annex_iii_areas", annex_iii),
            ("transparency", &["none"]),
            ("gpai_model", &["no"]),
        ]);
        a.extend(answers(rest));
        a
    }

    fn classified(a: &Answers) -> TriageResult {
        let q = questionnaire();
        q.check_answers(a).expect("the answers are complete");
        classify(&q, a)
    }

    #[test]
    fn profiling_is_high_risk_even_when_an_exception_applies() {
        let a = deployed(
            &["public_benefits"],
            &[
                ("exceptions", &["preparatory_task"]),
                ("profiling", &["yes"]),
            ],
        );
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::High);
        assert!(!result.exception_applied);
        assert_eq!(result.reasons[0].option, "yes");
        assert_eq!(result.reasons[0].article.en, "Art. 6(3), last subparagraph");
        assert!(
            result
                .reasons
                .iter()
                .any(|r| r.article.en == "Annex III, point 5(a)")
        );
        let duties = obligations_for(&result);
        assert!(duties.contains(&Obligation::Fria), "{duties:?}");
        assert!(duties.contains(&Obligation::EuRegistration));
    }

    #[test]
    fn an_exception_without_profiling_is_not_high_risk_and_must_be_documented() {
        let a = deployed(
            &["public_benefits"],
            &[
                ("exceptions", &["preparatory_task"]),
                ("profiling", &["no"]),
            ],
        );
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::Minimal);
        assert!(result.exception_applied);
        assert!(
            result
                .reasons
                .iter()
                .any(|r| r.article.en == "Art. 6(3)(d)"),
            "{:?}",
            result.reasons
        );
        assert!(
            result.notes.iter().any(|n| n.en.contains("art. 6(4)")),
            "the documentation duty is stated: {:?}",
            result.notes
        );
        assert!(!obligations_for(&result).contains(&Obligation::Fria));
    }

    #[test]
    fn an_annex_iii_area_without_exception_is_high_risk() {
        let a = deployed(
            &["public_benefits"],
            &[("exceptions", &["none"]), ("profiling", &["no"])],
        );
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::High);
        assert_eq!(result.annex_iii_points, ["5(a)"]);
        assert_eq!(result.reasons[0].article.da, "Bilag III, punkt 5, litra a");
    }

    #[test]
    fn a_prohibited_practice_wins_over_everything() {
        let mut a = deployed(
            &["employment"],
            &[("exceptions", &["none"]), ("profiling", &["yes"])],
        );
        a.insert(
            "prohibited_practices".into(),
            vec!["emotion_recognition_work_education".into()],
        );
        a.insert("transparency".into(), vec!["interacts_with_people".into()]);
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::Prohibited);
        assert_eq!(result.reasons.len(), 1);
        assert_eq!(result.reasons[0].article.en, "Art. 5(1)(f)");
        assert!(obligations_for(&result).is_empty());
    }

    #[test]
    fn not_an_ai_system_needs_no_further_answers() {
        let a = answers(&[("is_ai_system", &["no"])]);
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::NotAiSystem);
        assert_eq!(result.reasons[0].article.en, "Art. 3(1)");
        assert!(obligations_for(&result).is_empty());
    }

    #[test]
    fn a_chatbot_has_transparency_duties_and_ai_literacy() {
        let mut a = deployed(&["none"], &[]);
        a.insert(
            "transparency".into(),
            vec!["interacts_with_people".into(), "generates_content".into()],
        );
        a.insert("gpai_model".into(), vec!["yes".into()]);
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::Limited);
        assert!(result.gpai);
        assert_eq!(
            obligations_for(&result),
            [Obligation::AiLiteracy, Obligation::TransparencyNotice]
        );
    }

    #[test]
    fn critical_infrastructure_needs_no_fria_or_registration() {
        let a = deployed(
            &["critical_infrastructure"],
            &[("exceptions", &["none"]), ("profiling", &["no"])],
        );
        let result = classified(&a);
        assert_eq!(result.class, AiActClass::High);
        let duties = obligations_for(&result);
        assert!(duties.contains(&Obligation::HumanOversight));
        assert!(
            !duties.contains(&Obligation::Fria),
            "art. 27(1) leaves out point 2"
        );
        assert!(
            !duties.contains(&Obligation::EuRegistration),
            "art. 49(3) leaves out point 2"
        );
    }

    #[test]
    fn answers_are_checked_with_field_paths() {
        let q = questionnaire();
        let mut a = deployed(&["public_benefits", "none"], &[]);
        a.insert("role".into(), vec!["deployer".into(), "provider".into()]);
        a.insert("gpai_model".into(), vec!["perhaps".into()]);
        a.insert("colour".into(), vec!["red".into()]);
        let errors = q.check_answers(&a).expect_err("invalid answers");
        let found: Vec<(&str, &str)> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("answers.annex_iii_areas", "exclusive_option"),
                ("answers.colour", "unknown_question"),
                ("answers.exceptions", "missing_answer"),
                ("answers.gpai_model[0]", "unknown_option"),
                ("answers.profiling", "missing_answer"),
                ("answers.role", "too_many_answers"),
            ]
        );
        // Questions that are not asked may not be answered.
        let a = answers(&[("is_ai_system", &["no"]), ("role", &["deployer"])]);
        let errors = q
            .check_answers(&a)
            .expect_err("an answer to a question not asked");
        assert_eq!(errors.0[0].field, "answers.role");
        assert_eq!(errors.0[0].code, "not_asked");
    }

    #[test]
    fn the_summary_names_the_class_and_the_articles() {
        let a = deployed(
            &["public_benefits"],
            &[("exceptions", &["none"]), ("profiling", &["yes"])],
        );
        let summary = classified(&a).summary_da();
        assert!(summary.contains("version 1: Høj risiko."), "{summary}");
        assert!(summary.contains("Bilag III, punkt 5, litra a"), "{summary}");
    }
}
