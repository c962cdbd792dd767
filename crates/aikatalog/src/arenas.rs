//! glibc's allocator keeps a heap arena per thread (up to eight per core) and holds on to what
//! is freed in each. After `aikatalog-bench serve-memory`'s mix of searches and page views on
//! 100,000 entries the server measured 296 to 306 MB resident, 193 to 199 MB of it heap; with two
//! arenas, 228 MB (125 MB heap). The limit is read from the environment when the process
//! starts, so `serve` started without it starts itself again with it, once, before any thread
//! exists. mimalloc as the global allocator measured 341 to 344 MB and was left out.

use std::os::unix::process::CommandExt;
use std::process::Command;

const VARIABLE: &str = "MALLOC_ARENA_MAX";
const ARENAS: &str = "2";

/// Replaces this process (same PID, arguments and environment) with one that has glibc's arenas
/// limited, unless the limit is already set (to any value: an operator's choice stands). Returns
/// only when it was set or the restart failed, in which case the server runs as it is.
pub fn limit() {
    if std::env::var_os(VARIABLE).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let error = Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(VARIABLE, ARENAS)
        .exec();
    eprintln!("warning: could not restart with {VARIABLE}={ARENAS}: {error}");
}
