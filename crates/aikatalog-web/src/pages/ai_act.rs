//! The AI Act on the pages: the conclusion of a use case's triage with its reasons and the
//! deployer's obligations checklist on the public page (`section`), the signed-in editors' page
//! (`/use-cases/{slug}/ai-forordningen`, `/en/use-cases/{slug}/ai-act`) with the questionnaire as
//! a form of one step per section that works without JavaScript (earlier answers ride along as
//! hidden fields; every POST goes through `CsrfForm`) and the obligations' statuses, and the
//! printable Annex VIII section C registration page (`…/registrering`, `…/registration`).
//! The changes go through the publishing service, as the API's do.

use std::sync::Arc;

use actix_web::{HttpResponse, web};
use aikatalog_domain::ai_act::obligations::{ObligationItem, ObligationUpdate};
use aikatalog_domain::ai_act::{
    Answers, Bilingual, Obligation, ObligationStatus, Question, Questionnaire, Registration,
    TriageResult, registration,
};
use aikatalog_domain::{AiActClass, EntryKind, FieldErrors, Organisation, UseCase};
use aikatalog_publishing::{self as publishing, BasedOn, Caller, PublishError};
use aikatalog_state::AppState;
use aikatalog_storage::Database;
use aikatalog_storage::models::ai_act as store;
use aikatalog_storage::models::entries;
use aikatalog_storage::models::reference_records::{self, RefKind};
use askama::Template;

use crate::account::csrf::{self, CsrfForm};
use crate::account::session::{SignedIn, Viewer};
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::site::{Layout, blocking, page, respond};
use crate::urls::Page;

/// The path words of the AI Act pages under a use case, Danish then English.
const AI_ACT: (&str, &str) = ("ai-forordningen", "ai-act");
const REGISTRATION: (&str, &str) = ("registrering", "registration");

/// The editors' AI Act page of a use case.
pub fn path(lang: Lang, slug: &str) -> String {
    format!(
        "{}/{}",
        Page::UseCase(slug.to_owned()).path(lang),
        lang.pick(AI_ACT.0, AI_ACT.1)
    )
}

/// The printable registration page of a use case.
pub fn registration_path(lang: Lang, slug: &str) -> String {
    format!(
        "{}/{}",
        path(lang, slug),
        lang.pick(REGISTRATION.0, REGISTRATION.1)
    )
}

/// Registers the pages in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    for lang in [Lang::Da, Lang::En] {
        // The use case's pattern (`…/use-cases/{key}`), not a path built from a slug, whose
        // braces would be escaped.
        let base = format!(
            "{}/{}",
            crate::urls::Patterns::of(lang).use_case,
            lang.pick(AI_ACT.0, AI_ACT.1)
        );
        cfg.route(&base, crate::get().to(show_form))
            .route(&base, web::post().to(submit_form))
            .route(
                &format!("{base}/{}", lang.pick("forpligtelser", "obligations")),
                web::post().to(submit_obligations),
            )
            .route(
                &format!("{base}/{}", lang.pick(REGISTRATION.0, REGISTRATION.1)),
                crate::get().to(show_registration),
            );
    }
}

fn pick(lang: Lang, text: &Bilingual) -> String {
    lang.pick(&text.da, &text.en).to_owned()
}

/// One reason, as the pages show it.
pub struct ReasonView {
    pub article: String,
    pub finding: String,
}

/// One obligation, as the pages show it.
pub struct ObligationView {
    pub key: &'static str,
    pub label: String,
    pub article: String,
    pub description: String,
    pub status: &'static str,
    pub status_key: &'static str,
    pub note: String,
}

/// A triage's conclusion, for the public page and the editors' page.
pub struct Conclusion {
    pub class: &'static str,
    pub high: bool,
    pub reasons: Vec<ReasonView>,
    pub notes: Vec<String>,
    pub obligations: Vec<ObligationView>,
    pub version: u32,
    pub outdated: bool,
    pub registration_href: String,
}

fn obligation_view(item: &ObligationItem, lang: Lang) -> ObligationView {
    ObligationView {
        key: item.obligation.as_str(),
        label: pick(lang, &item.label),
        article: pick(lang, &item.article),
        description: pick(lang, &item.description),
        status: lang.pick(item.status.label_da(), item.status.label_en()),
        status_key: item.status.as_str(),
        note: item.note.clone().unwrap_or_default(),
    }
}

