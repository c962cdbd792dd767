//! What the tests share: reference data to validate against and a valid use case.

use std::collections::HashMap;

use aikatalog_domain::validation::References;
use aikatalog_domain::{OrgCode, OrgKind, Slug};

pub struct Known {
    organisations: HashMap<&'static str, OrgKind>,
}

impl References for Known {
    fn has_category(&self, slug: &Slug) -> bool {
        ["intelligent-automation", "perception"].contains(&slug.as_str())
    }
    fn has_domain(&self, slug: &Slug) -> bool {
        slug.as_str() == "administration"
    }
    fn organisation_kind(&self, code: &OrgCode) -> Option<OrgKind> {
        self.organisations.get(code.as_str()).copied()
    }
    fn has_algorithm(&self, slug: &Slug) -> bool {
        slug.as_str() == "smartmail"
    }
}

pub fn known() -> Known {
    Known {
        organisations: HashMap::from([
            ("707", OrgKind::Municipality),
            ("1082", OrgKind::Region),
            ("openai", OrgKind::Vendor),
        ]),
    }
}

pub fn valid() -> serde_json::Value {
    serde_json::json!({
        "slug": "smartmail-norddjurs",
        "title": "Automatisk mailsortering",
        "summary": "Indgående mails fordeles automatisk til rette modtager.",
        "owner": "707",
        "domains": ["administration"],
        "primary_category": "intelligent-automation",
        "lifecycle": "in_operation",
        "algorithms": ["smartmail"],
        "vendors": ["openai"],
        "results": [{"metric": "Andel sorteret", "value": 86.18, "unit": "%"}]
    })
}
