//! `liuke score`: the risk register of a backup as CSV, by value at risk, with the
//! app's default risk, value and register settings.

use crate::args::{Parsed, Spec};
use crate::error::{CliError, CliResult};
use crate::input::{self, field};
use liuke_engine::interchange::backup;
use liuke_engine::register::{self, RegisterLine, RegisterSettings};
use liuke_engine::risk::learn::learn;
use liuke_engine::risk::RiskSettings;
use liuke_engine::value::ValueSettings;
use liuke_engine::{Book, Date};
use std::io::Write;

pub const SPEC: Spec = Spec {
    command: "score",
    values: &["backup", "today"],
    switches: &["learned"],
};

pub const USAGE: &str = "\
liuke score --backup FILE --today DATE [--learned]

Prints the risk register of a Liuke backup file as of DATE (YYYY-MM-DD) as CSV,
largest value at risk first:
  customer_id,name,score,band,value,value_at_risk,owner_id,last_contact,top_reasons,next_action
Value is the revenue of the last 12 months in yuan; top_reasons are factor codes
joined with ';'; band and next_action are snake_case codes. The ranking is the app's
with its default settings; --learned uses weights learned from the book's past, as
the app does when they are chosen in its settings.";

/// Reads and restores a backup file, naming the file in any error.
pub fn read_backup(file: &str) -> CliResult<Book> {
    let text = std::fs::read_to_string(file).map_err(|e| CliError::io(file, e))?;
    backup::restore(&text).map_err(|e| CliError::file(file, format!("not a usable backup: {e}")))
}

/// The snake_case code serde gives a unit enum variant.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The app's default risk settings, with weights learned from the book's past up to
/// `at` when `--learned` is given, chosen as the app's settings page chooses them.
pub fn risk_settings(p: &Parsed, book: &Book, at: Date, file: &str) -> CliResult<RiskSettings> {
    let mut risk = RiskSettings::default();
    if p.switch("learned") {
        let learned = learn(book, at, &risk)
            .map_err(|e| CliError::file(file, format!("cannot learn weights: {e}")))?;
        risk.learned = Some(learned);
        risk.use_learned = true;
    }
    Ok(risk)
}

pub fn run(p: &Parsed) -> CliResult<()> {
    let file = p.required("backup")?;
    let today = p.date("today")?;
    let book = read_backup(file)?;
    let risk = risk_settings(p, &book, today, file)?;
    let assessment = register::assess(&book, today, &risk, &ValueSettings::default());
    let lines = register::register(&book, &assessment, &RegisterSettings::default());
    input::write_stdout(|w| {
        writeln!(
            w,
            "customer_id,name,score,band,value,value_at_risk,owner_id,last_contact,top_reasons,next_action"
        )?;
        for line in &lines {
            write_line(w, line)?;
        }
        Ok(())
    })
}

fn write_line(w: &mut dyn Write, l: &RegisterLine) -> std::io::Result<()> {
    let reasons: Vec<String> = l.reasons.iter().map(|r| code(&r.factor)).collect();
    writeln!(
        w,
        "{},{},{:.1},{},{:.2},{:.2},{},{},{},{}",
        l.customer.0,
        field(&l.name),
        l.score,
        code(&l.band),
        l.value,
        l.value_at_risk,
        l.owner.map_or(String::new(), |s| s.0.to_string()),
        l.last_contact.map_or(String::new(), |d| d.to_string()),
        reasons.join(";"),
        code(&l.next_action),
    )
}