fn conclusion(
    slug: &str,
    result: &TriageResult,
    obligations: &[ObligationItem],
    current: u32,
    lang: Lang,
) -> Conclusion {
    Conclusion {
        class: result.class.label(lang),
        high: result.class == AiActClass::High,
        reasons: result
            .reasons
            .iter()
            .map(|r| ReasonView {
                article: pick(lang, &r.article),
                finding: pick(lang, &r.finding),
            })
            .collect(),
        notes: result.notes.iter().map(|n| pick(lang, n)).collect(),
        obligations: obligations
            .iter()
            .map(|o| obligation_view(o, lang))
            .collect(),
        version: result.questionnaire_version,
        outdated: result.questionnaire_version < current,
        registration_href: registration_path(lang, slug),
    }
}

/// The conclusion the public page shows: only once the class the triage reached is published.
pub fn public_conclusion(
    db: &Database,
    slug: &str,
    current: u32,
    lang: Lang,
) -> Result<Option<Conclusion>, WebError> {
    db.read_with(|conn| {
        let Some(row) = entries::find(conn, EntryKind::UseCase, slug)? else {
            return Ok::<_, WebError>(None);
        };
        let Some(triage) = store::find_triage(conn, &row.id)? else {
            return Ok(None);
        };
        if !store::public_may_see(&row, &triage)? {
            return Ok(None);
        }
        let obligations = store::checklist(conn, &row.id, &triage.result)?;
        Ok(Some(conclusion(
            slug,
            &triage.result,
            &obligations,
            current,
            lang,
        )))
    })
}

fn caller(viewer: &Viewer) -> Caller {
    Caller {
        subject: viewer.subject.clone(),
        role: viewer.role,
        org: viewer.org.clone(),
    }
}

/// A refusal of the publishing service as a page: what the viewer may not see or change is
/// "not found", as on the public side.
fn refused(e: PublishError) -> WebError {
    match e {
        PublishError::Storage(e) => WebError::Storage(e),
        _ => WebError::NotFound,
    }
}

/// One answer option in the form.
pub struct OptionView {
    pub key: String,
    pub label: String,
    pub checked: bool,
}

/// One question in the form.
pub struct QuestionView {
    pub key: String,
    pub text: String,
    pub article: String,
    pub help: String,
    pub needs_lawyer: bool,
    pub multiple: bool,
    pub options: Vec<OptionView>,
    pub error: String,
}

#[derive(Template)]
#[template(path = "ai_act/form.html")]
struct FormPage {
    l: Layout,
    title: String,
    entry_href: String,
    action: String,
    obligations_action: String,
    csrf_field: &'static str,
    csrf: String,
    revision: i64,
    /// The section shown (its index in the questionnaire), sent back with the answers.
    step: usize,
    /// Its place among the sections asked, counting from 1, and how many there are.
    step_number: usize,
    steps: usize,
    section_title: String,
    notes: String,
    questions: Vec<QuestionView>,
    /// Earlier and later answers, carried as hidden fields.
    carried: Vec<(String, String)>,
    current: Option<Conclusion>,
    /// Why the obligations' statuses were not saved, if they were not.
    obligations_error: String,
    /// Why the triage was not saved, when no single question is to blame.
    form_error: String,
    last: bool,
}

#[derive(Template)]
#[template(path = "ai_act/result.html")]
struct ResultPage {
    l: Layout,
    title: String,
    entry_href: String,
    form_href: String,
    conclusion: Conclusion,
    workflow: String,
}

fn layout(lang: Lang, slug: &str, title: String, here: impl Fn(Lang) -> String) -> Layout {
    let mut l = Layout::new(lang, &Page::UseCase(slug.to_owned()), "", title);
    l.href_da = here(Lang::Da);
    l.href_en = here(Lang::En);
    l
}

/// Whether `question` is asked, or may be once the questions it depends on are answered.
fn may_be_asked(q: &Questionnaire, question: &Question, answers: &Answers) -> bool {
    match &question.asked_if {
        None => true,
        Some(condition) if !answers.contains_key(&condition.question) => q
            .question(&condition.question)
            .is_some_and(|before| may_be_asked(q, before, answers)),
        Some(_) => q.is_asked(question, answers),
    }
}

