//! The `liuke` binary end to end: arguments in, output and exit code out.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const CDNOW: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../engine/tests/fixtures/cdnow_summary.csv"
);

fn liuke(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liuke"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh path in the temp dir, unique per process and call.
fn temp(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("liuke-cli-test-{}-{n}-{name}", std::process::id()))
}

fn write(name: &str, text: &str) -> PathBuf {
    let path = temp(name);
    std::fs::write(&path, text).expect("temp file written");
    path
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn num(v: &serde_json::Value, pointer: &str) -> f64 {
    v.pointer(pointer)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or(f64::NAN)
}

fn close(got: f64, want: f64) -> bool {
    ((got - want) / want).abs() <= 0.01
}

#[test]
fn clv_on_cdnow_reproduces_the_published_fits() {
    let out = temp("cdnow-values.csv");
    let o = liuke(&["clv", "--summary", CDNOW, "--out", path(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    for (pointer, want) in [
        ("/bgnbd/r", 0.243),
        ("/bgnbd/alpha", 4.414),
        ("/bgnbd/a", 0.793),
        ("/bgnbd/b", 2.426),
        ("/gamma_gamma/p", 6.25),
        ("/gamma_gamma/q", 3.74),
        ("/gamma_gamma/gamma", 15.44),
    ] {
        assert!(close(num(&v, pointer), want), "{pointer}: {v}");
    }
    assert!(
        (num(&v, "/bgnbd/log_likelihood") + 9582.4).abs() < 0.5,
        "{v}"
    );
    assert_eq!(v["customers"], 2357);
    let csv = std::fs::read_to_string(&out).expect("--out written");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("customer_id,p_alive,expected_purchases,expected_avg_spend,clv")
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| {
            l.split(',')
                .map(|c| c.parse().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2357);
    // FHL's customer 1 (x = 2, t_x = 30.43, T = 38.86) expects 1.226 purchases in 39 weeks.
    assert_eq!(rows[0][0], 1.0);
    assert!((rows[0][2] - 1.226).abs() < 0.01, "{:?}", rows[0]);
    // Without a discount, CLV is purchases × spend.
    for r in &rows {
        assert!(
            r.iter().all(|v| v.is_finite()) && (0.0..=1.0).contains(&r[1]),
            "{r:?}"
        );
        assert!(
            (r[4] - r[2] * r[3]).abs() <= 1e-9 * r[4].abs().max(1.0),
            "{r:?}"
        );
    }
    let _ = std::fs::remove_file(out);
}

#[test]
fn a_discount_lowers_clv() {
    let out = temp("discounted.csv");
    let o = liuke(&[
        "clv",
        "--summary",
        CDNOW,
        "--horizon",
        "52",
        "--discount",
        "0.01",
        "--out",
        path(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&out).expect("--out written");
    for line in csv.lines().skip(1).take(50) {
        let r: Vec<f64> = line
            .split(',')
            .map(|c| c.parse().unwrap_or(f64::NAN))
            .collect();
        assert!(
            r[4] <= r[2] * r[3] + 1e-9 && r[4] >= r[2] * r[3] / 1.01f64.powi(52),
            "{r:?}"
        );
    }
    let _ = std::fs::remove_file(out);
}

/// 60 customers buying on Mondays, so their weekly summary is known by construction:
/// customer i starts i % 7 weeks after 2024-01-01, buys (i % 5) more times every
/// (1 + i % 3) weeks, 10 + i yuan each (twice on the same day when i is even, which is
/// one purchase of twice the value).
fn synthetic() -> (String, String) {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    let end = chrono::NaiveDate::from_ymd_opt(2024, 6, 5).expect("a date"); // a Wednesday
    let weeks = |d: chrono::NaiveDate| (d - start).num_days() / 7;
    let mut log = String::from("amount,date,customer_id\n");
    let mut summary = String::from("customer_id,frequency,recency,T,monetary_value\n");
    for i in 0..60i64 {
        let first = start + chrono::Duration::weeks(i % 7);
        let repeats = i % 5;
        let gap = 1 + i % 3;
        let amount = 10 + i;
        let per_day = if i % 2 == 0 { 2 } else { 1 };
        let mut last = first;
        for k in 0..=repeats {
            last = first + chrono::Duration::weeks(k * gap);
            for _ in 0..per_day {
                log.push_str(&format!("{amount},{last},{i}\n"));
            }
        }
        let spend = if repeats > 0 { amount * per_day } else { 0 };
        summary.push_str(&format!(
            "{i},{repeats},{},{},{spend}\n",
            weeks(last) - weeks(first),
            weeks(end) - weeks(first)
        ));
    }
    // A purchase after the end's week is ignored.
    log.push_str("99,2024-06-20,1\n");
    (log, summary)
}

#[test]
fn transactions_give_the_same_fit_as_their_summary() {
    let (log, summary) = synthetic();
    let log = write("log.csv", &log);
    let summary = write("summary.csv", &summary);
    let (out_log, out_summary) = (temp("log-values.csv"), temp("summary-values.csv"));
    let a = liuke(&[
        "clv",
        "--transactions",
        path(&log),
        "--end",
        "2024-06-05",
        "--out",
        path(&out_log),
    ]);
    let b = liuke(&[
        "clv",
        "--summary",
        path(&summary),
        "--out",
        path(&out_summary),
    ]);
    assert!(
        a.status.success() && b.status.success(),
        "{}{}",
        stderr(&a),
        stderr(&b)
    );
    assert_eq!(json(&a), json(&b));
    assert_eq!(json(&a)["customers"], 60);
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    let mut x: Vec<String> = read(&out_log).lines().map(String::from).collect();
    let mut y: Vec<String> = read(&out_summary).lines().map(String::from).collect();
    x.sort();
    y.sort();
    assert_eq!(x, y);
    for p in [log, summary, out_log, out_summary] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn a_missing_column_names_the_file_and_the_column() {
    let f = write(
        "nocol.csv",
        "customer_id,frequency,recency,monetary_value\n1,0,0,0\n",
    );
    let o = liuke(&["clv", "--summary", path(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(path(&f)) && e.contains("row 1") && e.contains("'T'"),
        "{e}"
    );
    let _ = std::fs::remove_file(f);
}

#[test]
fn a_bad_cell_names_its_row_and_column() {
    let text = "ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,0,0,38.86,0\n3,two,1,38,5\n";
    let f = write("badnum.csv", text);
    let o = liuke(&["clv", "--summary", path(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("row 4") && e.contains("frequency") && e.contains("'two'"),
        "{e}"
    );
    let f2 = write(
        "baddate.csv",
        "customer_id,date,amount\n1,2024-01-01,5\n1,2024-13-01,5\n",
    );
    let o = liuke(&["clv", "--transactions", path(&f2), "--end", "2024-06-01"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("row 3") && e.contains("date"), "{e}");
    let f3 = write("nan.csv", "customer_id,date,amount\n1,2024-01-01,NaN\n");
    let o = liuke(&["clv", "--transactions", path(&f3), "--end", "2024-06-01"]);
    assert!(
        o.status.code() == Some(1) && stderr(&o).contains("row 2"),
        "{}",
        stderr(&o)
    );
    for p in [f, f2, f3] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn too_little_data_is_a_data_error() {
    let f = write(
        "few.csv",
        "customer_id,frequency,recency,T,monetary_value\n1,1,2,5,3\n",
    );
    let o = liuke(&["clv", "--summary", path(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot fit"), "{}", stderr(&o));
    let _ = std::fs::remove_file(f);
}

#[test]
fn usage_errors_exit_with_2_and_help_with_0() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["clv"],
        &["clv", "--summary", CDNOW, "--horizon", "-3"],
        &["clv", "--transactions", CDNOW],
        &["clv", "--transactions", CDNOW, "--end", "yesterday"],
        &["clv", "--summary", CDNOW, "--bogus"],
        &["score", "--backup", "x.json"],
        &["backtest", "--backup", "x.json", "--as-of", "2026-01-01"],
        &[
            "backtest",
            "--backup",
            "x.json",
            "--as-of",
            "2026-01-01",
            "--watch",
            "0",
        ],
    ] {
        let o = liuke(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("liuke: error:"), "{args:?}");
    }
    let o = liuke(&["--help"]);
    assert!(o.status.success() && stdout(&o).contains("liuke clv"));
    for cmd in ["clv", "score", "backtest", "assign", "plan"] {
        let o = liuke(&[cmd, "--help"]);
        assert!(o.status.success(), "{cmd}");
        assert!(stdout(&o).contains(&format!("liuke {cmd}")), "{cmd}");
    }
}

fn assign(costs: &str, capacities: Option<&str>) -> Output {
    let c = write("costs.csv", costs);
    let mut args = vec!["assign".to_string(), "--costs".into(), path(&c).into()];
    let cap = capacities.map(|text| write("capacities.txt", text));
    if let Some(p) = &cap {
        args.extend(["--capacities".to_string(), path(p).to_string()]);
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = liuke(&refs);
    let _ = std::fs::remove_file(c);
    if let Some(p) = cap {
        let _ = std::fs::remove_file(p);
    }
    o
}

#[test]
fn assign_finds_the_known_optimum() {
    // The greedy choice (row 1 → column 2 at 1) forces row 2 to 5; the optimum is 5 = 1 + 2 + 2.
    let o = assign("4,1,3\n2,0,5\n3,2,2\n", None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["total_cost"], 5.0);
    assert_eq!(v["assignment"], serde_json::json!([1, 0, 2]));
    // Decimals, and a second place in column 1 (capacities comma-separated).
    let o = assign("1.5,9\n1.25,9\n7,0.5\n", Some("2,1"));
    let v = json(&o);
    assert!((num(&v, "/total_cost") - 3.25).abs() < 1e-12, "{v}");
    assert_eq!(v["assignment"], serde_json::json!([0, 0, 1]));
}

#[test]
fn assign_respects_empty_cells() {
    // Row 1 may only use column 2, although column 1 is far cheaper for it.
    let o = assign(",100\n1,2\n", None);
    let v = json(&o);
    assert_eq!(v["assignment"], serde_json::json!([1, 0]), "{v}");
    assert_eq!(v["total_cost"], 101.0);
}

#[test]
fn assign_explains_infeasible_and_bad_input() {
    let o = assign("1,,\n2,,\n,3,4\n", None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("infeasible: rows 1, 2"),
        "{}",
        stderr(&o)
    );
    let o = assign("1,2\n3,4\n5,6\n", None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("3 rows"), "{}", stderr(&o));
    let o = assign("1,2\n3,abc\n", None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("row 2, column 2: 'abc'"),
        "{}",
        stderr(&o)
    );
    let o = assign("1,2\n3\n", None);
    assert!(
        o.status.code() == Some(1) && stderr(&o).contains("row 2"),
        "{}",
        stderr(&o)
    );
    let o = assign("1,2\n3,4\n", Some("1\nlots\n"));
    assert!(
        o.status.code() == Some(1) && stderr(&o).contains("row 2"),
        "{}",
        stderr(&o)
    );
    let o = assign("1,2\n3,4\n", Some("1\n"));
    assert!(
        o.status.code() == Some(1) && stderr(&o).contains("1 capacities for 2"),
        "{}",
        stderr(&o)
    );
    let o = assign("", None);
    assert_eq!(o.status.code(), Some(1));
}

/// The S sample book as a backup file, as of `today`.
fn sample_backup(today: &str) -> PathBuf {
    let day: liuke_engine::Date = today.parse().expect("a date");
    let book = liuke_engine::sample::sample_book(liuke_engine::sample::SampleSize::S, day);
    write(
        "backup.json",
        &liuke_engine::interchange::backup::export(&book, day),
    )
}

#[test]
fn backtest_prints_the_scores_auc_beside_the_naive_ranking() {
    let backup = sample_backup("2026-11-22");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "backtest",
            "--backup",
            path(&backup),
            "--as-of",
            "2026-05-26",
            "--watch",
            "180",
        ];
        args.extend_from_slice(extra);
        liuke(&args)
    };
    let o = run(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let auc = num(&v, "/auc");
    assert!(auc > 0.6 && auc < 1.0, "{v}");
    assert!(
        num(&v, "/auc_low") < auc && auc < num(&v, "/auc_high"),
        "{v}"
    );
    assert!((0.0..=1.0).contains(&num(&v, "/recency_auc")), "{v}");
    assert!((0.0..=1.0).contains(&num(&v, "/top_decile_share")), "{v}");
    assert_eq!(v["weights"], "hand_set");
    assert_eq!(v["lift"].as_array().map(Vec::len), Some(10));
    // Weights learned from before the date rank at least as well on this book.
    let o = run(&["--learned"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let learned = json(&o);
    assert_eq!(learned["weights"], "learned");
    assert!(num(&learned, "/auc") >= auc, "{learned} vs {v}");
    // An outcome not known yet is refused, naming the file.
    let o = run(&["--today", "2026-06-30"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("backup.json"), "{}", stderr(&o));
}

#[test]
fn score_prints_the_register_of_a_backup() {
    let backup = sample_backup("2026-11-22");
    let o = liuke(&["score", "--backup", path(&backup), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header.join(","),
        "customer_id,name,score,band,value,value_at_risk,owner_id,last_contact,top_reasons,next_action"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("a CSV row")).collect();
    assert!(rows.len() > 100, "{} lines", rows.len());
    let var: Vec<f64> = rows
        .iter()
        .map(|r| r[5].parse().unwrap_or(f64::NAN))
        .collect();
    assert!(
        var.windows(2).all(|w| w[0] >= w[1]),
        "sorted by value at risk"
    );
    for r in &rows {
        assert!(r[0].parse::<u64>().is_ok() && !r[1].is_empty(), "{r:?}");
        let score: f64 = r[2].parse().unwrap_or(f64::NAN);
        assert!((0.0..=100.0).contains(&score), "{r:?}");
        assert!(
            ["low", "watch", "high", "critical"].contains(&&r[3]),
            "{r:?}"
        );
        assert!(
            r[8].split(';').filter(|s| !s.is_empty()).count() <= 3,
            "{r:?}"
        );
        assert!(
            r[8].chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == ';'),
            "{r:?}"
        );
        assert!(!r[9].is_empty() && r[9].chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    }
    assert!(rows
        .iter()
        .any(|r| !r[8].is_empty() && !r[6].is_empty() && !r[7].is_empty()));
    let _ = std::fs::remove_file(backup);
}

#[test]
fn score_refuses_a_file_that_is_not_a_backup() {
    let f = write("not-backup.json", "{\"hello\": 1}");
    let o = liuke(&["score", "--backup", path(&f), "--today", "2026-11-22"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(path(&f)), "{}", stderr(&o));
    let _ = std::fs::remove_file(f);
}

#[test]
fn plan_places_every_customer_of_the_leaver() {
    let today = "2026-11-22";
    let day: liuke_engine::Date = today.parse().expect("a date");
    let book = liuke_engine::sample::sample_book(liuke_engine::sample::SampleSize::S, day);
    let (leaver, owned) = book
        .staff()
        .iter()
        .map(|s| (s.id, book.owned_by(s.id).count()))
        .max_by_key(|(_, n)| *n)
        .expect("staff");
    assert!(owned > 0);
    let backup = sample_backup(today);
    let id = leaver.0.to_string();
    let o = liuke(&[
        "plan",
        "--backup",
        path(&backup),
        "--leaving",
        &id,
        "--date",
        "2026-12-31",
        "--today",
        today,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header.join(","),
        "customer_id,customer,from_id,to_id,to_name,cost,reasons"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("a CSV row")).collect();
    assert!(
        !rows.is_empty() && rows.len() <= owned,
        "{} of {owned}",
        rows.len()
    );
    for r in &rows {
        assert_eq!(&r[2], id.as_str(), "{r:?}");
        assert_ne!(&r[3], id.as_str(), "{r:?}");
        assert!(
            !r[1].is_empty() && !r[4].is_empty() && r[5].parse::<f64>().is_ok(),
            "{r:?}"
        );
    }
    let o = liuke(&[
        "plan",
        "--backup",
        path(&backup),
        "--leaving",
        "999999",
        "--date",
        today,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no staff member with id 999999"),
        "{}",
        stderr(&o)
    );
    let o = liuke(&[
        "plan",
        "--backup",
        path(&backup),
        "--leaving",
        "bob",
        "--date",
        today,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_file(backup);
}
