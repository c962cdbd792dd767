//! The 2025 data dictionary (OMB, `Validation/data_dictionary.json`): the columns in their order,
//! and each multiple-choice column's valid values as the consolidated file writes them (the
//! dictionary's shorthand codes). A value outside its column's list is reported with row and
//! column, marks the entry for review, and is kept verbatim.

use super::Mapping;

/// The individually reported use cases' columns, in the dictionary's order; export writes them
/// so.
pub const COLUMNS: [&str; 36] = [
    "agency",
    "agency_name",
    "id",
    "use_case_name",
    "agency_bureau",
    "contact_email",
    "is_withheld",
    "development_stage",
    "is_high_impact",
    "HI_justification",
    "topic_area",
    "classification",
    "problem_solved",
    "benefits",
    "system_outputs",
    "operational_date",
    "contracting_usage",
    "vendor_name",
    "have_ato",
    "system_name_ato",
    "data_description",
    "link_to_data",
    "has_pii",
    "pia_url",
    "demographic_features",
    "has_custom_code",
    "code_url",
    "hi_testing_conducted",
    "hi_assessment_completed",
    "hi_potential_impacts",
    "hi_independent_review",
    "hi_ongoing_monitoring",
    "hi_training_established",
    "hi_failsafe_presence",
    "hi_appeal_process",
    "hi_public_consultation",
];

const WAIVED: &str = "CAIO Waived";

/// Multiple-choice columns and their valid values. (`development_stage`,
/// `contracting_usage` and `has_pii` are checked where they are mapped, against the same
/// lists.)
pub const CHOICES: &[(&str, &[&str])] = &[
    (
        "is_withheld",
        &[
            "No",
            "Yes - Disclosure Risk",
            "Yes - Prohibited by Law",
            "Other",
        ],
    ),
    (
        "is_high_impact",
        &[
            "High-impact",
            "Presumed High-Impact, but Not High-impact",
            "Not High-impact",
        ],
    ),
    (
        "topic_area",
        &[
            "Admin Functions",
            "Cybersecurity",
            "Emergency Mgmt",
            "Energy and Environment",
            "Benefits Processing",
            "Health and Medical",
            "HR",
            "IT",
            "International Affairs",
            "Law Enforcement",
            "Other",
            "Procurement and Finance Mgmt",
            "Science",
            "Service Delivery",
            "Transportation",
        ],
    ),
    (
        "classification",
        &[
            "Agentic AI",
            "Classical ML",
            "Computer Vision",
            "Generative AI",
            "NLP",
            "Reinforcement Learning",
        ],
    ),
    ("have_ato", &["No", "Yes"]),
    ("has_custom_code", &["No", "Yes"]),
    ("hi_testing_conducted", &["Yes", "In-progress", WAIVED]),
    ("hi_assessment_completed", &["Yes", "In-progress", WAIVED]),
    (
        "hi_independent_review",
        &[
            "Internal Independent Review",
            "Oversight Board Review",
            "CAIO Review",
            "In-progress",
            WAIVED,
        ],
    ),
    (
        "hi_ongoing_monitoring",
        &["Yes - Monitoring Established", "In-progress", WAIVED],
    ),
    (
        "hi_training_established",
        &["Training Established", "Training In-progress", WAIVED],
    ),
    (
        "hi_failsafe_presence",
        &["Yes", "Not Applicable", "In-progress", WAIVED],
    ),
    (
        "hi_appeal_process",
        &[
            "Appeal Process Established",
            "Not Applicable",
            "Appeal Process In-progress",
            "Appeal Precluded by Law",
            WAIVED,
        ],
    ),
];

/// Reports every non-blank value of a multiple-choice column outside the dictionary's list.
pub fn check(m: &mut Mapping<'_>) {
    for (column, valid) in CHOICES {
        let value = m
            .record
            .fields
            .get(*column)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_owned();
        if !value.is_empty() && !valid.contains(&value.as_str()) {
            m.unmapped(
                column,
                "unknown_value",
                format!(
                    "`{value}` is not one of the 2025 dictionary's values ({}); kept as written",
                    valid.join(", ")
                ),
            );
        }
    }
}
