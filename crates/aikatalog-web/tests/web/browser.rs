//! End to end in a real browser, as a new user would: the built `aikatalog serve` on a fresh
//! SQLite database (seeded on start), Debian's headless Chromium driven over WebDriver by
//! chromedriver. A person types "aktindsigt", ticks a category, opens Sønderborg's use case and
//! reads its figures, needs profile and similar cases — in Danish, then in English.
//!
//! Ignored by default, so `cargo test --workspace` passes on a machine without a browser (the
//! summary lists it as ignored); `.ci/run` installs chromium and chromium-driver and runs it
//! with `cargo test -p aikatalog-web --test web browser -- --ignored`.
//! Settings: AIKATALOG_BIN (default: `aikatalog` beside this test's target folder),
//! CHROMIUM (default /usr/bin/chromium), CHROMEDRIVER (default /usr/bin/chromedriver).
//! AIKATALOG_E2E_SCREENSHOTS=DIR keeps a screenshot of each step there.
//!
//! A second test opens every page type in both languages on a 320 px wide phone (WCAG 1.4.10,
//! reflow: the page must not scroll sideways) and runs axe-core in each on a desktop. axe-core
//! comes from npm; AXE_CORE_JS names its `axe.min.js` (`.ci/run` installs it). A third does
//! the same for the curators' pages (review queue, a review, reference data, a record's form
//! with and without errors, its history), signed in as a curator with the development sign-in.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// An HTTP client for 127.0.0.1 only: no proxy from the environment may sit in between.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().proxy(None).build().into()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// A child process that is killed when the test ends, however it ends.
struct Running(Child, &'static str);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn env_path(name: &str, default: impl FnOnce() -> PathBuf) -> PathBuf {
    std::env::var_os(name).map_or_else(default, PathBuf::from)
}

/// The `aikatalog` binary cargo built beside this test (target/debug/aikatalog).
fn binary() -> PathBuf {
    env_path("AIKATALOG_BIN", || {
        let exe = std::env::current_exe().expect("the test's own path");
        // target/debug/deps/web-… → target/debug/aikatalog
        exe.parent()
            .and_then(|deps| deps.parent())
            .map(|debug| debug.join("aikatalog"))
            .expect("the target folder")
    })
}

