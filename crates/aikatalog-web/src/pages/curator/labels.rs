//! Readable names of a document's fields for the review diff, in Danish and English. Fields are
//! named by their last path segment (`contact.email` reads as "Kontakt › E-mail"); the table's
//! order is the order a reader meets the fields in, and the diff lists changes in it. A field
//! missing here (a new one) is shown by its name with spaces, so a new field needs no code to
//! appear in a review.

use crate::lang::Lang;

/// Field name, Danish label, English label; top-level fields first, in reading order.
const LABELS: &[(&str, &str, &str)] = &[
    ("title", "Titel", "Title"),
    ("name", "Navn", "Name"),
    ("slug", "Adresse (slug)", "Address (slug)"),
    ("summary", "Resumé", "Summary"),
    ("purpose", "Formål", "Purpose"),
    ("description", "Beskrivelse", "Description"),
    ("owner", "Ejer", "Owner"),
    ("department", "Afdeling", "Department"),
    ("partners", "Partnere", "Partners"),
    ("domains", "Fagområder", "Domains"),
    ("primary_category", "Primær kategori", "Primary category"),
    (
        "secondary_categories",
        "Øvrige kategorier",
        "Other categories",
    ),
    ("lifecycle", "Fase", "Stage"),
    ("started", "Startet", "Started"),
    ("ended", "Afsluttet", "Ended"),
    ("review_on", "Gennemgås", "Review on"),
    ("needs_profile", "Behovsprofil", "Needs profile"),
    ("technologies", "Teknologier", "Technologies"),
    ("technique", "Teknik", "Technique"),
    ("model_type", "Modeltype", "Model type"),
    ("learning_type", "Læringstype", "Learning type"),
    ("vendors", "Leverandører", "Vendors"),
    ("vendor", "Leverandør", "Vendor"),
    ("sourcing", "Udvikling", "Sourcing"),
    ("cost", "Økonomi", "Cost"),
    ("how_it_works", "Sådan virker det", "How it works"),
    ("inputs", "Input", "Inputs"),
    ("outputs", "Output", "Outputs"),
    ("data", "Data", "Data"),
    ("training_data", "Træningsdata", "Training data"),
    ("operational_data", "Driftsdata", "Operational data"),
    ("legal", "Jura", "Legal"),
    ("assessments", "Konsekvensanalyser", "Impact assessments"),
    ("ai_act", "AI-forordningen", "EU AI Act"),
    ("oversight", "Menneskeligt tilsyn", "Human oversight"),
    ("human_oversight", "Menneskeligt tilsyn", "Human oversight"),
    ("performance", "Ydeevne", "Performance"),
    (
        "performance_note",
        "Ydeevne, bemærkning",
        "Performance note",
    ),
    ("risks", "Risici", "Risks"),
    ("results", "Resultater", "Results"),
    ("results_summary", "Resultater i ord", "Results in words"),
    ("challenges", "Udfordringer", "Challenges"),
    (
        "challenges_note",
        "Udfordringer, bemærkning",
        "Challenges note",
    ),
    ("algorithms", "Algoritmer", "Algorithms"),
    ("maintenance", "Vedligehold", "Maintenance"),
    ("versions", "Versioner", "Versions"),
    ("licence", "Licens", "Licence"),
    ("source_code_url", "Kildekode", "Source code"),
    ("contact", "Kontakt", "Contact"),
    ("links", "Links", "Links"),
    ("provenance", "Kilde til oplysningerne", "Provenance"),
    // Reference records: organisations, categories, domains.
    ("code", "Kode", "Code"),
    ("number", "Nummer", "Number"),
    ("name_da", "Navn på dansk", "Name in Danish"),
    ("name_en", "Navn på engelsk", "Name in English"),
    ("short_name", "Kort navn", "Short name"),
    ("region", "Region", "Region"),
    ("website", "Websted", "Website"),
    ("ai_contact", "Kontakt om AI", "Contact about AI"),
    ("postal_address", "Postadresse", "Postal address"),
    ("country", "Land", "Country"),
    ("identifiers", "Registernumre", "Register numbers"),
    (
        "definition_da",
        "Definition på dansk",
        "Definition in Danish",
    ),
    (
        "definition_en",
        "Definition på engelsk",
        "Definition in English",
    ),
    ("techniques", "Teknikker", "Techniques"),
    (
        "municipal_examples",
        "Kommunale eksempler",
        "Municipal examples",
    ),
    ("prerequisites", "Forudsætter", "Prerequisites"),
    (
        "business_note",
        "Forretningsmæssig bemærkning",
        "Business note",
    ),
    ("profile", "Behovsprofil", "Needs profile"),
    // Fields inside the sections.
    ("role", "Rolle", "Role"),
    ("email", "E-mail", "Email"),
    ("phone", "Telefon", "Phone"),
    ("metric", "Mål", "Metric"),
    ("value", "Værdi", "Value"),
    ("value_max", "Højeste værdi", "Highest value"),
    ("unit", "Enhed", "Unit"),
    ("period", "Periode", "Period"),
    ("note", "Bemærkning", "Note"),
    ("url", "Adresse", "Address"),
    ("label", "Tekst", "Label"),
    ("kind", "Type", "Kind"),
    ("status", "Status", "Status"),
    ("date", "Dato", "Date"),
    ("model", "Model", "Model"),
    ("integration", "Integrationer", "Integrations"),
    ("infrastructure", "Infrastruktur", "Infrastructure"),
    ("basis", "Retsgrundlag", "Legal basis"),
    ("class", "Risikoklasse", "Risk class"),
    ("justification", "Begrundelse", "Justification"),
    ("sources", "Datakilder", "Data sources"),
    ("purposes", "Bruges til", "Used for"),
    ("personal_data", "Personoplysninger", "Personal data"),
    ("sensitive_data", "Følsomme oplysninger", "Sensitive data"),
    ("amount", "Beløb", "Amount"),
    ("currency", "Valuta", "Currency"),
    ("year", "År", "Year"),
    ("one_off", "Engangsudgift", "One-off cost"),
    ("yearly", "Årlig udgift", "Yearly cost"),
    ("business_case", "Business case", "Business case"),
    (
        "business_case_url",
        "Business case (adresse)",
        "Business case (address)",
    ),
    ("gains_realised", "Gevinster realiseret", "Gains realised"),
    ("version", "Version", "Version"),
    ("released", "Udgivet", "Released"),
    ("source", "Kilde", "Source"),
    ("street", "Gade og nummer", "Street and number"),
    ("postcode", "Postnummer", "Postcode"),
    ("city", "By", "City"),
    ("scheme", "Register", "Register"),
    ("scheme_name", "Registrets navn", "Register's name"),
];

/// The label of one field name, or the name itself with spaces for underscores.
pub fn of(name: &str, lang: Lang) -> String {
    LABELS
        .iter()
        .find(|(key, _, _)| *key == name)
        .map(|(_, da, en)| lang.pick(*da, *en).to_owned())
        .unwrap_or_else(|| {
            let spaced = name.replace('_', " ");
            let mut chars = spaced.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
}

/// Where a top-level field comes in reading order; unknown fields come last.
pub fn position(name: &str) -> usize {
    LABELS
        .iter()
        .position(|(key, _, _)| *key == name)
        .unwrap_or(LABELS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fields_are_named_and_unknown_ones_spelled_out() {
        assert_eq!(of("primary_category", Lang::Da), "Primær kategori");
        assert_eq!(of("primary_category", Lang::En), "Primary category");
        assert_eq!(of("data_retention", Lang::Da), "Data retention");
        assert!(position("title") < position("results"));
        assert_eq!(position("unheard_of"), LABELS.len());
    }
}
