//! Who made a change, as revisions record it (`role:subject@org`, `import`, `migration`), in
//! words a curator reads.

use crate::catalogue::Catalogue;
use crate::lang::Lang;

/// `editor:anne@707` → "Anne (redaktør, Norddjurs Kommune)"; anything else as it is.
pub fn readable(actor: &str, cat: &Catalogue, lang: Lang) -> String {
    let Some((role, rest)) = actor.split_once(':') else {
        return match actor {
            "import" => lang
                .pick("indlæst fra kildedata", "imported from the source data")
                .into(),
            other => other.to_owned(),
        };
    };
    let (subject, org) = match rest.rsplit_once('@') {
        Some((subject, org)) => (subject, Some(org)),
        None => (rest, None),
    };
    let role = match role {
        "editor" => lang.pick("redaktør", "editor"),
        "curator" => lang.pick("kurator", "curator"),
        other => other,
    };
    match org {
        Some(code) => {
            let org = cat.organisation(code).map_or(code, |o| o.name.as_str());
            format!("{subject} ({role}, {org})")
        }
        None => format!("{subject} ({role})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_read_as_who_in_which_role() {
        let cat = Catalogue::default();
        assert_eq!(
            readable("editor:anne@707", &cat, Lang::Da),
            "anne (redaktør, 707)"
        );
        assert_eq!(readable("curator:kim", &cat, Lang::En), "kim (curator)");
        assert_eq!(readable("migration", &cat, Lang::En), "migration");
    }
}