/// Polls `url` until it answers 200 or `limit` passes.
fn wait_for(url: &str, limit: Duration, what: &str, child: &mut Running) {
    let started = Instant::now();
    loop {
        if agent().get(url).call().is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!("{what} exited with {status} before answering at {url}");
        }
        assert!(
            started.elapsed() < limit,
            "{what} did not answer at {url} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A W3C WebDriver session, spoken over plain HTTP to chromedriver on 127.0.0.1.
struct Browser {
    http: ureq::Agent,
    base: String,
    shots: Option<PathBuf>,
    step: u32,
}

impl Browser {
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let result = match method {
            "GET" => self.http.get(&url).call(),
            "DELETE" => self.http.delete(&url).call(),
            _ => self.http.post(&url).send_json(&body),
        };
        let mut response = result.unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let value: Value = response
            .body_mut()
            .read_json()
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        value["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn url(&self) -> String {
        self.call("GET", "/url", Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        self.call(
            "POST",
            "/elements",
            json!({ "using": "css selector", "value": css }),
        )
        .as_array()
        .map(|els| {
            els.iter()
                .filter_map(|e| e[ELEMENT].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
    }

    /// The first element matching `css`, waiting up to ten seconds for it to appear.
    fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some(first) = self.find_all(css).into_iter().next() {
                return first;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no element matches {css} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn text_of(&self, css: &str) -> String {
        let el = self.find(css);
        self.text(&el)
    }

    fn texts_of(&self, css: &str) -> Vec<String> {
        self.find_all(css).iter().map(|e| self.text(e)).collect()
    }

    fn displayed(&self, css: &str) -> bool {
        let el = self.find(css);
        self.call("GET", &format!("/element/{el}/displayed"), Value::Null) == json!(true)
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        self.call("POST", &format!("/element/{el}/click"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css);
        self.call(
            "POST",
            &format!("/element/{el}/value"),
            json!({ "text": text }),
        );
    }

    /// Waits until the page at `fragment` has loaded and shows `css`.
    fn wait_for_page(&self, fragment: &str, css: &str) {
        let started = Instant::now();
        while !self.url().contains(fragment) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the browser did not reach {fragment}; it is at {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.find(css);
    }

    /// Runs `script` in the page (a function body; `return` gives its value).
    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Runs `script` in the page; it hands its value to `arguments[arguments.length - 1]`.
    fn script_async(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
    }

    fn screenshot(&mut self, name: &str) {
        let Some(dir) = &self.shots else { return };
        self.step += 1;
        let data = self.call("GET", "/screenshot", Value::Null);
        let png = decode_base64(data.as_str().unwrap_or_default());
        let path = dir.join(format!("{:02}-{name}.png", self.step));
        std::fs::write(&path, png).expect("write a screenshot");
    }
}

/// Screenshots arrive as standard base64; decoding them here spares a dependency.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | d << (18 - 6 * i));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.http.delete(&self.base).call();
    }
}

/// The person's walk through the catalogue in one language.
struct Words {
    front: &'static str,
    results: &'static str,
    category_value: &'static str,
    chip: &'static str,
    figures: [&'static str; 2],
    profile: &'static str,
    profile_row: &'static str,
    similar: &'static str,
}

const DANISH: Words = Words {
    front: "/",
    results: "resultater for »aktindsigt«",
    category_value: "knowledge-work",
    chip: "Kategori: Vidensarbejde",
    figures: ["1.500 sager pr. år", "33–50 %"],
    profile: "Behovsprofil",
    profile_row: "Infrastruktur\tRealtids-compute\tRealtids-compute",
    similar: "Lignende use cases",
};

const ENGLISH: Words = Words {
    front: "/en/",
    results: "results for »aktindsigt«",
    category_value: "knowledge-work",
    chip: "Category: Knowledge work",
    figures: ["1,500 sager pr. år", "33–50 %"],
    profile: "Needs profile",
    profile_row: "Infrastructure\tReal-time compute\tReal-time compute",
    similar: "Similar use cases",
};

fn walk(browser: &mut Browser, site: &str, words: &Words) {
    // The front page: type the word and search.
    browser.open(&format!("{site}{}", words.front));
    browser.type_into("#q", "aktindsigt");
    // The script offers completions from the API as the person types.
    let suggestion = browser.find("#q-suggestions option");
    let value = browser.call(
        "GET",
        &format!("/element/{suggestion}/property/value"),
        Value::Null,
    );
    assert!(
        value.as_str().is_some_and(|v| v.contains("aktindsigt")),
        "suggestion {value}"
    );
    browser.screenshot("front");
    browser.click(".searchbox button[type=submit]");
    browser.wait_for_page("q=aktindsigt", "#results-heading");
    let heading = browser.text_of("#results-heading");
    assert!(heading.contains(words.results), "{heading}");
    assert!(
        browser
            .find_all(".hits a[href$=\"/use-cases/ai-aktindsigt-soenderborg\"]")
            .len()
            == 1
    );
    browser.screenshot("results");

    // Tick a category: the form submits itself, and the filter shows as a removable chip.
    browser.click(&format!(
        "input[name=category][value=\"{}\"]",
        words.category_value
    ));
    browser.wait_for_page(&format!("category={}", words.category_value), ".chips");
    let chips = browser.texts_of(".chips a");
    assert!(chips.iter().any(|c| c.contains(words.chip)), "{chips:?}");
    let checked = browser.find_all(&format!(
        "input[name=category][value=\"{}\"]:checked",
        words.category_value
    ));
    assert_eq!(checked.len(), 1, "the ticked box stays ticked");
    browser.screenshot("filtered");

    // Open Sønderborg's use case.
    browser.click(".hits a[href$=\"/use-cases/ai-aktindsigt-soenderborg\"]");
    browser.wait_for_page("/use-cases/ai-aktindsigt-soenderborg", "#entry-title");
    assert_eq!(
        browser.text_of("#entry-title"),
        "AI først – nem behandling af aktindsigt"
    );
    let figures = browser.texts_of(".figure-value");
    for wanted in words.figures {
        assert!(
            figures.iter().any(|f| f == wanted),
            "{figures:?} lacks {wanted}"
        );
    }
    assert_eq!(browser.text_of("#profile-heading"), words.profile);
    assert!(
        browser.displayed("svg.profile-chart"),
        "the profile is drawn"
    );
    let rows = browser.texts_of(".profile-table tbody tr");
    assert_eq!(rows.len(), 4, "{rows:?}");
    let wanted_row = words.profile_row.replace('\t', " ");
    assert!(
        rows.iter().any(|r| r.replace('\t', " ") == wanted_row),
        "{rows:?}"
    );
    assert_eq!(browser.text_of("#similar-heading"), words.similar);
    let similar = browser.find_all(".entry-main .cards .card h3 a");
    assert!(similar.len() >= 2, "similar use cases are listed");
    browser.screenshot("use-case");
}

/// The server and chromedriver, both on 127.0.0.1, stopped when this is dropped.
struct Rig {
    site: String,
    driver_url: String,
    chromium: PathBuf,
    dir: tempfile::TempDir,
    _server: Running,
    _driver: Running,
}

impl Rig {
    fn start() -> Rig {
        Rig::start_with(&[])
    }

    /// The rig with more settings for the server (e.g. the development sign-in); `{site}` in a
    /// value becomes the server's own address.
    fn start_with(env: &[(&str, &str)]) -> Rig {
        let bin = binary();
        assert!(
            bin.is_file(),
            "build the binary first (cargo build -p aikatalog): {}",
            bin.display()
        );
        let chromium = env_path("CHROMIUM", || "/usr/bin/chromium".into());
        let chromedriver = env_path("CHROMEDRIVER", || "/usr/bin/chromedriver".into());
        let dir = tempfile::tempdir().expect("a temporary folder");

        let port = free_port();
        let site = format!("http://127.0.0.1:{port}");
        let mut server = Running(
            Command::new(&bin)
                .arg("serve")
                // The server writes its signing key and data under its working folder.
                .current_dir(dir.path())
                .env(
                    "AIKATALOG_DATABASE_URL",
                    format!("sqlite://{}", dir.path().join("db.sqlite").display()),
                )
                .env("AIKATALOG_INDEX_DIR", dir.path().join("index"))
                .env("AIKATALOG_BIND", format!("127.0.0.1:{port}"))
                .env("RUST_LOG", "warn")
                .envs(env.iter().map(|(k, v)| (*k, v.replace("{site}", &site))))
                .stdout(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display())),
            "aikatalog serve",
        );
        wait_for(
            &format!("{site}/healthz"),
            Duration::from_secs(60),
            server.1,
            &mut server,
        );

        let driver_port = free_port();
        let mut driver = Running(
            Command::new(&chromedriver)
                .arg(format!("--port={driver_port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display())),
            "chromedriver",
        );
        let driver_url = format!("http://127.0.0.1:{driver_port}");
        wait_for(
            &format!("{driver_url}/status"),
            Duration::from_secs(30),
            driver.1,
            &mut driver,
        );
        Rig {
            site,
            driver_url,
            chromium,
            dir,
            _server: server,
            _driver: driver,
        }
    }

    /// A browser session with a fresh profile `name`, `extra` Chromium switches and, if given,
    /// a phone's viewport of that many CSS pixels' width.
    fn session(&self, name: &str, extra: &[&str], phone_width: Option<u32>) -> Browser {
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Containers often have a tiny /dev/shm, where Chromium would otherwise crash.
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
        ]
        .iter()
        .chain(extra)
        .map(|a| (*a).to_owned())
        .collect();
        // A fresh profile per session.
        args.push(format!(
            "--user-data-dir={}",
            self.dir.path().join(name).display()
        ));
        let mut options = json!({
            "binary": self.chromium.display().to_string(),
            "args": args,
        });
        if let Some(width) = phone_width {
            // Device emulation sets the viewport exactly; a window cannot be made this narrow.
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": 800, "pixelRatio": 2.0, "touch": true }
            });
        }
        let reply: Value = agent()
            .post(&format!("{}/session", self.driver_url))
            .send_json(json!({
                "capabilities": { "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": options
                }}
            }))
            .and_then(|mut r| r.body_mut().read_json())
            .unwrap_or_else(|e| panic!("chromedriver refused a session: {e}"));
        let id = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {reply}"));
        Browser {
            http: agent(),
            base: format!("{}/session/{id}", self.driver_url),
            shots: std::env::var_os("AIKATALOG_E2E_SCREENSHOTS").map(PathBuf::from),
            step: 0,
        }
    }
}

#[test]
#[ignore = "needs chromium and chromium-driver; .ci/run runs it with -- --ignored"]
fn a_person_finds_sonderborgs_case_in_danish_and_english() {
    let rig = Rig::start();
    let site = &rig.site;
    let mut browser = rig.session("profile", &[], None);
    // The keyboard: the first Tab reaches the skip link, which leads to the content.
    browser.open(&format!("{site}/"));
    browser.call(
        "POST",
        "/actions",
        json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": "\u{E004}" },
            { "type": "keyUp", "value": "\u{E004}" }
        ]}]}),
    );
    let active = browser.call("GET", "/element/active", Value::Null);
    let active = active[ELEMENT].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        browser.text(&active),
        "Gå til indholdet",
        "Tab first reaches the skip link"
    );

    walk(&mut browser, site, &DANISH);
    // The language switch keeps the page.
    browser.click(".lang-switch");
    browser.wait_for_page(
        "/en/use-cases/ai-aktindsigt-soenderborg",
        "#profile-heading",
    );
    assert_eq!(browser.text_of("#profile-heading"), "Needs profile");
    walk(&mut browser, site, &ENGLISH);
    drop(browser);

    // With JavaScript off, filters still work: tick a box, press "Anvend filtre".
    let mut plain = rig.session(
        "profile-no-js",
        &["--blink-settings=scriptEnabled=false"],
        None,
    );
    plain.open(&format!("{site}/soeg?q=aktindsigt"));
    assert!(
        plain.displayed("button.apply"),
        "without a script the apply button shows"
    );
    plain.click("input[name=category][value=\"knowledge-work\"]");
    assert!(
        !plain.url().contains("category="),
        "nothing submits by itself"
    );
    plain.click("button.apply");
    plain.wait_for_page("category=knowledge-work", ".chips");
    let chips = plain.texts_of(".chips a");
    assert!(
        chips.iter().any(|c| c.contains("Kategori: Vidensarbejde")),
        "{chips:?}"
    );
    plain.screenshot("no-js-filtered");
}