/// The steps of the form: the sections that ask something, or may once earlier questions are
/// answered, given the answers so far.
fn asked_sections(q: &Questionnaire, answers: &Answers) -> Vec<usize> {
    q.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.questions.iter().any(|x| may_be_asked(q, x, answers)))
        .map(|(i, _)| i)
        .collect()
}

/// The answers in a submitted form: `a.<question>` fields, repeated for several options.
fn answers_of(form: &CsrfForm) -> Answers {
    let mut answers = Answers::new();
    for (name, value) in &form.fields {
        if let Some(question) = name.strip_prefix("a.") {
            answers
                .entry(question.to_owned())
                .or_default()
                .push(value.clone());
        }
    }
    answers
}

struct FormInput<'a> {
    q: &'a Questionnaire,
    viewer: &'a Viewer,
    slug: &'a str,
    title: &'a str,
    revision: i64,
    answers: &'a Answers,
    step: usize,
    errors: &'a FieldErrors,
    current: Option<Conclusion>,
}

fn form_page(lang: Lang, input: FormInput<'_>) -> FormPage {
    let FormInput {
        q,
        viewer,
        slug,
        title,
        revision,
        answers,
        step,
        errors,
        current,
    } = input;
    let asked = asked_sections(q, answers);
    let position = asked.iter().position(|s| *s == step).unwrap_or(0);
    let section = &q.sections[asked.get(position).copied().unwrap_or(0)];
    let mine: Vec<&str> = section.questions.iter().map(|x| x.key.as_str()).collect();
    let questions = section
        .questions
        .iter()
        .filter(|x| may_be_asked(q, x, answers))
        .map(|x| {
            let chosen = answers.get(&x.key);
            QuestionView {
                key: x.key.clone(),
                text: pick(lang, &x.text),
                article: pick(lang, &x.article),
                help: pick(lang, &x.help),
                needs_lawyer: x.needs_lawyer,
                multiple: x.multiple,
                options: x
                    .options
                    .iter()
                    .map(|o| OptionView {
                        key: o.key.clone(),
                        label: pick(lang, &o.label),
                        checked: chosen.is_some_and(|c| c.contains(&o.key)),
                    })
                    .collect(),
                error: errors
                    .0
                    .iter()
                    .filter(|e| {
                        e.field == format!("answers.{}", x.key)
                            || e.field.starts_with(&format!("answers.{}[", x.key))
                    })
                    .map(|e| error_text(lang, &e.code))
                    .next()
                    .unwrap_or_default(),
            }
        })
        .collect();
    let carried = answers
        .iter()
        .filter(|(k, _)| !mine.contains(&k.as_str()))
        .flat_map(|(k, vs)| vs.iter().map(move |v| (format!("a.{k}"), v.clone())))
        .collect();
    let here = |l: Lang| path(l, slug);
    FormPage {
        l: layout(
            lang,
            slug,
            format!("{} – {}", lang.pick("AI-forordningen", "The AI Act"), title),
            here,
        ),
        title: title.to_owned(),
        entry_href: Page::UseCase(slug.to_owned()).path(lang),
        action: path(lang, slug),
        obligations_action: format!(
            "{}/{}",
            path(lang, slug),
            lang.pick("forpligtelser", "obligations")
        ),
        csrf_field: csrf::FIELD,
        csrf: viewer.csrf_token.clone(),
        revision,
        step: asked.get(position).copied().unwrap_or(0),
        step_number: position + 1,
        steps: asked.len(),
        section_title: pick(lang, &section.title),
        notes: if position == 0 {
            pick(lang, &q.notes)
        } else {
            String::new()
        },
        questions,
        carried,
        current,
        obligations_error: String::new(),
        form_error: String::new(),
        last: position + 1 >= asked.len(),
    }
}

fn error_text(lang: Lang, code: &str) -> String {
    match code {
        "missing_answer" => lang.pick("Besvar spørgsmålet.", "Answer the question."),
        "too_many_answers" => lang.pick("Vælg ét svar.", "Choose one answer."),
        "exclusive_option" => lang.pick(
            "\"Ingen af disse\" kan ikke kombineres med andre svar.",
            "\"None of these\" cannot be combined with other answers.",
        ),
        _ => lang.pick(
            "Svaret er ikke et af mulighederne.",
            "The answer is not one of the options.",
        ),
    }
    .to_owned()
}

