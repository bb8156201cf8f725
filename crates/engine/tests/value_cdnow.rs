//! The models reproduce Fader, Hardie & Lee's published fits on the public CDNOW
//! summary (2,357 customers, weeks), which is what makes the book's own fits trustworthy.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::value::{BgNbd, FitError, FitOptions, GammaGamma, Summary};

fn cdnow() -> Vec<Summary> {
    let text = include_str!("fixtures/cdnow_summary.csv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            let num = |i: usize| cols[i].trim().parse::<f64>().expect("a number");
            Summary {
                x: num(1) as u32,
                t_x: num(2),
                t: num(3),
                mean_spend: num(4),
            }
        })
        .collect()
}

fn close(got: f64, want: f64, tolerance: f64) -> bool {
    ((got - want) / want).abs() <= tolerance
}

#[test]
fn the_summary_has_every_cdnow_customer() {
    let data = cdnow();
    assert_eq!(data.len(), 2357);
    assert_eq!(data.iter().filter(|s| s.x > 0).count(), 946);
}

#[test]
fn bgnbd_reproduces_the_published_fit() {
    let m = BgNbd::fit(&cdnow(), &FitOptions::default()).expect("fits");
    eprintln!("{m:?}");
    assert!(close(m.r, 0.243, 0.01), "r = {}", m.r);
    assert!(close(m.alpha, 4.414, 0.01), "alpha = {}", m.alpha);
    assert!(close(m.a, 0.793, 0.01), "a = {}", m.a);
    assert!(close(m.b, 2.426, 0.01), "b = {}", m.b);
    // FHL report LL = −9582.4.
    assert!(
        (m.log_likelihood + 9582.4).abs() < 0.5,
        "{}",
        m.log_likelihood
    );
}

#[test]
fn bgnbd_converges_from_poor_starting_points() {
    let data = cdnow();
    for start in [[10.0, 0.1, 5.0, 0.05], [0.01, 50.0, 0.05, 20.0]] {
        let m = BgNbd::fit_from(&data, &FitOptions::default(), start).expect("fits");
        assert!(
            close(m.r, 0.243, 0.01) && close(m.b, 2.426, 0.01),
            "{start:?}: {m:?}"
        );
    }
}

#[test]
fn bgnbd_predictions_match_lifetimes() {
    let m = BgNbd::fit(&cdnow(), &FitOptions::default()).expect("fits");
    // FHL's customer: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
    // (the paper's worked example of equation 10 is about 1.23).
    let s = Summary {
        x: 2,
        t_x: 30.43,
        t: 38.86,
        mean_spend: 22.35,
    };
    let e = m.expected_purchases(&s, 39.0).expect("converges");
    assert!((e - 1.226).abs() < 0.01, "{e}");
    let p = m.p_alive(&s);
    assert!(p > 0.5 && p < 1.0, "{p}");
    // A customer who bought often and then went silent is probably gone.
    let silent = Summary {
        x: 7,
        t_x: 5.0,
        t: 38.0,
        mean_spend: 20.0,
    };
    assert!(m.p_alive(&silent) < 0.05);
    assert_eq!(
        m.p_alive(&Summary {
            x: 0,
            t_x: 0.0,
            t: 30.0,
            mean_spend: 0.0
        }),
        1.0
    );
}

#[test]
fn no_purchase_in_a_window_is_a_probability_that_ranks_one_time_buyers() {
    let m = BgNbd::fit(&cdnow(), &FitOptions::default()).expect("fits");
    let once = |t: f64| Summary {
        x: 0,
        t_x: 0.0,
        t,
        mean_spend: 0.0,
    };
    // P(alive) cannot tell one-time buyers apart; silence in the coming weeks can: the
    // longer they have been silent, the likelier they stay so.
    assert_eq!(m.p_alive(&once(5.0)), m.p_alive(&once(35.0)));
    assert!(m.p_no_purchase(&once(35.0), 13.0) > m.p_no_purchase(&once(5.0), 13.0));
    for s in cdnow().iter().take(300) {
        let p0 = m.p_no_purchase(s, 0.0);
        let p13 = m.p_no_purchase(s, 13.0);
        let p39 = m.p_no_purchase(s, 39.0);
        assert_eq!(p0, 1.0);
        assert!((0.0..=1.0).contains(&p13) && p39 <= p13, "{s:?}");
        // At least one purchase is never likelier than the purchases expected.
        let e = m.expected_purchases(s, 39.0).expect("converges");
        assert!(1.0 - p39 <= e + 1e-9, "{s:?}: {p39} vs {e}");
        // A customer who is surely gone stays silent; a live one buys eventually.
        let never = m.p_no_purchase(s, 1e40);
        assert!((never - (1.0 - m.p_alive(s))).abs() < 1e-6, "{s:?}");
    }
}

#[test]
fn gamma_gamma_reproduces_the_published_fit() {
    let g = GammaGamma::fit(&cdnow(), 10).expect("fits");
    eprintln!("{g:?}");
    assert!(close(g.p, 6.25, 0.01), "p = {}", g.p);
    assert!(close(g.q, 3.74, 0.01), "q = {}", g.q);
    assert!(close(g.gamma, 15.44, 0.01), "gamma = {}", g.gamma);
    // Spend is shrunk from the customer's own mean towards the population's.
    let e = g.expected_spend(1, 200.0);
    assert!(e < 200.0 && e > 35.0, "{e}");
}

#[test]
fn too_little_data_is_refused_with_a_reason() {
    let few: Vec<Summary> = cdnow().into_iter().take(5).collect();
    assert!(matches!(
        BgNbd::fit(&few, &FitOptions::default()),
        Err(FitError::TooLittleData { .. })
    ));
    let nobody_returns: Vec<Summary> = (0..100)
        .map(|i| Summary {
            x: 0,
            t_x: 0.0,
            t: 10.0 + f64::from(i),
            mean_spend: 0.0,
        })
        .collect();
    assert!(BgNbd::fit(&nobody_returns, &FitOptions::default()).is_err());
    assert!(GammaGamma::fit(&nobody_returns, 10).is_err());
    let bad = [Summary {
        x: 0,
        t_x: 5.0,
        t: 10.0,
        mean_spend: 0.0,
    }];
    assert_eq!(
        BgNbd::fit(&bad, &FitOptions::default()),
        Err(FitError::BadSummary { row: 0 })
    );
}
