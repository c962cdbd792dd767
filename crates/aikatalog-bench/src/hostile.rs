//! `aikatalog-bench hostile`: queries an attacker would send, each timed and measured for the
//! memory it allocates, against the target "no query over 100 ms or 50 MB" (issue 16).
//!
//! Memory is counted by the binary's global allocator (`peak_alloc`): the peak of live heap
//! bytes during one query, less what was live when it started. It counts every thread, so the
//! search threads' allocations are in it; memory mapped by the index is not (it is the index's
//! files, shared by every query).

use std::sync::Arc;
use std::time::{Duration, Instant};

use aikatalog_search::{QueryRejected, SearchError, SearchIndex, SearchRequest};
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

const TARGET_MS: f64 = 100.0;
const TARGET_MB: f64 = 50.0;

/// `n` misspelt words built from `bases`, each made distinct by a letter (so they stay words
/// the planner may split and widen), joined by `separator`.
fn misspelt(bases: &[&str], n: usize, separator: &str) -> String {
    (0..n)
        .map(|i| {
            let suffix: String = format!("{i:x}")
                .chars()
                .map(|c| (b'a' + c.to_digit(16).unwrap_or(0) as u8) as char)
                .collect();
            format!("{}{suffix}", bases[i % bases.len()])
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// Misspelt compounds as in the issue (400 of them `OR`ed are 9 KB).
const COMPOUNDS: [&str; 8] = [
    "borgerbetjenning",
    "mailsorterring",
    "rehabillitering",
    "talegenkendlese",
    "hjemmeplje",
    "kommunkation",
    "sagsbehandlng",
    "beslutningstøtet",
];
/// Shorter misspelt words, so that 32 of them fit in the length limit.
const SHORT: [&str; 6] = [
    "hjemmeplje",
    "aktindsgt",
    "gladsaks",
    "talegenkn",
    "mailsorte",
    "borgerbtj",
];

/// The hostile mix: a name and the query string.
fn mix() -> Vec<(&'static str, String)> {
    let junk: String = "ꙮ\u{202e}\u{0301}\u{200b}🤖𝔄ﷺ\u{feff}".repeat(12);
    vec![
        (
            "400 OR'ed misspelt compounds",
            misspelt(&COMPOUNDS, 400, " OR "),
        ),
        (
            "2,000 OR'ed misspelt compounds",
            misspelt(&COMPOUNDS, 2_000, " OR "),
        ),
        (
            "32 OR'ed misspelt words (at the word limit)",
            misspelt(&SHORT, 32, " OR "),
        ),
        (
            "24 misspelt compounds, all required (at the part limit)",
            misspelt(&COMPOUNDS, 24, " "),
        ),
        (
            "24 misspelt 19-letter compounds",
            misspelt(&["borgerbetjenningso"], 24, " "),
        ),
        (
            "12 misspelt 40-letter compounds",
            misspelt(&["borgerbetjenningsbeslutningsstottesyst"], 12, " "),
        ),
        (
            "32 common words OR'ed",
            [
                "kommune", "borger", "data", "AI", "sag", "service", "digital", "model",
            ]
            .repeat(4)
            .join(" OR "),
        ),
        (
            "one 500-letter word",
            "kommunikation".repeat(40)[..500].to_owned(),
        ),
        (
            "deeply nested parentheses",
            format!("{}kommune{}", "(".repeat(240), ")".repeat(240)),
        ),
        (
            "a 32-word phrase",
            format!(
                "\"{}\"",
                ["kunstig", "intelligens", "i", "kommunen"]
                    .repeat(8)
                    .join(" ")
            ),
        ),
        (
            "a 2,000-word phrase",
            format!("\"{}\"", ["kunstig", "intelligens"].repeat(1_000).join(" ")),
        ),
        (
            "24 exclusions",
            (0..24)
                .map(|i| format!("-ord{i}"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (
            "wildcard-ish input",
            "* ? *kommune* borger* ~2 data^3 [a TO z] field:value a* *".to_owned(),
        ),
        ("9 KB of one word", "a".repeat(9 * 1024)),
        ("100 KB of words", "kommune ".repeat(100 * 1024 / 8)),
        ("160 repeated ORs", "OR ".repeat(160)),
        ("repeated operators and quotes", "- \" OR -\"\" ".repeat(40)),
        ("unicode junk", junk),
    ]
}

/// What one query did.
struct Measured {
    took: Duration,
    grew_mb: f64,
    outcome: String,
}

fn measure(index: &SearchIndex, q: &str) -> Measured {
    let request = SearchRequest {
        q: q.to_owned(),
        limit: 20,
        ..SearchRequest::default()
    };
    ALLOCATOR.reset_peak_usage();
    let before = ALLOCATOR.current_usage();
    let started = Instant::now();
    let result = index.search(&request);
    let took = started.elapsed();
    let grew = ALLOCATOR.peak_usage().saturating_sub(before);
    let outcome = match result {
        Ok(r) => format!("{} hits ({:?})", r.total, r.matched),
        Err(SearchError::Rejected(rejected)) => refused(&rejected),
        Err(e) => format!("error: {e}"),
    };
    Measured {
        took,
        grew_mb: grew as f64 / (1024.0 * 1024.0),
        outcome,
    }
}

fn refused(r: &QueryRejected) -> String {
    format!("400 {}: {r}", r.code())
}

/// Runs the mix `passes` times, printing the worst time and memory of each query and a verdict;
/// then the worst accepted query on four threads at once.
pub fn run(index: Arc<SearchIndex>, passes: usize, only: Option<&str>) -> bool {
    println!("| query | characters | worst time | worst memory growth | answer |");
    println!("|---|---|---|---|---|");
    let mut worst_ms: f64 = 0.0;
    let mut worst_mb: f64 = 0.0;
    let mut heaviest_accepted: Option<(f64, String)> = None;
    for (name, q) in mix()
        .into_iter()
        .filter(|(name, _)| only.is_none_or(|o| name.contains(o)))
    {
        let mut took: f64 = 0.0;
        let mut grew: f64 = 0.0;
        let mut outcome = String::new();
        for _ in 0..passes.max(1) {
            let m = measure(&index, &q);
            took = took.max(m.took.as_secs_f64() * 1000.0);
            grew = grew.max(m.grew_mb);
            outcome = m.outcome;
        }
        worst_ms = worst_ms.max(took);
        worst_mb = worst_mb.max(grew);
        if !outcome.starts_with("400")
            && heaviest_accepted.as_ref().is_none_or(|(ms, _)| took > *ms)
        {
            heaviest_accepted = Some((took, q.clone()));
        }
        println!(
            "| {name} | {} | {took:.1} ms | {grew:.1} MB | {outcome} |",
            q.chars().count()
        );
    }
    let met = worst_ms <= TARGET_MS && worst_mb <= TARGET_MB;
    println!();
    println!(
        "Target: no query over {TARGET_MS:.0} ms or {TARGET_MB:.0} MB: {} (worst {worst_ms:.1} ms, {worst_mb:.1} MB; {} passes)",
        if met { "met" } else { "MISSED" },
        passes.max(1)
    );
    if let Some((_, q)) = heaviest_accepted {
        ALLOCATOR.reset_peak_usage();
        let before = ALLOCATOR.current_usage();
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| measure(&index, &q));
            }
        });
        let grew = ALLOCATOR.peak_usage().saturating_sub(before) as f64 / (1024.0 * 1024.0);
        println!(
            "The slowest accepted query on 4 threads at once: {:.1} ms in all, {grew:.1} MB together.",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    met
}