struct Opened {
    slug: String,
    title: String,
    revision: i64,
    current: Option<Conclusion>,
}

/// The use case the viewer may change, with its current triage.
fn open(
    db: &Database,
    viewer: &Viewer,
    key: &str,
    current: u32,
    lang: Lang,
) -> Result<Opened, WebError> {
    let saved =
        publishing::open_for_change::<UseCase>(db, &caller(viewer), key).map_err(refused)?;
    let slug = saved.row.slug.clone();
    let conclusion = db.read_with(|conn| {
        let Some(triage) = store::find_triage(conn, &saved.row.id)? else {
            return Ok::<_, WebError>(None);
        };
        let obligations = store::checklist(conn, &saved.row.id, &triage.result)?;
        Ok(Some(conclusion(
            &slug,
            &triage.result,
            &obligations,
            current,
            lang,
        )))
    })?;
    Ok(Opened {
        title: saved.doc.title.clone(),
        revision: saved.row.revision,
        slug,
        current: conclusion,
    })
}

/// `GET …/ai-forordningen`: the first step, and the current triage with its obligations.
pub async fn show_form(
    lang: Lang,
    state: web::Data<AppState>,
    SignedIn(viewer): SignedIn,
    key: web::Path<String>,
) -> HttpResponse {
    respond(
        lang,
        render_form(lang, state, viewer, key.into_inner(), None).await,
    )
}

