//! The AI Act triage questionnaire beside the seed data (`seed-data/ai-act/questionnaire-vN.toml`),
//! read and checked at start: the file is read with the function every seed file goes through
//! (so a mistake gets its file, line, field path and code), then checked as a whole
//! (`Questionnaire::check`: unique keys, conditions that point at earlier questions, …). The
//! file name's version must be the one the file states. The importer does not import it.

use std::path::Path;

use aikatalog_domain::ai_act::Questionnaire;
use include_dir::{Dir, include_dir};

use crate::problem::{Problem, Problems};
use crate::toml_file::SourceFile;

static AI_ACT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../seed-data/ai-act");

/// Reads and checks one questionnaire file's text; `path` names it in problems.
pub fn read_questionnaire(path: &Path, text: &str) -> Result<Questionnaire, Problems> {
    let file = SourceFile::parse(path, text).map_err(|p| Problems(vec![p]))?;
    let reading = file.read::<Questionnaire>();
    let mut problems: Vec<Problem> = reading
        .errors
        .0
        .into_iter()
        .map(|e| file.problem(e))
        .collect();
    let Some(questionnaire) = reading.value.filter(|_| problems.is_empty()) else {
        return Err(Problems(problems));
    };
    if let Err(errors) = questionnaire.check() {
        problems.extend(errors.0.into_iter().map(|e| file.problem(e)));
    }
    let named = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("questionnaire-v"))
        .and_then(|v| v.parse::<u32>().ok());
    if named != Some(questionnaire.version) {
        problems.push(
            Problem::new(
                path,
                "version_mismatch",
                format!(
                    "the file states version {}; name it questionnaire-v{}.toml",
                    questionnaire.version, questionnaire.version
                ),
            )
            .at("version", file.line_of_field("version")),
        );
    }
    if problems.is_empty() {
        Ok(questionnaire)
    } else {
        Err(Problems(problems))
    }
}

/// The newest questionnaire bundled into the binary, checked.
pub fn bundled_questionnaire() -> Result<Questionnaire, Problems> {
    let newest = AI_ACT
        .files()
        .filter(|f| f.path().extension().and_then(|e| e.to_str()) == Some("toml"))
        .max_by_key(|f| {
            f.path()
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix("questionnaire-v"))
                .and_then(|v| v.parse::<u32>().ok())
        });
    let path = Path::new("seed-data/ai-act");
    let Some(file) = newest else {
        return Err(Problems(vec![Problem::new(
            path,
            "missing_file",
            "no questionnaire-vN.toml is bundled",
        )]));
    };
    let path = path.join(file.path());
    let text = file
        .contents_utf8()
        .ok_or_else(|| Problems(vec![Problem::new(&path, "unreadable", "not UTF-8 text")]))?;
    read_questionnaire(&path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_questionnaire_is_valid() {
        let q = bundled_questionnaire().expect("valid");
        assert_eq!(q.version, 1);
        assert!(q.question("annex_iii_areas").is_some());
    }

    #[test]
    fn a_bad_file_is_reported_with_file_line_and_field() {
        let text = include_str!("../../../seed-data/ai-act/questionnaire-v1.toml");
        let path = Path::new("seed-data/ai-act/questionnaire-v1.toml");
        let broken = text.replacen(
            "key = \"role\"\narticle",
            "key = \"is_ai_system\"\narticle",
            1,
        );
        let line = broken
            .lines()
            .position(|l| l.contains("article = { da = \"Art. 3, nr. 3 og 4"))
            .expect("the role question");
        let problems = read_questionnaire(path, &broken).expect_err("a duplicate key");
        let p = &problems.0[0];
        assert_eq!(p.code, "duplicate");
        assert_eq!(p.field, "sections[1].questions[0].key");
        assert_eq!(p.line, Some(line), "{problems}");
        assert!(problems.to_string().contains("questionnaire-v1.toml:"));

        let typo = text.replacen("multiple = true", "multiple = \"yes\"", 1);
        let problems = read_questionnaire(path, &typo).expect_err("a wrong type");
        assert_eq!(problems.0[0].code, "invalid_type");
        assert!(problems.0[0].line.is_some());

        let problems =
            read_questionnaire(Path::new("questionnaire-v2.toml"), text).expect_err("misnamed");
        assert_eq!(problems.0[0].code, "version_mismatch");
    }
}
