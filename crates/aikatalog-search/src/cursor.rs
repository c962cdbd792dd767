//! Where the indexer is in the outbox.
//!
//! Sequence numbers are handed out when a transaction inserts its outbox row but become visible
//! when it commits, so on PostgreSQL change 7 can be visible while change 6 is not yet. The
//! cursor therefore keeps a watermark below which every change has been applied, remembers the
//! changes it applied above it, and only steps over a missing number once it has stayed missing
//! longer than any transaction runs (a rolled-back insert leaves a permanent gap).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Cursor {
    watermark: i64,
    applied_above: BTreeSet<i64>,
    /// Since when the number after the watermark has been missing while later ones exist.
    gap_since: Option<(i64, Instant)>,
    gap_timeout: Duration,
}

impl Cursor {
    pub fn new(watermark: i64, gap_timeout: Duration) -> Self {
        Self {
            watermark,
            applied_above: BTreeSet::new(),
            gap_since: None,
            gap_timeout,
        }
    }

    /// Every change up to and including this one has been applied (or was skipped as a gap).
    pub fn watermark(&self) -> i64 {
        self.watermark
    }

    /// Whether a change read from the outbox still needs applying.
    pub fn is_new(&self, seq: i64) -> bool {
        seq > self.watermark && !self.applied_above.contains(&seq)
    }

    /// Records applied changes and advances the watermark as far as it safely can.
    pub fn applied(&mut self, seqs: impl IntoIterator<Item = i64>, now: Instant) {
        self.applied_above
            .extend(seqs.into_iter().filter(|s| *s > self.watermark));
        loop {
            let next = self.watermark + 1;
            if self.applied_above.remove(&next) {
                self.watermark = next;
                continue;
            }
            if self.applied_above.is_empty() {
                self.gap_since = None;
                return;
            }
            match self.gap_since {
                Some((seq, since)) if seq == next => {
                    if now.duration_since(since) < self.gap_timeout {
                        return;
                    }
                    // Long enough: the transaction that took this number rolled back.
                    self.watermark = next;
                    self.gap_since = None;
                }
                _ => {
                    self.gap_since = Some((next, now));
                    return;
                }
            }
        }
    }

    /// Whether changes after a gap are waiting for it to close.
    pub fn has_gap(&self) -> bool {
        !self.applied_above.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_over_contiguous_changes() {
        let mut c = Cursor::new(0, Duration::from_secs(10));
        c.applied([1, 2, 3], Instant::now());
        assert_eq!(c.watermark(), 3);
        assert!(!c.is_new(2));
        assert!(c.is_new(4));
    }

    #[test]
    fn waits_at_a_gap_then_steps_over_it() {
        let start = Instant::now();
        let mut c = Cursor::new(5, Duration::from_secs(10));
        c.applied([6, 8, 9], start);
        assert_eq!(c.watermark(), 6, "7 may still commit");
        assert!(!c.is_new(8), "8 is applied and must not be applied again");
        assert!(c.is_new(7));
        c.applied([], start + Duration::from_secs(3));
        assert_eq!(c.watermark(), 6);
        // 7 commits late: everything closes up.
        c.applied([7], start + Duration::from_secs(4));
        assert_eq!(c.watermark(), 9);
        assert!(!c.has_gap());
    }

    #[test]
    fn a_gap_that_never_fills_is_skipped_after_the_timeout() {
        let start = Instant::now();
        let mut c = Cursor::new(0, Duration::from_secs(10));
        c.applied([1, 3], start);
        assert_eq!(c.watermark(), 1);
        c.applied([], start + Duration::from_secs(11));
        assert_eq!(c.watermark(), 3);
    }
}