/// The editors' page; with `obligations_error`, answered 422 saying why the statuses were not
/// saved.
async fn render_form(
    lang: Lang,
    state: web::Data<AppState>,
    viewer: Arc<Viewer>,
    key: String,
    obligations_error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let q = state.ai_act.clone();
    let (db, v) = (state.db.clone(), viewer.clone());
    let version = q.version;
    let opened = blocking(move || open(&db, &v, &key, version, lang)).await?;
    let answers = Answers::new();
    let template = form_page(
        lang,
        FormInput {
            q: &q,
            viewer: &viewer,
            slug: &opened.slug,
            title: &opened.title,
            revision: opened.revision,
            answers: &answers,
            step: 0,
            errors: &FieldErrors::default(),
            current: opened.current,
        },
    );
    match obligations_error {
        None => page(lang, &template),
        Some(error) => {
            let template = FormPage {
                obligations_error: error,
                ..template
            };
            let mut response = page(lang, &template)?;
            *response.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
    }
}

/// `POST …/ai-forordningen`: checks the step's answers; the next step, or at the last one the
/// triage stored through the publishing service and its conclusion.
pub async fn submit_form(
    lang: Lang,
    state: web::Data<AppState>,
    SignedIn(viewer): SignedIn,
    key: web::Path<String>,
    form: CsrfForm,
) -> HttpResponse {
    respond(
        lang,
        handle_form(lang, state, viewer, key.into_inner(), form).await,
    )
}

async fn handle_form(
    lang: Lang,
    state: web::Data<AppState>,
    viewer: Arc<Viewer>,
    key: String,
    form: CsrfForm,
) -> Result<HttpResponse, WebError> {
    let q = state.ai_act.clone();
    let answers = answers_of(&form);
    let step: usize = form.get("step").and_then(|s| s.parse().ok()).unwrap_or(0);
    let revision: i64 = form
        .get("revision")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let back = form.get("go") == Some("back");
    let (db, v, k) = (state.db.clone(), viewer.clone(), key.clone());
    let version = q.version;
    let opened = blocking(move || open(&db, &v, &k, version, lang)).await?;
    let asked = asked_sections(&q, &answers);
    let position = asked.iter().position(|s| *s == step).unwrap_or(0);
    let render = |step: usize, errors: &FieldErrors, current: Option<Conclusion>| {
        form_page(
            lang,
            FormInput {
                q: &q,
                viewer: &viewer,
                slug: &opened.slug,
                title: &opened.title,
                revision,
                answers: &answers,
                step,
                errors,
                current,
            },
        )
    };
    if back {
        let previous = asked.get(position.saturating_sub(1)).copied().unwrap_or(0);
        return page(lang, &render(previous, &FieldErrors::default(), None));
    }
    // Only this step's and earlier steps' questions must be answered by now.
    let done: Vec<&str> = asked[..=position.min(asked.len().saturating_sub(1))]
        .iter()
        .flat_map(|s| q.sections[*s].questions.iter().map(|x| x.key.as_str()))
        .collect();
    let errors = match q.check_answers(&answers) {
        Ok(()) => FieldErrors::default(),
        Err(all) => FieldErrors(
            all.0
                .into_iter()
                .filter(|e| {
                    done.iter().any(|k| {
                        e.field == format!("answers.{k}")
                            || e.field.starts_with(&format!("answers.{k}["))
                    })
                })
                .collect(),
        ),
    };
    if !errors.is_empty() {
        return page(lang, &render(step, &errors, None));
    }
    if position + 1 < asked.len() {
        return page(lang, &render(asked[position + 1], &errors, None));
    }
    // Answers to questions an earlier change of mind took out of the questionnaire (carried
    // from a step gone back over) are dropped, not refused.
    let mut kept = answers.clone();
    kept.retain(|k, _| q.question(k).is_some_and(|x| q.is_asked(x, &answers)));
    let (db, v, slug, q2, a2) = (
        state.db.clone(),
        viewer.clone(),
        opened.slug.clone(),
        q.clone(),
        kept,
    );
    let outcome = blocking(move || {
        match publishing::triage(
            &db,
            &caller(&v),
            &slug,
            Some(&BasedOn::Revision(revision)),
            &q2,
            &a2,
        ) {
            Ok(done) => Ok(Ok(done)),
            Err(PublishError::Invalid(errors)) => Ok(Err(errors)),
            Err(PublishError::Stale { .. }) => {
                Ok(Err(FieldErrors(vec![aikatalog_domain::FieldError::new(
                    "",
                    "stale",
                    "the entry changed",
                )])))
            }
            Err(e) => Err(refused(e)),
        }
    })
    .await?;
    let done = match outcome {
        Ok(done) => done,
        Err(errors) => {
            let form_error = if errors.0.iter().any(|e| e.code == "stale") {
                lang.pick(
                    "Anvendelsen er blevet ændret, siden du begyndte, så vurderingen er ikke gemt. Åbn siden igen, og besvar spørgsmålene på ny.",
                    "The use case has changed since you began, so the triage is not saved. Open the page again and answer the questions anew.",
                )
            } else {
                lang.pick(
                    "Vurderingen er ikke gemt: ret svarene nedenfor.",
                    "The triage is not saved: correct the answers below.",
                )
            };
            let template = FormPage {
                form_error: form_error.to_owned(),
                ..render(step, &errors, None)
            };
            let mut response = page(lang, &template)?;
            *response.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(response);
        }
    };
    let workflow = if !done.revision_created {
        lang.pick(
            "Klassen og begrundelsen er uændrede, så entry'et har ingen ny revision.",
            "The class and reasons are unchanged, so the entry has no new revision.",
        )
    } else if done.row.published_document.is_some() {
        lang.pick(
            "Klassen er gemt som en ændring, der venter: offentligheden ser den, når en kurator har udgivet den.",
            "The class is stored as a pending change: the public sees it once a curator publishes it.",
        )
    } else {
        lang.pick(
            "Klassen er gemt i kladden: indsend den, så en kurator kan udgive den.",
            "The class is stored in the draft: submit it so that a curator can publish it.",
        )
    };
    let slug = opened.slug.clone();
    let template = ResultPage {
        l: layout(
            lang,
            &slug,
            format!(
                "{} – {}",
                lang.pick("AI-forordningen", "The AI Act"),
                opened.title
            ),
            |l| path(l, &slug),
        ),
        title: opened.title.clone(),
        entry_href: Page::UseCase(slug.clone()).path(lang),
        form_href: path(lang, &slug),
        conclusion: conclusion(
            &slug,
            &done.triage.result,
            &done.obligations,
            q.version,
            lang,
        ),
        workflow: workflow.to_owned(),
    };
    page(lang, &template)
}

/// `POST …/ai-forordningen/forpligtelser`: the statuses of the obligations, then back to the
/// editors' page.
pub async fn submit_obligations(
    lang: Lang,
    state: web::Data<AppState>,
    SignedIn(viewer): SignedIn,
    key: web::Path<String>,
    form: CsrfForm,
) -> HttpResponse {
    let key = key.into_inner();
    let mut items = Vec::new();
    for obligation in Obligation::ALL {
        let status = form
            .get(&format!("status.{}", obligation.as_str()))
            .and_then(ObligationStatus::parse);
        if let Some(status) = status {
            let note = form
                .get(&format!("note.{}", obligation.as_str()))
                .map(str::to_owned)
                .filter(|n| !n.trim().is_empty());
            items.push(ObligationUpdate {
                obligation: *obligation,
                status,
                note,
            });
        }
    }
    let (db, v, k) = (state.db.clone(), viewer.clone(), key.clone());
    let outcome =
        blocking(
            move || match publishing::set_obligations(&db, &caller(&v), &k, &items) {
                Ok(_) => Ok(false),
                Err(PublishError::Invalid(_)) => Ok(true),
                Err(e) => Err(refused(e)),
            },
        )
        .await;
    match outcome {
        Ok(false) => HttpResponse::SeeOther()
            .insert_header((actix_web::http::header::LOCATION, path(lang, &key)))
            .finish(),
        Ok(true) => {
            // The obligations and statuses come from the form's own choices, so what is
            // refused is a note: too long, or with characters that cannot be stored.
            let error = lang.pick(
                "Status blev ikke gemt: en note er for lang (højst 1.000 tegn) eller indeholder tegn, der ikke kan gemmes.",
                "The status was not saved: a note is too long (at most 1,000 characters) or holds characters that cannot be stored.",
            );
            respond(
                lang,
                render_form(lang, state, viewer, key, Some(error.to_owned())).await,
            )
        }
        Err(e) => respond(lang, Err(e)),
    }
}

#[derive(Template)]
#[template(path = "ai_act/registration.html")]
struct RegistrationPage {
    l: Layout,
    title: String,
    entry_href: String,
    registration: Option<Registration>,
    missing: Vec<String>,
}

/// `GET …/registrering`: the Annex VIII section C information, printable, or what is missing.
/// The public reads the published entry; its editors the newest revision.
pub async fn show_registration(
    lang: Lang,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> HttpResponse {
    let viewer = crate::account::session::current_frame().viewer;
    respond(
        lang,
        render_registration(lang, state, viewer, key.into_inner()).await,
    )
}

async fn render_registration(
    lang: Lang,
    state: web::Data<AppState>,
    viewer: Option<Arc<Viewer>>,
    key: String,
) -> Result<HttpResponse, WebError> {
    let db = state.db.clone();
    let (doc, owner) = blocking(move || {
        db.read_with(|conn| {
            let row = entries::find(conn, EntryKind::UseCase, &key)?.ok_or(WebError::NotFound)?;
            let privileged = viewer.as_ref().is_some_and(|v| v.may_edit(&row.owner_code));
            let doc: UseCase = if privileged {
                row.current_document()?
            } else {
                row.public_document()?.ok_or(WebError::NotFound)?
            };
            let owner = reference_records::current(conn, RefKind::Organisation, &row.owner_code)?
                .ok_or(WebError::NotFound)?;
            let owner: Organisation =
                serde_json::from_str(&owner.document).map_err(|_| WebError::NotFound)?;
            Ok::<_, WebError>((doc, owner))
        })
    })
    .await?;
    let slug = doc.slug.to_string();
    let (registration, missing) = match registration(&doc, &owner) {
        Ok(r) => (Some(r), Vec::new()),
        Err(errors) => (
            None,
            errors
                .0
                .into_iter()
                .map(|e| match lang {
                    Lang::Da => e.message_da.unwrap_or(e.message),
                    Lang::En => e.message,
                })
                .collect(),
        ),
    };
    let template = RegistrationPage {
        l: layout(
            lang,
            &slug,
            format!(
                "{} – {}",
                lang.pick(
                    "Registrering i EU-databasen",
                    "Registration in the EU database"
                ),
                doc.title
            ),
            |l| registration_path(l, &slug),
        ),
        title: doc.title.clone(),
        entry_href: Page::UseCase(slug.clone()).path(lang),
        registration,
        missing,
    };
    page(lang, &template)
}
