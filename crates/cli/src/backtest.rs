//! `liuke backtest`: how well the risk score of a backup would have ranked the
//! customers who then stopped buying, as one JSON object, beside the naive ranking by
//! days since the last order.

use crate::args::{Parsed, Spec};
use crate::error::{CliError, CliResult};
use crate::input;
use crate::score::{read_backup, risk_settings};
use liuke_engine::risk::backtest;

pub const SPEC: Spec = Spec {
    command: "backtest",
    values: &["backup", "as-of", "watch", "today"],
    switches: &["learned"],
};

pub const USAGE: &str = "\
liuke backtest --backup FILE --as-of DATE --watch DAYS [--today DATE] [--learned]

Scores the customers of a Liuke backup as of DATE with only what was known then, and
checks the ranking against who placed no order in the DAYS after it. Prints one JSON
object: auc, auc_low and auc_high (its 95 % interval), top_decile_share (the share
who left among the 10 % scored highest), recency_auc (sorting by days since the last
order, on the same customers), customers, churned, lift and the weights used.
  --today DATE   the outcome must be known by then (default: the last order's date)
  --learned      weights learned from the book's past before DATE, not the defaults";

pub fn run(p: &Parsed) -> CliResult<()> {
    let file = p.required("backup")?;
    let as_of = p.date("as-of")?;
    p.required("watch")?;
    let watch = p.count("watch", 1)?;
    let book = read_backup(file)?;
    let today = match p.get("today") {
        Some(_) => p.date("today")?,
        None => book
            .orders()
            .iter()
            .map(|o| o.date)
            .max()
            .ok_or_else(|| CliError::file(file, "the backup has no orders to test against"))?,
    };
    let settings = risk_settings(p, &book, as_of, file)?;
    let result = backtest(&book, today, as_of, watch, &settings)
        .map_err(|e| CliError::file(file, format!("cannot backtest: {e}")))?;
    let out = serde_json::json!({
        "as_of": as_of.to_string(),
        "watch_days": watch,
        "customers": result.customers,
        "churned": result.churned,
        "auc": result.auc,
        "auc_low": result.auc_low,
        "auc_high": result.auc_high,
        "top_decile_share": result.precision_top_decile,
        "recency_auc": result.recency_auc,
        "lift": result.lift,
        "weights": if settings.use_learned { "learned" } else { "hand_set" },
    });
    input::write_stdout(|w| writeln!(w, "{out}"))
}
