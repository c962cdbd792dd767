//! Every word of the interface, in Danish and English, in one table: each line names a text and
//! gives it in both languages, so a text cannot exist in one language only (the macro builds a
//! struct with a field per text and one value of it per language).

use crate::lang::Lang;

macro_rules! texts {
    (
        lists { $($list:ident[$n:literal]: [$($lda:literal),*], [$($len:literal),*];)* }
        $($key:ident: $da:literal, $en:literal;)*
    ) => {
        /// The interface's texts in one language.
        #[derive(Debug)]
        pub struct Texts {
            $(pub $key: &'static str,)*
            $(pub $list: [&'static str; $n],)*
        }

        pub const DA: Texts = Texts {
            $($key: $da,)*
            $($list: [$($lda),*],)*
        };

        pub const EN: Texts = Texts {
            $($key: $en,)*
            $($list: [$($len),*],)*
        };
    };
}

texts! {
    lists {
        // In the order of `aikatalog_search::Facet::ALL`.
        facet_names[18]:
            ["Type", "Kategori", "Fagområde", "Organisation", "Region", "Fase", "AI-forordningen", "Model", "Data", "Integrationer", "Infrastruktur", "Leverandør", "Teknologi", "Offentlig kildekode", "År", "Kilde", "Land", "Sprog"],
            ["Type", "Category", "Domain", "Organisation", "Region", "Stage", "EU AI Act", "Model", "Data", "Integrations", "Infrastructure", "Vendor", "Technology", "Public source code", "Year", "Source", "Country", "Language"];
        // In the order of the export's columns.
        csv_columns[23]:
            ["Type", "Slug", "Titel", "Ejer", "Ejerkode", "Resumé", "Kategorier", "Fase", "Startet", "Kontaktperson", "Kontakt-e-mail", "Udvikling", "Leverandører", "Risikoklasse efter AI-forordningen", "Resultater", "Oplysningsgrad (%)", "Land", "Kilde", "Oprindelig post", "Licens", "Offentliggjort (UTC)", "Side", "API"],
            ["Type", "Slug", "Title", "Owner", "Owner code", "Summary", "Categories", "Stage", "Started", "Contact", "Contact email", "Sourcing", "Vendors", "EU AI Act risk class", "Results", "Completeness (%)", "Country", "Source", "Original record", "Licence", "Published (UTC)", "Page", "API"];
        // Example searches on the front page.
        // Example searches on the front page; the English ones reach the Danish entries through
        // the search's synonyms (seed-data/synonyms.toml).
        home_examples[4]:
            ["aktindsigt", "mailsortering", "chatbot", "hjemmepleje"],
            ["access to documents", "mail sorting", "chatbot", "home care"];
    }
    skip_to_content: "Gå til indholdet",
        "Skip to content";
    nav_label: "Hovedmenu",
        "Main menu";
    nav_search: "Søg",
        "Search";
    nav_categories: "Kategorier",
        "Categories";
    nav_municipalities: "Kommuner",
        "Municipalities";
    nav_algorithms: "Algoritmeregister",
        "Algorithm register";
    other_language: "English",
        "Dansk";
    switch_title: "Read this page in English",
        "Læs siden på dansk";
    footer_about: "AI-kataloget samler kommunernes AI-use cases og algoritmer, så en kommune kan se, hvem der allerede har gjort det, den overvejer – med hvilke data, hvilket retsgrundlag og hvilke resultater.",
        "AI-kataloget gathers Danish municipalities' AI use cases and algorithms, so a municipality can see who already did what it is considering – with what data, on what legal basis and with what results.";
    footer_api: "API og dokumentation",
        "API and documentation";
    footer_links: "Om kataloget",
        "About the catalogue";
    footer_about_link: "Om AI-kataloget",
        "About AI-kataloget";
    footer_accessibility: "Tilgængelighedserklæring",
        "Accessibility statement";
    footer_feedback: "Kontakt og feedback",
        "Contact and feedback";
    about_title: "Om AI-kataloget",
        "About AI-kataloget";
    accessibility_title: "Tilgængelighedserklæring",
        "Accessibility statement";
    api_docs_title: "API og dokumentation",
        "API and documentation";
    back_home: "Til forsiden",
        "To the front page";
    breadcrumb: "Brødkrummesti",
        "Breadcrumb";
    not_found: "Siden findes ikke",
        "Page not found";
    not_found_text: "Der er ingen offentlig side på denne adresse. Den kan være flyttet, eller posten er ikke offentliggjort.",
        "There is no public page at this address. It may have moved, or the entry is not published.";
    server_error: "Der gik noget galt",
        "Something went wrong";
    server_error_text: "Siden kunne ikke vises. Fejlen er logget; prøv igen om lidt.",
        "The page could not be shown. The error has been logged; please try again shortly.";
    unavailable: "Kataloget er midlertidigt utilgængeligt",
        "The catalogue is temporarily unavailable";
    unavailable_text: "Kataloget kan ikke nå sin database lige nu. Prøv igen om et øjeblik.",
        "The catalogue cannot reach its database just now. Please try again in a moment.";
    home_title: "Kommunernes AI-use cases og algoritmer",
        "Municipal AI use cases and algorithms";
    home_heading: "Find ud af, hvad andre kommuner har gjort med AI",
        "Find out what other municipalities have done with AI";
    home_lead: "Søg i kommunernes AI-use cases og algoritmeregister: hvad de byggede, med hvilke data, leverandører og retsgrundlag, hvad det gav – og hvem du kan spørge.",
        "Search the municipalities' AI use cases and algorithm register: what they built, with what data, vendors and legal basis, what came of it – and whom to ask.";
    home_try: "Prøv for eksempel:",
        "Try for example:";
    stats_heading: "Kataloget i tal",
        "The catalogue in numbers";
    stat_use_cases: "use cases",
        "use cases";
    stat_algorithms: "algoritmer i registret",
        "algorithms in the register";
    stat_municipalities: "kommuner deltager ud af",
        "municipalities take part, of";
    stat_in_operation: "løsninger i drift",
        "solutions in operation";
    home_categories: "De tolv AI-kategorier",
        "The twelve AI categories";
    home_categories_lead: "KL og KOMBITs kategorier af AI. Vælg en kategori for at se definition, eksempler, forudsætninger og use cases.",
        "KL and KOMBIT's categories of AI. Choose one to see its definition, examples, prerequisites and use cases.";
    see_matrix: "Se vurderingsmodellen som matrix.",
        "See the evaluation model as a matrix.";
    home_recent: "Senest ændret",
        "Recently changed";
    use_case_one: "use case",
        "use case";
    use_case_many: "use cases",
        "use cases";
    use_case_many_cap: "Use cases",
        "Use cases";
    categories_label: "Kategorier",
        "Categories";
    search_heading: "Søg",
        "Search";
    search_label: "Søg i use cases og algoritmer",
        "Search use cases and algorithms";
    search_placeholder: "f.eks. aktindsigt, mailsortering, chatbot",
        "e.g. aktindsigt, mail sorting, chatbot";
    search_button: "Søg",
        "Search";
    filters_heading: "Afgræns",
        "Filter";
    chosen: "valgt",
        "chosen";
    apply_filters: "Anvend filtre",
        "Apply filters";
    sort_label: "Sortér efter",
        "Sort by";
    sort_apply: "Sortér",
        "Sort";
    sort_relevance: "Relevans",
        "Relevance";
    sort_newest: "Nyeste",
        "Newest";
    sort_title: "Titel (A–Å)",
        "Title (A–Z)";
    sort_completeness: "Mest udfyldte først",
        "Most complete first";
    complete_min_legend: "Oplysninger udfyldt",
        "Information filled in";
    complete_min_any: "Alle",
        "Any";
    complete_min_at_least: "Mindst",
        "At least";
    complete_min_all: "Alt udfyldt",
        "Everything filled in";
    complete_min_chip: "Udfyldt mindst",
        "Filled in at least";
    completeness_on_hit: "udfyldt",
        "filled in";
    active_filters: "Valgte filtre",
        "Active filters";
    remove_filter: "fjern filter",
        "remove filter";
    clear_filters: "Fjern alle filtre",
        "Clear all filters";
    no_hits: "Ingen poster passer på søgningen. Prøv færre ord eller færre filtre.",
        "No entries match the search. Try fewer words or fewer filters.";
    result_one: "resultat",
        "result";
    result_many: "resultater",
        "results";
    results_for: "for",
        "for";
    note_fuzzy: "Nogle ord fandtes ikke præcist; viser også ord, der staves næsten sådan.",
        "Some words were not found exactly; showing words spelt nearly so as well.";
    note_any_word: "Ingen poster indeholder alle ordene; viser dem, der indeholder nogle af dem.",
        "No entries contain all the words; showing those that contain some of them.";
    // The search that says what it did (`pages::search`): a corrected word, organisations the
    // query names, and what an empty result offers instead.
    corrected_showing: "Viser resultater for",
        "Showing results for";
    corrected_instead: "Søg i stedet efter",
        "Search instead for";
    named_organisations_heading: "Organisationer med det navn",
        "Organisations of that name";
    empty_help_heading: "Forslag",
        "Suggestions";
    empty_help_near: "Ord i kataloget, der staves næsten sådan:",
        "Words in the catalogue spelt nearly so:";
    empty_help_popular: "Det søger andre ofte efter:",
        "What others often search for:";
    empty_help_categories: "Eller se anvendelserne i en af de tolv kategorier:",
        "Or browse the use cases in one of the twelve categories:";
    empty_help_missing: "Mangler en anvendelse, du kender?",
        "Missing a use case you know of?";
    empty_help_propose: "Foreslå en ny anvendelse",
        "Propose a new use case";
    // Multilingual search (aikatalog-search's cross-language vocabulary).
    note_cross_language: "Ingen danske poster matchede; viser poster på andre sprog om samme emne.",
        "No entries matched your own words; showing entries in other languages on the same topic.";
    pages_label: "Sider",
        "Pages";
    page: "Side",
        "Page";
    previous: "Forrige",
        "Previous";
    next: "Næste",
        "Next";
    export_label: "Hent hele søgeresultatet som",
        "Download the whole result as";
    use_case_kind: "Use case",
        "Use case";
    danish_content_note: "Posterne i kataloget er skrevet på dansk af kommunerne.",
        "Entries in the catalogue are written in Danish by the municipalities.";
    about_heading: "Om løsningen",
        "About the solution";
    results_heading: "Resultater",
        "Results";
    period: "Periode",
        "Period";
    estimate: "Skøn eller forventning",
        "Estimate or expectation";
    source: "Kilde",
        "Source";
    profile_heading: "Behovsprofil",
        "Needs profile";
    profile_inherited: "Use casen angiver ikke sin egen profil og arver derfor profilen fra sin kategori,",
        "The use case states no profile of its own, so it inherits that of its category,";
    profile_own: "Use casens egen profil (prik) tegnet mod profilen for sin kategori (ring),",
        "The use case's own profile (dot) drawn against its category's (ring),";
    profile_none: "Der er ingen behovsprofil at vise.",
        "There is no needs profile to show.";
    profile_own_legend: "Denne use case",
        "This use case";
    profile_category_legend: "Kategoriens profil",
        "The category's profile";
    category_short: "kategori:",
        "category:";
    dimension: "Dimension",
        "Dimension";
    this_use_case: "Denne use case",
        "This use case";
    category_profile: "Kategoriens profil",
        "Category's profile";
    dim_business: "Forretning og risiko",
        "Business and risk";
    dim_model: "Model",
        "Model";
    dim_data: "Data",
        "Data";
    dim_integration: "Integrationer",
        "Integrations";
    dim_infrastructure: "Infrastruktur",
        "Infrastructure";
    data_heading: "Data",
        "Data";
    data_description: "Data i løsningen",
        "Data used";
    personal_data: "Personoplysninger",
        "Personal data";
    sensitive_data: "Følsomme eller fortrolige oplysninger",
        "Sensitive or confidential data";
    anonymised: "Anonymiserede data",
        "Anonymised data";
    synthetic: "Syntetiske data",
        "Synthetic data";
    data_sources: "Datakilder",
        "Data sources";
    legal_heading: "Jura, risiko og menneskelig kontrol",
        "Law, risk and human oversight";
    legal_basis: "Retsgrundlag",
        "Legal basis";
    legal_note: "Bemærkning",
        "Note";
    ai_act_class: "Risikoklasse efter AI-forordningen",
        "EU AI Act risk class";
    ai_act_justification: "Begrundelse for risikoklassen",
        "Why this risk class";
    automated_decisions: "Automatiske afgørelser om borgere",
        "Automated decisions about citizens";
    human_oversight: "Menneskelig kontrol",
        "Human oversight";
    technology_heading: "Teknologi og leverandører",
        "Technology and vendors";
    technologies: "Teknologier",
        "Technologies";
    vendors: "Leverandører",
        "Vendors";
    vendor: "Leverandør",
        "Vendor";
    challenges_heading: "Udfordringer undervejs",
        "Challenges met";
    algorithms_used_heading: "Algoritmer i løsningen",
        "Algorithms in the solution";
    algorithms_none: "Use casen henviser ikke til algoritmer i registret.",
        "The use case refers to no algorithms in the register.";
    similar_heading: "Lignende use cases",
        "Similar use cases";
    similar_none: "Der er ingen lignende use cases i kataloget endnu.",
        "There are no similar use cases in the catalogue yet.";
    history_heading: "Historik",
        "History";
    history_none: "Der er ingen offentliggjorte versioner.",
        "There are no published versions.";
    history_first: "først offentliggjort",
        "first published";
    history_update: "opdateret",
        "updated";
    revision: "version",
        "revision";
    changed_fields: "ændret",
        "changed";
    key_facts: "Nøgleoplysninger",
        "Key facts";
    organisations_heading: "Organisationer",
        "Organisations";
    owner: "Ejer",
        "Owner";
    partners: "Partnere",
        "Partners";
    also_used_by: "Også brugt af",
        "Also used by";
    nobody_yet: "Ingen har endnu meldt, at de genbruger den.",
        "Nobody has reported reusing it yet.";
    since: "siden",
        "since";
    classification_heading: "Klassificering",
        "Classification";
    primary_category: "Primær kategori",
        "Primary category";
    secondary_categories: "Sekundære kategorier",
        "Secondary categories";
    domains: "Fagområder",
        "Domains";
    lifecycle: "Fase",
        "Stage";
    contact_heading: "Kontakt",
        "Contact";
    contact_none: "Der er ikke angivet en kontaktperson. Kontakt",
        "No contact person is given. Contact";
    contact_via: "via",
        "via";
    contact_owner_ai: "Posten angiver ingen kontaktperson. Spørg AI-kontakten hos",
        "The entry names no contact person. Ask the AI contact at";
    contact_unknown: "Der er ikke angivet en kontaktperson, og kataloget har ingen kontaktoplysninger på ejeren.",
        "No contact person is given, and the catalogue has no contact details for the owner.";
    contact_correct: "Sådan får du en post rettet eller suppleret",
        "How to get an entry corrected or completed";
    links_heading: "Links",
        "Links";
    data_formats: "Maskinlæsbare data",
        "Machine-readable data";
    json_link: "Posten som JSON (API)",
        "This entry as JSON (API)";
    categories_heading: "De tolv AI-kategorier",
        "The twelve AI categories";
    categories_lead: "KL og KOMBITs udkast til en vurderingsmodel placerer hver kategori på fem dimensioner: forretning og risiko, modeller, data, integrationer og infrastruktur.",
        "KL and KOMBIT's draft evaluation model places each category on five dimensions: business and risk, models, data, integrations and infrastructure.";
    matrix_caption: "Vurderingsmodellen: kategorierne på de fem dimensioner",
        "The evaluation model: the categories on the five dimensions";
    matrix_source: "Kilde: KL og KOMBIT, »Katalog for AI-use cases« (udkast til vurderingsmodel). Antallet af use cases tæller dem med kategorien som primær.",
        "Source: KL and KOMBIT, »Katalog for AI-use cases« (draft evaluation model). Use cases are counted under their primary category.";
    category: "Kategori",
        "Category";
    techniques_heading: "Teknikker",
        "Techniques";
    examples_heading: "Kommunale eksempler",
        "Municipal examples";
    prerequisites_heading: "Forudsætninger",
        "Prerequisites";
    category_use_cases: "Use cases i kategorien",
        "Use cases in this category";
    category_secondary_use_cases: "Use cases med kategorien som sekundær",
        "Use cases with this as a secondary category";
    category_none: "Ingen use cases har endnu denne kategori som primær.",
        "No use case has this as its primary category yet.";
    search_in_category: "Søg i kategorien med filtre",
        "Search this category with filters";
    evaluation_heading: "Vurderingsmodellen",
        "The evaluation model";
    municipalities_heading: "Kommunerne",
        "The municipalities";
    municipalities_lead_of: "af",
        "of";
    municipalities_lead: "kommuner ejer, deltager i eller genbruger mindst én use case. Kommunerne er grupperet efter region.",
        "municipalities own, take part in or reuse at least one use case. They are grouped by region.";
    regions_label: "Regioner",
        "Regions";
    taking_part: "deltager",
        "take part";
    owns_count: "Ejer",
        "Owns";
    owns_long: "use cases ejer den",
        "use cases it owns";
    partner_count: "Partner",
        "Partner";
    partner_long: "use cases den er partner i",
        "use cases it is a partner in";
    reuses_count: "Genbruger",
        "Reuses";
    reuses_long: "use cases den genbruger",
        "use cases it reuses";
    algorithms_long: "Algoritmer den ejer eller leverer",
        "Algorithms it owns or supplies";
    algorithms_long_heading: "Algoritmer",
        "Algorithms";
    other_organisations: "Andre organisationer i kataloget",
        "Other organisations in the catalogue";
    no_region: "Uden region",
        "No region";
    owns_heading: "Use cases den ejer",
        "Use cases it owns";
    partner_heading: "Use cases den er partner i",
        "Use cases it is a partner in";
    reuses_heading: "Use cases den genbruger",
        "Use cases it reuses";
    org_no_contact: "Kataloget har endnu ingen kontaktoplysninger eller hjemmeside for organisationen.",
        "The catalogue has no contact details or website for the organisation yet.";
    org_search_link: "Se alle organisationens poster i søgningen, hvor du kan afgrænse dem",
        "See all the organisation's entries in search, where you can filter them";
    organisation_nothing: "Organisationen har ingen offentliggjorte poster i kataloget endnu.",
        "The organisation has no published entries in the catalogue yet.";
    algorithms_heading: "Algoritmeregister",
        "Algorithm register";
    algorithms_lead: "Offentlige oplysninger om de algoritmer, kommunerne bruger: formål, data, model, menneskelig kontrol, risici, risikoklasse, kildekode og versioner.",
        "Public facts about the algorithms municipalities use: purpose, data, model, human oversight, risks, risk class, source code and versions.";
    filter_text: "Ord i navn eller formål",
        "Words in name or purpose";
    all: "Alle",
        "All";
    has_source_code: "Kun med offentlig kildekode",
        "Only with public source code";
    algorithms_shown: "algoritmer vist",
        "algorithms shown";
    algorithm: "Algoritme",
        "Algorithm";
    purpose: "Formål",
        "Purpose";
    model_type: "Modeltype",
        "Model type";
    source_code: "Kildekode",
        "Source code";
    used_in: "Use cases",
        "Use cases";
    model_heading: "Model",
        "Model";
    technique: "Teknik",
        "Technique";
    licence: "Licens",
        "Licence";
    not_published: "Ikke offentliggjort",
        "Not published";
    training_data_heading: "Træningsdata",
        "Training data";
    operational_data_heading: "Data i drift",
        "Data in operation";
    performance_heading: "Ydeevne",
        "Performance";
    oversight_heading: "Menneskelig kontrol",
        "Human oversight";
    risks_heading: "Risici og sikringer",
        "Risks and safeguards";
    risk: "Risiko",
        "Risk";
    safeguard: "Sikring",
        "Safeguard";
    versions_heading: "Versioner",
        "Versions";
    used_in_heading: "Use cases, der bruger den",
        "Use cases using it";
    used_in_none: "Ingen offentliggjorte use cases henviser til algoritmen.",
        "No published use case refers to this algorithm.";
    published: "Offentliggjort",
        "Published";
    yes: "Ja",
        "Yes";
    no: "Nej",
        "No";
    not_stated: "Ikke oplyst",
        "Not stated";
    completeness_label: "Oplysningsgrad",
        "Completeness";
    completeness_of: "af",
        "of";
    completeness_stated: "oplyst",
        "stated";
    started: "Startet",
        "Started";
    card_changed: "Ændret",
        "Changed";
    changed_on: "ændret",
        "changed";
    card_started: "startet",
        "started";
    ended: "Afsluttet",
        "Ended";
    sourcing: "Udvikling",
        "Sourcing";
    cost_heading: "Omkostninger og business case",
        "Cost and business case";
    cost_one_off: "Engangsomkostning",
        "One-off cost";
    cost_yearly: "Årlig driftsomkostning",
        "Yearly running cost";
    business_case: "Business case",
        "Business case";
    business_case_link: "Læs business casen",
        "Read the business case";
    gains_realised: "Forventede gevinster realiseret",
        "Expected gains realised";
    how_heading: "Sådan virker den for borgere og medarbejdere",
        "How it works for people";
    how_problem: "Problemet, den løser",
        "The problem it solves";
    how_citizens: "Betydning for borgere",
        "Impact on citizens";
    how_staff: "Betydning for medarbejdere",
        "Impact on staff";
    how_proportionality: "Proportionalitet og overvejede alternativer",
        "Proportionality and alternatives considered";
    how_decision: "Plads i sagsbehandlingen og hvad den giver",
        "Place in the decision process and what it outputs";
    how_appeal: "Klage og indsigelse",
        "Appeal or objection";
    how_monitoring: "Overvågning",
        "Monitoring";
    how_fallback: "Hvis den svigter",
        "Fallback when it fails";
    how_training: "Oplæring af brugerne",
        "Training for users";
    assessments_heading: "Konsekvensanalyser og vurderinger",
        "Impact assessments";
    assessment_read: "Læs vurderingen",
        "Read the assessment";
    data_purposes: "brugt til",
        "used for";
    sensitive_attributes: "Følsomme oplysninger, der indgår",
        "Sensitive attributes used";
    bias_note: "Skævhed og repræsentativitet",
        "Bias and representativeness";
    review_on: "Gennemgås igen",
        "Next review";
    provenance_heading: "Oprindelse",
        "Provenance";
    record_language: "Postens sprog",
        "Language of the record";
    keywords: "Nøgleord",
        "Keywords";
    references: "Også registreret i",
        "Also registered in";
    original_record: "den oprindelige post",
        "the original record";
    learning_type: "Læringstype",
        "Learning type";
    inputs: "Input",
        "Inputs";
    outputs: "Output",
        "Outputs";
    maintenance: "Vedligeholdelse",
        "Maintenance";
    website: "Hjemmeside",
        "Website";
    ai_contact: "AI-kontakt",
        "AI contact";
    postal_address: "Adresse",
        "Postal address";
    country: "Land",
        "Country";
    identifiers: "Identifikatorer",
        "Identifiers";
    // Entries from other registers (source.rs), the downloads and the DCAT-AP description.
    source_original: "Se den oprindelige post",
        "See the original record";
    source_licence: "Licens",
        "Licence";
    source_no_licence: "Ingen licens oplyst af registret",
        "No licence stated by the register";
    downloads_heading: "Hent hele kataloget",
        "Download the whole catalogue";
    downloads_use_cases: "Alle use cases",
        "All use cases";
    downloads_algorithms: "Hele algoritmeregistret",
        "The whole algorithm register";
    downloads_csv_note: "CSV med semikolon til Excel",
        "CSV for spreadsheets";
    downloads_dcat: "Katalogbeskrivelse (DCAT-AP, JSON-LD)",
        "Catalogue description (DCAT-AP, JSON-LD)";
    downloads_schemas: "JSON Schema for posterne",
        "JSON Schema of the records";
    // Transparency statistics (issue 14).
    footer_statistics: "Statistik",
        "Statistics";
    statistics_title: "Statistik om kataloget",
        "Catalogue statistics";
    statistics_lead: "Tal for de offentliggjorte use cases og algoritmer, optalt direkte i katalogets database, hver gang siden vises.",
        "Figures for the published use cases and algorithms, counted from the catalogue's database each time the page is shown.";
    statistics_as_of: "Opgjort",
        "As of";
    statistics_published: "Offentliggjorte poster",
        "Published entries";
    statistics_kind: "Slags",
        "Kind";
    statistics_count: "Antal",
        "Count";
    statistics_use_cases: "Use cases",
        "Use cases";
    statistics_algorithms: "Algoritmer",
        "Algorithms";
    statistics_total: "I alt",
        "Total";
    statistics_by_class: "Poster efter risikoklasse i AI-forordningen",
        "Entries by AI Act risk class";
    statistics_class: "Risikoklasse",
        "Risk class";
    statistics_by_stage: "Poster efter fase",
        "Entries by stage";
    statistics_stage: "Fase",
        "Stage";
    statistics_by_category: "Use cases efter primær AI-kategori",
        "Use cases by primary AI category";
    statistics_category: "AI-kategori",
        "AI category";
    statistics_by_region: "Poster efter ejerens region",
        "Entries by the owner's region";
    statistics_region: "Region",
        "Region";
    statistics_no_region: "Ingen region (nationale myndigheder, leverandører m.fl.)",
        "No region (national bodies, vendors and others)";
    statistics_care: "Gennemgang og konsekvensanalyser",
        "Reviews and impact assessments";
    statistics_measure: "Opgørelse",
        "Measure";
    statistics_overdue: "Poster, hvis gennemgangsdato er overskredet",
        "Entries past their review date";
    statistics_due: "Poster, der skal gennemgås inden for de næste {days} dage",
        "Entries due for review within the next {days} days";
    statistics_fria: "Poster med en gennemført konsekvensanalyse for grundlæggende rettigheder (FRIA)",
        "Entries with a fundamental-rights impact assessment (FRIA) done";
    statistics_assessment: "Poster med mindst én gennemført konsekvensanalyse (DPIA, FRIA m.fl.)",
        "Entries with at least one impact assessment done (DPIA, FRIA and others)";
    statistics_api: "Tallene kan også hentes maskinlæsbart som JSON:",
        "The figures are also available as JSON:";
    // Lists that show the newest of many entries (the catalogue at size).
    list_newest_shown: "Viser de {shown} senest offentliggjorte af {total}.",
        "Showing the {shown} most recently published of {total}.";
    list_see_all: "Se dem alle i søgningen",
        "See them all in search";
}

/// The names of a document's top-level fields, for the revision history ("changed: results").
const FIELDS: &[(&str, &str, &str)] = &[
    ("slug", "adresse", "address"),
    ("title", "titel", "title"),
    ("name", "navn", "name"),
    ("summary", "resumé", "summary"),
    ("purpose", "formål", "purpose"),
    ("description", "beskrivelse", "description"),
    ("owner", "ejer", "owner"),
    ("department", "afdeling", "department"),
    ("partners", "partnere", "partners"),
    ("domains", "fagområder", "domains"),
    ("primary_category", "primær kategori", "primary category"),
    (
        "secondary_categories",
        "sekundære kategorier",
        "secondary categories",
    ),
    ("lifecycle", "fase", "stage"),
    ("year", "år", "year"),
    ("started", "startdato", "start date"),
    ("ended", "slutdato", "end date"),
    ("sourcing", "udvikling", "sourcing"),
    ("cost", "omkostninger", "cost"),
    (
        "how_it_works",
        "betydning for mennesker",
        "how it works for people",
    ),
    ("assessments", "konsekvensanalyser", "impact assessments"),
    ("learning_type", "læringstype", "learning type"),
    ("inputs", "input", "inputs"),
    ("outputs", "output", "outputs"),
    ("maintenance", "vedligeholdelse", "maintenance"),
    ("review_on", "gennemgangsdato", "review date"),
    ("provenance", "oprindelse", "provenance"),
    ("needs_profile", "behovsprofil", "needs profile"),
    ("technologies", "teknologier", "technologies"),
    ("vendors", "leverandører", "vendors"),
    ("vendor", "leverandør", "vendor"),
    ("data", "data", "data"),
    ("training_data", "træningsdata", "training data"),
    ("operational_data", "data i drift", "operational data"),
    ("legal", "retsgrundlag", "legal basis"),
    ("ai_act", "AI-forordningen", "AI Act"),
    ("oversight", "menneskelig kontrol", "human oversight"),
    ("human_oversight", "menneskelig kontrol", "human oversight"),
    ("results", "resultater", "results"),
    ("results_summary", "resultater", "results"),
    ("performance", "ydeevne", "performance"),
    ("performance_note", "ydeevne", "performance"),
    ("challenges", "udfordringer", "challenges"),
    ("challenges_note", "udfordringer", "challenges"),
    ("model_type", "modeltype", "model type"),
    ("technique", "teknik", "technique"),
    ("licence", "licens", "licence"),
    ("source_code_url", "kildekode", "source code"),
    ("risks", "risici", "risks"),
    ("versions", "versioner", "versions"),
    ("links", "links", "links"),
    ("contact", "kontakt", "contact"),
    ("algorithms", "algoritmer", "algorithms"),
];

/// Where a document field comes in the list above (its place in the record), if it is there;
/// the editing form puts fields in this order.
pub fn field_rank(key: &str) -> Option<usize> {
    FIELDS.iter().position(|(k, _, _)| *k == key)
}

/// A document field's name in words; a field this list does not know keeps its key.
pub fn field_label(key: &str, lang: Lang) -> &'static str {
    FIELDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(lang.pick("andet", "other"), |(_, da, en)| {
            lang.pick(*da, *en)
        })
}

/// English for the business notes of KL/KOMBIT's evaluation model, which the reference data
/// holds in Danish only.
pub fn business_note_en(da: &str) -> Option<&'static str> {
    Some(match da {
        "Få enkeltstående use cases" => "Few one-off use cases",
        "Mange oplagte use cases" => "Many obvious use cases",
        "Ingen menneskelig indblanding" => "No human involvement",
        "Integritet og fortrolighed" => "Integrity and confidentiality",
        "Lovlighed" => "Lawfulness",
        "Profilering af borgere" => "Profiling of citizens",
        "Overvågning af borgere" => "Surveillance of citizens",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aikatalog_search::Facet;

    #[test]
    fn facet_names_follow_the_facets() {
        assert_eq!(DA.facet_names[Facet::Lifecycle.index()], "Fase");
        assert_eq!(EN.facet_names[Facet::Year.index()], "Year");
        assert_eq!(EN.facet_names[Facet::Category.index()], "Category");
        assert_eq!(
            DA.facet_names[Facet::HasSourceCode.index()],
            "Offentlig kildekode"
        );
    }

    #[test]
    fn field_names_have_words() {
        assert_eq!(field_label("results", Lang::Da), "resultater");
        assert_eq!(
            field_label("secondary_categories", Lang::En),
            "secondary categories"
        );
        assert_eq!(field_label("meta", Lang::En), "other");
    }
}