/// One page of every type, in Danish and in English.
const PAGE_TYPES: [(&str, &str, &str); 18] = [
    ("front", "/", "/en/"),
    ("search", "/soeg?q=aktindsigt", "/en/search?q=aktindsigt"),
    // A search that says what it did: a corrected word, an empty result's suggestions, an
    // organisation named by the query.
    (
        "search with a corrected word",
        "/soeg?q=aktindsit",
        "/en/search?q=aktindsit",
    ),
    (
        "search that found nothing",
        "/soeg?q=aktindsit&exact=true",
        "/en/search?q=aktindsit&exact=true",
    ),
    (
        "search naming an organisation",
        "/soeg?q=Norddjurs",
        "/en/search?q=Norddjurs",
    ),
    (
        "use case",
        "/use-cases/ai-aktindsigt-soenderborg",
        "/en/use-cases/ai-aktindsigt-soenderborg",
    ),
    ("algorithm register", "/algoritmer", "/en/algorithms"),
    (
        "algorithm",
        "/algoritmer/aktindsigt-soeg-og-overstreg",
        "/en/algorithms/aktindsigt-soeg-og-overstreg",
    ),
    ("categories", "/kategorier", "/en/categories"),
    (
        "category",
        "/kategorier/knowledge-work",
        "/en/categories/knowledge-work",
    ),
    ("municipalities", "/kommuner", "/en/municipalities"),
    ("municipality", "/kommuner/540", "/en/municipalities/540"),
    (
        "organisation",
        "/organisationer/kombit",
        "/en/organisations/kombit",
    ),
    ("about", "/om", "/en/about"),
    (
        "accessibility statement",
        "/tilgaengelighed",
        "/en/accessibility",
    ),
    (
        "API in words",
        "/api-dokumentation",
        "/en/api-documentation",
    ),
    ("sign in", "/log-ind", "/en/sign-in"),
    ("not found", "/findes-ikke", "/en/nothing"),
];

