//! Latency samples and the process's peak memory.

use std::time::Duration;

/// Latencies of one engine over the query mix.
#[derive(Debug, Clone, Default)]
pub struct Latencies {
    samples: Vec<Duration>,
    /// Wall time of the measured passes, for throughput.
    pub wall: Duration,
}

impl Latencies {
    pub fn push(&mut self, d: Duration) {
        self.samples.push(d);
    }

    /// The `p`th percentile (nearest rank), in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.samples.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.samples.clone();
        sorted.sort();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
    }

    /// Queries per second on one thread.
    pub fn throughput(&self) -> f64 {
        self.samples.len() as f64 / self.wall.as_secs_f64()
    }

    /// Adds another run's samples (a connection's, in the load test).
    pub fn extend(&mut self, other: Latencies) {
        self.samples.extend(other.samples);
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }
}

/// The process's peak resident memory in MiB (Linux), if known.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The processor time the process has used so far, on all its threads (Linux; user and
/// system, in clock ticks of 10 ms), if known. Less disturbed than wall time by other work on
/// the machine, so it compares two builds more steadily.
pub fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// The size of a folder's files in MiB.
pub fn folder_mib(path: &std::path::Path) -> f64 {
    let mut bytes = 0u64;
    if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            if let Ok(meta) = entry.metadata() {
                bytes += if meta.is_dir() { 0 } else { meta.len() };
            }
        }
    }
    bytes as f64 / (1024.0 * 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut l = Latencies::default();
        for ms in 1..=100 {
            l.push(Duration::from_millis(ms));
        }
        assert_eq!(l.percentile_ms(50.0).round(), 50.0);
        assert_eq!(l.percentile_ms(99.0).round(), 99.0);
    }
}
