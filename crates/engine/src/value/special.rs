//! Special functions the buy-till-you-die models need, written here so the engine
//! stays free of a statistics crate (the browser bundle is small).

/// Lanczos coefficients (g = 7, n = 9): about 15 correct digits for positive arguments.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x > 0 (the only case the likelihoods use); NaN otherwise, so a bad
/// parameter shows up as a non-finite likelihood instead of a wrong number.
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return f64::NAN;
    }
    if x < 0.5 {
        // Reflection keeps the series in its accurate range: Γ(x)Γ(1−x) = π / sin(πx).
        let s = (std::f64::consts::PI * x).sin();
        return std::f64::consts::PI.ln() - s.abs().ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// ψ(x) = d/dx ln Γ(x) for x > 0, for the likelihood's gradient: the recurrence
/// ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotic series (error below 1e-13).
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return f64::NAN;
    }
    let mut x = x;
    let mut result = 0.0;
    while x < 10.0 {
        result -= 1.0 / x;
        x += 1.0;
    }
    let inv2 = 1.0 / (x * x);
    let series = inv2
        * (1.0 / 12.0
            - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 / 132.0))));
    result + x.ln() - 0.5 / x - series
}

/// ln of the Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its power
/// series summed in log space (terms can be huge when z is near 1 and c − a − b < 0).
/// Returns `None` when the series does not settle (z ≥ 1, or a term is not finite).
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&z) || !a.is_finite() || !b.is_finite() || !c.is_finite() {
        return None;
    }
    if z == 0.0 {
        return Some(0.0);
    }
    let ln_z = z.ln();
    // Running sum as (max log term, Σ sign·exp(log term − max)).
    let mut ln_term = 0.0_f64;
    let mut sign = 1.0_f64;
    let mut shift = 0.0_f64;
    let mut sum = 1.0_f64;
    for k in 0..200_000u32 {
        let k = f64::from(k);
        let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0));
        if ratio == 0.0 {
            break;
        }
        if !ratio.is_finite() {
            return None;
        }
        if ratio < 0.0 {
            sign = -sign;
        }
        ln_term += ratio.abs().ln() + ln_z;
        if ln_term > shift {
            sum *= (shift - ln_term).exp();
            shift = ln_term;
        }
        sum += sign * (ln_term - shift).exp();
        // The ratio of later terms is z·(a+j)/(j+1)·(b+j)/(c+j), each fraction monotone
        // in j towards 1, so ρ = z·max(·,1)·max(·,1) bounds every later ratio; once the
        // geometric tail term·ρ/(1−ρ) is negligible the sum is done.
        let next = k + 1.0;
        if a + next > 0.0 && b + next > 0.0 && c + next > 0.0 {
            let rho = z * ((a + next) / (next + 1.0)).max(1.0) * ((b + next) / (c + next)).max(1.0);
            if rho < 1.0 && ln_term - shift + (rho / (1.0 - rho)).ln() < -38.0 {
                return (sum > 0.0).then(|| shift + sum.ln());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_factorials_and_half() {
        assert!((ln_gamma(1.0)).abs() < 1e-13);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        assert!((ln_gamma(0.1) - 2.252_712_651_734_206).abs() < 1e-11);
        assert!((ln_gamma(171.5) - 709.143_163_030_928_2).abs() < 1e-9);
        assert!(ln_gamma(0.0).is_nan());
    }

    #[test]
    fn digamma_matches_known_values_and_the_slope_of_ln_gamma() {
        assert!((digamma(1.0) + 0.577_215_664_901_532_9).abs() < 1e-13);
        assert!((digamma(0.5) + 1.963_510_026_021_423_5).abs() < 1e-13);
        assert!((digamma(10.0) - 2.251_752_589_066_721).abs() < 1e-13);
        for x in [0.03, 0.7, 2.5, 13.0, 480.0, 1e6] {
            let h = 1e-5 * x;
            let slope = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(
                (digamma(x) - slope).abs() < 1e-6 * (1.0 + slope.abs()),
                "{x}"
            );
        }
        assert!(digamma(0.0).is_nan());
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
        for z in [0.1, 0.5, 0.9, 0.999] {
            let got = ln_hyp2f1(1.0, 1.0, 2.0, z).expect("converges");
            let want = (-(1.0 - z).ln() / z).ln();
            assert!((got - want).abs() < 1e-10, "z={z}: {got} vs {want}");
        }
        // ₂F₁(a, b; b; z) = (1 − z)^(−a)
        let got = ln_hyp2f1(2.5, 3.0, 3.0, 0.7).expect("converges");
        assert!((got - (-2.5 * 0.3f64.ln())).abs() < 1e-10);
        // Large b ≈ c, as a business book's fit gives: still (1 − z)^(−a), quickly.
        let got = ln_hyp2f1(2.1, 9912.0, 9957.0, 0.5).expect("converges");
        let series: f64 = {
            let (mut term, mut sum) = (1.0f64, 1.0f64);
            for k in 0..2000 {
                let k = f64::from(k);
                term *= (2.1 + k) * (9912.0 + k) / ((9957.0 + k) * (k + 1.0)) * 0.5;
                sum += term;
            }
            sum.ln()
        };
        assert!((got - series).abs() < 1e-12, "{got} vs {series}");
        assert!(ln_hyp2f1(1.0, 1.0, 2.0, 1.0).is_none());
    }
}