/// The document's width against the viewport's, and what sticks out past the right edge.
const OVERFLOW: &str = r#"
const doc = document.documentElement;
const width = doc.clientWidth;
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  const box = el.getBoundingClientRect();
  if (box.width > 0 && box.right > width + 0.5 && wide.length < 6) {
    wide.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
      + ' ' + Math.round(box.right) + 'px');
  }
}
return { scroll: doc.scrollWidth, viewport: width, inner: window.innerWidth, wide: wide };
"#;

#[test]
#[ignore = "needs chromium, chromium-driver and axe-core; .ci/run runs it with -- --ignored"]
fn every_page_type_reflows_at_320_px_and_axe_finds_nothing() {
    let axe_path = env_path("AXE_CORE_JS", || {
        panic!("set AXE_CORE_JS to axe-core's axe.min.js (npm install axe-core@4)")
    });
    let axe = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", axe_path.display()));
    let rig = Rig::start();
    let pages: Vec<(&str, String)> = PAGE_TYPES
        .iter()
        .flat_map(|(kind, da, en)| [(*kind, (*da).to_owned()), (*kind, (*en).to_owned())])
        .collect();

    let mut failures = Vec::new();
    let mut phone = rig.session("phone", &[], Some(320));
    for (kind, path) in &pages {
        phone.open(&format!("{}{path}", rig.site));
        phone.find("main h1");
        let m = phone.script(OVERFLOW);
        assert_eq!(m["viewport"], json!(320), "the phone's viewport: {m}");
        let scroll = m["scroll"].as_u64().unwrap_or(u64::MAX);
        if scroll > 320 {
            failures.push(format!(
                "{kind} {path}: {scroll} px wide at 320 px; past the edge: {}",
                m["wide"]
            ));
        }
        if *kind == "use case" {
            // Owner, stage and contact come before the long description on a phone.
            let order = phone.script(
                "return document.querySelector('.entry-aside').getBoundingClientRect().top                  < document.querySelector('.entry-main').getBoundingClientRect().top;",
            );
            if order != json!(true) {
                failures.push(format!("{kind} {path}: the key facts come after the story"));
            }
        }
        phone.screenshot(&format!("320-{}", path.replace(['/', '?', '='], "_")));
    }
    drop(phone);

    let desktop = rig.session("axe", &[], None);
    let run_axe = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];\n\
         axe.run(document, {{ resultTypes: ['violations'] }}).then(r => done(r.violations.map(v => \
         ({{ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }}))), \
         e => done([{{ id: 'axe-error', impact: String(e) }}]));"
    );
    for (kind, path) in &pages {
        desktop.open(&format!("{}{path}", rig.site));
        desktop.find("main h1");
        let violations = desktop.script_async(&run_axe);
        match violations.as_array() {
            Some(list) if list.is_empty() => {}
            Some(list) => {
                for v in list {
                    failures.push(format!(
                        "{kind} {path}: axe {} ({}) at {}",
                        v["id"], v["impact"], v["targets"]
                    ));
                }
            }
            None => failures.push(format!("{kind} {path}: axe gave {violations}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The curators' pages, Danish then English: (kind, path).
const CURATOR_PAGES: &[(&str, &str, &str)] = &[
    ("review queue", "/kurator/gennemgang", "/en/curator/review"),
    (
        "review",
        "/kurator/gennemgang/use-case/smartmail-norddjurs",
        "/en/curator/review/use-case/smartmail-norddjurs",
    ),
    (
        "reference data",
        "/kurator/referencedata",
        "/en/curator/reference-data",
    ),
    (
        "reference form",
        "/kurator/referencedata/organisationer/707",
        "/en/curator/reference-data/organisations/707",
    ),
    (
        "reference history",
        "/kurator/referencedata/organisationer/707/historik",
        "/en/curator/reference-data/organisations/707/history",
    ),
];

/// Signs the browser in as a curator with the development sign-in.
fn sign_in_as_curator(browser: &Browser, site: &str) {
    browser.open(&format!("{site}/log-ind"));
    browser.click("input[name=role][value=curator]");
    browser.click(".sign-in-form button[type=submit]");
    browser.wait_for_page("/mit-arbejde", "main h1");
}

/// What axe-core finds on the open page, as failure lines.
fn axe_failures(browser: &Browser, run_axe: &str, what: &str) -> Vec<String> {
    let violations = browser.script_async(run_axe);
    match violations.as_array() {
        Some(list) => list
            .iter()
            .map(|v| {
                format!(
                    "{what}: axe {} ({}) at {}",
                    v["id"], v["impact"], v["targets"]
                )
            })
            .collect(),
        None => vec![format!("{what}: axe gave {violations}")],
    }
}

#[test]
#[ignore = "needs chromium, chromium-driver and axe-core; .ci/run runs it with -- --ignored"]
fn the_curators_pages_reflow_at_320_px_and_axe_finds_nothing() {
    let axe_path = env_path("AXE_CORE_JS", || {
        panic!("set AXE_CORE_JS to axe-core's axe.min.js (npm install axe-core@4)")
    });
    let axe = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", axe_path.display()));
    let run_axe = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];\n\
         axe.run(document, {{ resultTypes: ['violations'] }}).then(r => done(r.violations.map(v => \
         ({{ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }}))), \
         e => done([{{ id: 'axe-error', impact: String(e) }}]));"
    );
    const SECRET: &str = "a-secret-for-this-test-only-0123456789";
    let rig = Rig::start_with(&[
        ("AIKATALOG_DEV_LOGIN", "1"),
        ("AIKATALOG_JWT_SECRET", SECRET),
    ]);
    let mut failures = Vec::new();
    // A pending change to SmartMail through the API, so the review page has changes to show.
    let token = Command::new(binary())
        .args(["token", "--role", "editor", "--org", "707"])
        .current_dir(rig.dir.path())
        .env("AIKATALOG_JWT_SECRET", SECRET)
        .output()
        .expect("aikatalog token runs");
    let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    let api = format!("{}/api/v1/use-cases/smartmail-norddjurs", rig.site);
    let bearer = format!("Bearer {token}");
    let etag = |r: &ureq::http::Response<ureq::Body>| {
        r.headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let current = agent()
        .get(&api)
        .header("Authorization", &bearer)
        .call()
        .expect("read SmartMail");
    let patched = agent()
        .patch(&api)
        .header("Authorization", &bearer)
        .header("If-Match", &etag(&current))
        .send_json(json!({
            "title": "SmartMail med ny model",
            "technologies": ["SmartMail", "sprogmodel"],
            "contact": {"name": "Digitaliseringsteamet", "email": "digitalisering@example.dk"}
        }))
        .expect("change SmartMail");
    agent()
        .post(&format!("{api}/submit"))
        .header("Authorization", &bearer)
        .header("If-Match", &etag(&patched))
        .send_empty()
        .expect("submit the change");

    let desktop = rig.session("curator", &[], None);
    sign_in_as_curator(&desktop, &rig.site);
    // A refused save (the form with its errors), then a saved one (a history with a change).
    let form = format!("{}/kurator/referencedata/organisationer/707", rig.site);
    desktop.open(&form);
    desktop.type_into("#f-ai_contact-email", "ikke-en-adresse");
    desktop.click(".record-form button[type=submit]");
    desktop.find(".error-summary");
    failures.extend(axe_failures(
        &desktop,
        &run_axe,
        "reference form with errors",
    ));
    let email = desktop.find("#f-ai_contact-email");
    desktop.call("POST", &format!("/element/{email}/clear"), json!({}));
    desktop.type_into("#f-ai_contact-email", "ai@norddjurs.dk");
    desktop.click(".record-form button[type=submit]");
    desktop.wait_for_page("saved=", ".notice-done");
    for (kind, da, en) in CURATOR_PAGES {
        for path in [da, en] {
            desktop.open(&format!("{}{path}", rig.site));
            desktop.find("main h1");
            if *kind == "review" {
                // The pending change is shown field by field.
                desktop.find(".change h3");
            }
            failures.extend(axe_failures(&desktop, &run_axe, &format!("{kind} {path}")));
        }
    }
    drop(desktop);

    let mut phone = rig.session("curator-phone", &[], Some(320));
    sign_in_as_curator(&phone, &rig.site);
    for (kind, da, en) in CURATOR_PAGES {
        for path in [da, en] {
            phone.open(&format!("{}{path}", rig.site));
            phone.find("main h1");
            let m = phone.script(OVERFLOW);
            let scroll = m["scroll"].as_u64().unwrap_or(u64::MAX);
            if scroll > 320 {
                failures.push(format!(
                    "{kind} {path}: {scroll} px wide at 320 px; past the edge: {}",
                    m["wide"]
                ));
            }
            phone.screenshot(&format!("curator-320-{}", path.replace('/', "_")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn base64_decodes() {
    assert_eq!(decode_base64("aGVsbG8="), b"hello");
    assert_eq!(decode_base64("aGk="), b"hi");
}

// --- The whole path of issue 12, signed in with a real OpenID Connect provider ---------------

/// Who signs in next at the provider (`oauth2-mock-server`, started by `crate::oidc`).
fn person(sub: &str, name: &str, role: &str, org: Option<&str>) -> Value {
    let mut claims = json!({ "sub": sub, "name": name, "role": role });
    if let Some(org) = org {
        claims["organisation"] = json!(org);
    }
    claims
}

impl Browser {
    /// Sets form fields by name with a script, as typing would (text, selects alike).
    fn fill(&self, fields: &[(&str, &str)]) {
        for (name, value) in fields {
            let done = self.script(&format!(
                "const el = document.querySelector({n}); if (!el) return false; \
                 el.value = {v}; el.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;",
                n = json!(format!("[name=\"{name}\"]")),
                v = json!(value),
            ));
            assert_eq!(done, json!(true), "no field {name} on {}", self.url());
        }
    }

    /// The status a same-origin request with this browser's cookies gets.
    fn status_of(&self, method: &str, path: &str) -> u64 {
        self.script_async(&format!(
            "const done = arguments[arguments.length - 1]; \
             fetch({p}, {{ method: {m}, redirect: 'manual', credentials: 'same-origin', \
               headers: {{ 'Content-Type': 'application/x-www-form-urlencoded' }}, \
               body: {m} === 'GET' ? undefined : '' }}) \
             .then(r => done(r.status), e => done(String(e)));",
            p = json!(path),
            m = json!(method),
        ))
        .as_u64()
        .unwrap_or(0)
    }

    /// Signs in through the provider from wherever the site sent the browser, and waits to be
    /// back at `back`.
    fn sign_in_with_provider(&self, back: &str) {
        self.wait_for_page("/log-ind", "a.button[href^=\"/auth/login\"]");
        self.click("a.button[href^=\"/auth/login\"]");
        self.wait_for_page(back, "main h1");
    }

    fn sign_out(&self, site: &str) {
        self.click("form.sign-out button");
        // Through the provider's end-session endpoint and back to the front page.
        let started = Instant::now();
        while !self.url().starts_with(site) || self.url().contains("/log-ud") {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "stuck at {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.find("main h1");
    }

    /// axe-core's serious and critical findings on the open page.
    fn axe(&self, run_axe: &str, what: &str, failures: &mut Vec<String>) {
        let violations = self.script_async(run_axe);
        match violations.as_array() {
            Some(list) => failures.extend(
                list.iter()
                    .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical") | None))
                    .map(|v| {
                        format!(
                            "{what}: axe {} ({}) at {}",
                            v["id"], v["impact"], v["targets"]
                        )
                    }),
            ),
            None => failures.push(format!("{what}: axe gave {violations}")),
        }
    }
}

#[test]
#[ignore = "needs chromium, chromium-driver, axe-core and oauth2-mock-server; .ci/run runs it with -- --ignored"]
fn editors_and_curators_publish_in_the_browser_signed_in_with_their_identity_provider() {
    let axe_path = env_path("AXE_CORE_JS", || {
        panic!("set AXE_CORE_JS to axe-core's axe.min.js (npm install axe-core@4)")
    });
    let axe = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", axe_path.display()));
    let run_axe = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];\n\
         axe.run(document, {{ resultTypes: ['violations'] }}).then(r => done(r.violations.map(v => \
         ({{ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }}))), \
         e => done([{{ id: 'axe-error', impact: String(e) }}]));"
    );
    let anne = person("anne", "Anne Andersen", "editor", Some("707"));
    let kurt = person("kurt", "Kurt Kurator", "curator", None);
    let sara = person("sara", "Sara Sønderborg", "editor", Some("540"));
    let mut provider = crate::oidc::provider(&anne)
        .expect("this test needs the provider: set AIKATALOG_TEST_OIDC_MOCK_DIR");
    let rig = Rig::start_with(&[
        ("AIKATALOG_OIDC_ISSUER", &provider.issuer),
        ("AIKATALOG_OIDC_CLIENT_ID", "aikatalog-test"),
        ("AIKATALOG_OIDC_CLIENT_SECRET", "test-client-secret"),
        ("AIKATALOG_PUBLIC_URL", "{site}"),
    ]);
    let site = rig.site.clone();
    let mut failures = Vec::new();
    let mut b = rig.session("flow", &[], None);
    let slug = "e2e-chatbot-norddjurs";
    let review = format!("/kurator/gennemgang/use-case/{slug}");
    let edit = format!("/mit-arbejde/anvendelser/{slug}/rediger");

    // A citizen suggests a correction on Norddjurs' public page, without signing in.
    let correction = "Telefonnummeret til digitaliseringsteamet er skiftet til 89 59 10 00.";
    b.open(&format!("{site}/use-cases/smartmail-norddjurs"));
    b.click("details.suggest summary");
    b.type_into("#suggest-text", correction);
    // A person takes a moment; a form sent within three seconds of the page is refused.
    std::thread::sleep(Duration::from_millis(3500));
    b.click(".suggest-form button[type=submit]");
    b.wait_for_page("/foreslaa-rettelse/tak", "main h1");
    assert_eq!(b.text_of("main h1"), "Tak for dit forslag");
    b.screenshot("correction-received");

    // Norddjurs' editor signs in with the provider and finds it on the work list.
    b.open(&format!("{site}/mit-arbejde"));
    b.wait_for_page("/log-ind", "main h1");
    b.axe(&run_axe, "sign-in page", &mut failures);
    b.sign_in_with_provider("/mit-arbejde");
    let corrections = b.text_of("#corrections");
    assert!(corrections.contains(correction), "{corrections}");
    b.axe(&run_axe, "work list", &mut failures);

    // A new use case with a mistake: the error shows beside the field, the rest is kept.
    b.open(&format!("{site}/mit-arbejde/anvendelser/ny"));
    b.fill(&[
        ("slug", slug),
        ("title", "AB"),
        (
            "summary",
            "En chatbot svarer borgerne om affaldssortering døgnet rundt.",
        ),
        ("primary_category", "intelligent-automation"),
        ("lifecycle", "pilot"),
    ]);
    // A row of a list is added without JavaScript: the button sends the form, which comes back.
    let adds = b.script(
        "return Array.from(document.querySelectorAll('button[name=_add]')).map(e => e.value);",
    );
    assert!(
        adds.as_array()
            .is_some_and(|a| a.contains(&json!("domains"))),
        "{adds}"
    );
    b.click("button[name=_add][value=domains]");
    b.wait_for_page("/mit-arbejde/anvendelser/ny", "[name=\"domains[0]\"]");
    b.fill(&[("domains[0]", "administration")]);
    b.click("button[name=_action][value=save]");
    let error = b.text_of("#f-title-error");
    assert!(!error.is_empty(), "no error beside the title");
    let kept = b.script("return document.querySelector('[name=summary]').value;");
    assert!(
        kept.as_str()
            .is_some_and(|s| s.contains("affaldssortering")),
        "{kept}"
    );
    b.axe(&run_axe, "form with errors", &mut failures);
    b.screenshot("form-errors");
    b.fill(&[
        ("title", "Chatbot om affaldssortering"),
        ("contact.name", "Digitaliseringsteamet"),
        ("contact.email", "digital@norddjurs.dk"),
    ]);
    b.click("button[name=_action][value=save]");
    b.wait_for_page(&edit, "button[name=_action][value=submit]");
    b.axe(&run_axe, "edit form", &mut failures);
    b.click("button[name=_action][value=submit]");
    std::thread::sleep(Duration::from_millis(500));
    b.find("main h1");
    b.sign_out(&site);

    // A curator sees the diff and rejects it with a reason.
    provider.sign_in_as(&kurt);
    b.open(&format!("{site}{review}"));
    b.sign_in_with_provider(&review);
    let changes = b.text_of("main");
    assert!(changes.contains("Chatbot om affaldssortering"), "{changes}");
    b.axe(&run_axe, "review page", &mut failures);
    b.screenshot("review");
    let reason = "Tilføj et målt resultat, før den offentliggøres.";
    b.type_into("#reason", reason);
    b.script(
        "document.querySelector('#reason').form.querySelector('button').click(); return true;",
    );
    std::thread::sleep(Duration::from_millis(500));
    b.find("main h1");
    b.sign_out(&site);

    // The editor sees the reason, edits and resubmits.
    provider.sign_in_as(&anne);
    b.open(&format!("{site}/mit-arbejde"));
    b.sign_in_with_provider("/mit-arbejde");
    let reasons = b.texts_of(".work-reason");
    assert!(reasons.iter().any(|r| r.contains(reason)), "{reasons:?}");
    b.open(&format!("{site}{edit}"));
    b.fill(&[(
        "summary",
        "En chatbot svarer borgerne om affaldssortering døgnet rundt; 60 % af spørgsmålene besvares uden en medarbejder.",
    )]);
    b.click("button[name=_action][value=submit]");
    std::thread::sleep(Duration::from_millis(500));
    b.find("main h1");
    b.sign_out(&site);

    // The curator publishes.
    provider.sign_in_as(&kurt);
    b.open(&format!("{site}{review}"));
    b.sign_in_with_provider(&review);
    b.script(
        "document.querySelector('form.review-action input[name=action][value=publish]').form.querySelector('button').click(); return true;",
    );
    std::thread::sleep(Duration::from_millis(500));
    b.find("main h1");
    b.sign_out(&site);

    // The public page shows it, and search finds it once the index has caught up.
    b.open(&format!("{site}/use-cases/{slug}"));
    assert_eq!(b.text_of("#entry-title"), "Chatbot om affaldssortering");
    let started = Instant::now();
    loop {
        b.open(&format!("{site}/soeg?q=affaldssortering"));
        if !b
            .find_all(&format!(".hits a[href$=\"/use-cases/{slug}\"]"))
            .is_empty()
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "search does not find it"
        );
        std::thread::sleep(Duration::from_millis(500));
    }

    // Sønderborg's editor may not open Norddjurs' edit form; a POST without the token is refused.
    provider.sign_in_as(&sara);
    b.open(&format!("{site}/mit-arbejde"));
    b.sign_in_with_provider("/mit-arbejde");
    assert_eq!(
        b.status_of(
            "GET",
            "/mit-arbejde/anvendelser/smartmail-norddjurs/rediger"
        ),
        403
    );
    assert_eq!(
        b.status_of("POST", "/log-ud"),
        403,
        "a POST without the CSRF token"
    );
    b.open(&format!("{site}/mit-arbejde"));
    b.find("form.sign-out button");

    // An expired session sends the user to sign in and back.
    let db = aikatalog_storage::Database::connect(
        &aikatalog_storage::DatabaseUrl::parse(&format!(
            "sqlite://{}",
            rig.dir.path().join("db.sqlite").display()
        ))
        .expect("the server's database URL"),
    )
    .expect("open the server's database");
    {
        use aikatalog_storage::schema::sessions;
        use diesel::prelude::*;
        let long_ago = chrono::Utc::now().naive_utc() - chrono::TimeDelta::hours(3);
        db.write(|c| {
            diesel::update(sessions::table)
                .set(sessions::last_seen_at.eq(long_ago))
                .execute(c)
        })
        .expect("age the sessions");
    }
    b.open(&format!("{site}/mit-arbejde"));
    b.wait_for_page("/log-ind?next=%2Fmit-arbejde", "main h1");
    b.sign_in_with_provider("/mit-arbejde");
    assert!(b.url().ends_with("/mit-arbejde"), "{}", b.url());

    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
