//! Reading a page the way a person does: its visible text, its links, its tags. The app, the
//! seeded databases and the requests come from the shared harness (`aikatalog_testing`).

use aikatalog_testing::TestResponse;

/// Reading a response as a person reads the page.
pub trait PageText {
    /// The text a person reads: tags dropped, entities decoded, whitespace collapsed.
    fn text(&self) -> String;

    /// Asserts the page's text contains every one of `wanted`.
    #[track_caller]
    fn shows(&self, wanted: &[&str]) {
        let text = self.text();
        for w in wanted {
            assert!(
                text.contains(w),
                "the page does not show {w:?}; it shows:\n{text}"
            );
        }
    }

    #[track_caller]
    fn does_not_show(&self, unwanted: &[&str]) {
        let text = self.text();
        for w in unwanted {
            assert!(!text.contains(w), "the page shows {w:?}:\n{text}");
        }
    }

    /// The `href`s of the page's links, in order.
    fn links(&self) -> Vec<String>;
}

impl PageText for TestResponse {
    fn text(&self) -> String {
        visible_text(&self.body)
    }

    fn links(&self) -> Vec<String> {
        attribute_values(&self.body, "href")
    }
}

pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Script and style contents are not visible; neither is the SVG's title/desc markup, but
    // its text labels are, as they are drawn.
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let skip_to = if after.starts_with("<script") {
            after.find("</script>").map(|i| i + "</script>".len())
        } else if after.starts_with("<style") {
            after.find("</style>").map(|i| i + "</style>".len())
        } else {
            after.find('>').map(|i| i + 1)
        };
        out.push(' ');
        match skip_to {
            Some(i) => rest = &after[i..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        // Punctuation right after an element reads as a person sees it.
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" )", ")")
        .replace("( ", "(")
}

/// Decodes the entities templates write: named ones and numeric (`&#62;`, `&#x2f;`).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every value of `attr="…"` in document order, entities decoded.
pub fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let from = &rest[i + needle.len()..];
        let end = from.find('"').unwrap_or(from.len());
        out.push(decode_entities(&from[..end]));
        rest = &from[end..];
    }
    out
}

/// The elements' opening tags that contain `fragment`, for checking attributes.
pub fn tags_with<'a>(html: &'a str, fragment: &str) -> Vec<&'a str> {
    html.split('<')
        .filter(|t| t.contains(fragment))
        .map(|t| t.split('>').next().unwrap_or(t))
        .collect()
}

#[test]
fn visible_text_drops_tags_and_decodes() {
    assert_eq!(
        visible_text("<p>A &amp; B</p>\n<script>x()</script><b>C</b>, D"),
        "A & B C, D"
    );
}

/// The folded line the page should show: the missing facts of `meta.completeness`, as the API
/// reports them, in the page's language.
pub fn missing_line(app_json: &serde_json::Value, en: bool) -> (String, usize, usize) {
    let completeness = &app_json["meta"]["completeness"];
    let names = |key: &str| -> Vec<aikatalog_domain::ReaderField> {
        completeness[key]
            .as_array()
            .expect("meta.completeness lists the facts")
            .iter()
            .map(|f| {
                aikatalog_domain::ReaderField::parse(f.as_str().expect("a name"))
                    .expect("a known fact")
            })
            .collect()
    };
    let (filled, missing) = (names("filled"), names("missing"));
    let words: Vec<&str> = missing
        .iter()
        .map(|f| if en { f.label_en() } else { f.label_da() })
        .collect();
    let prefix = if en { "Not stated" } else { "Ikke oplyst" };
    (
        format!("{prefix}: {}", words.join(", ")),
        filled.len(),
        filled.len() + missing.len(),
    )
}

/// The text of the one element of `class` on the page.
pub fn element_text(body: &str, class: &str) -> String {
    let start = body
        .find(&format!("class=\"{class}\""))
        .unwrap_or_else(|| panic!("no element of class {class}"));
    let rest = &body[start..];
    let end = rest.find("</p>").expect("a paragraph");
    visible_text(&format!("<p {}", &rest[..end]))
}

/// Publishes a new revision of a seeded entry with `patch`'s top-level fields set (and `edit`
/// applied to the document for nested ones), as an editor's published change would.
pub fn publish_edit<E: aikatalog_domain::Entry>(
    db: &aikatalog_storage::Database,
    slug: &str,
    patch: serde_json::Value,
    edit: impl FnOnce(&mut serde_json::Value),
) {
    use aikatalog_storage::models::entries::{self, Change, Save};
    let row = db
        .read(|c| entries::find(c, E::KIND, slug))
        .expect("read")
        .unwrap_or_else(|| panic!("{slug} is seeded"));
    let current: E = row.current_document().expect("it parses");
    let mut doc = serde_json::to_value(&current).expect("serialise");
    for (key, value) in patch.as_object().expect("a patch is an object") {
        doc[key] = value.clone();
    }
    edit(&mut doc);
    // What storage fills in on reads is not part of a write.
    doc["meta"] = serde_json::Value::Null;
    let edited: E = serde_json::from_value(doc).expect("the edited document parses");
    db.write_with(|c| {
        entries::save(
            c,
            Some(&row),
            &edited,
            Save {
                state: aikatalog_domain::PublicationState::Published,
                publish: true,
            },
            Change {
                actor: "test",
                transition: "publish",
                message: None,
            },
        )
    })
    .expect("publish the edit");
}
