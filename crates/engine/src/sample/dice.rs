//! Random draws that come out the same on every platform: only `u64` draws (never
//! `usize`, whose width differs between wasm32 and native) and only arithmetic that
//! IEEE 754 rounds exactly (no `exp`/`ln` from the platform's maths library).

pub(super) struct Dice(fastrand::Rng);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(fastrand::Rng::with_seed(seed))
    }

    /// Uniform in `0..n`; 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.0.u64(0..n as u64) as usize
        }
    }

    /// Uniform in `lo..=hi`; `lo` when the range is empty.
    pub fn between(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            lo
        } else {
            self.0.i32(lo..=hi)
        }
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0.f64()
    }

    /// Uniform in `[lo, hi)`.
    pub fn real(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a list that is never empty (the fixed word lists).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len()).min(items.len().saturating_sub(1))]
    }

    /// An index drawn in proportion to `weights`.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut left = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if left < *w {
                return i;
            }
            left -= w;
        }
        weights.len().saturating_sub(1)
    }

    /// One item of a fixed list of (item, weight) pairs, drawn by weight.
    pub fn pick_weighted<'a, T>(&mut self, items: &'a [(T, f64)]) -> &'a T {
        let total: f64 = items.iter().map(|i| i.1).sum();
        let mut left = self.unit() * total;
        for (item, w) in items {
            if left < *w {
                return item;
            }
            left -= w;
        }
        &items[items.len() - 1].0
    }

    /// Approximately standard normal (Irwin–Hall: six uniforms, rescaled), bounded by
    /// about ±4.2: plenty for sample data, and cheap.
    pub fn normal(&mut self) -> f64 {
        ((0..6).map(|_| self.unit()).sum::<f64>() - 3.0) * std::f64::consts::SQRT_2
    }

    /// Log-normal with median 1.
    pub fn log_normal(&mut self, sigma: f64) -> f64 {
        exp(sigma * self.normal())
    }

    /// A random string of decimal digits.
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// `e^x` from basic arithmetic only, so every platform gets the same bits.
pub(super) fn exp(x: f64) -> f64 {
    let x = x.clamp(-700.0, 700.0);
    let k = (x * std::f64::consts::LOG2_E + 0.5).floor();
    let r = x - k * std::f64::consts::LN_2;
    let mut term = 1.0;
    let mut sum = 1.0;
    for i in 1..=13 {
        term *= r / f64::from(i);
        sum += term;
    }
    let scale = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    sum * scale
}

/// Nearest whole number, halves away from zero, without the platform's `round`.
pub(super) fn round(x: f64) -> i64 {
    if x < 0.0 {
        -((-x + 0.5).floor() as i64)
    } else {
        (x + 0.5).floor() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_the_library_closely() {
        for i in -300..=300 {
            let x = f64::from(i) / 20.0;
            let ours = exp(x);
            let lib = x.exp();
            assert!(((ours - lib) / lib).abs() < 1e-13, "{x}: {ours} vs {lib}");
        }
    }

    #[test]
    fn draws_stay_in_range() {
        let mut dice = Dice::new(7);
        for _ in 0..1000 {
            assert!(dice.below(3) < 3);
            let b = dice.between(-5, 5);
            assert!((-5..=5).contains(&b));
            assert_eq!(dice.between(4, 2), 4);
            let n = dice.normal();
            assert!((-4.3..=4.3).contains(&n));
        }
        assert_eq!(dice.below(0), 0);
        assert_eq!(round(2.5), 3);
        assert_eq!(round(-2.5), -3);
    }
}
