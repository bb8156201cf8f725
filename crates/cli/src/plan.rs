//! `liuke plan`: who takes a leaving staff member's customers, by the engine's exact
//! departure planner with the app's default rotation settings, as CSV.

use crate::args::{Parsed, Spec};
use crate::error::{CliError, CliResult};
use crate::input::{self, field};
use crate::score::{code, read_backup};
use liuke_engine::register;
use liuke_engine::risk::RiskSettings;
use liuke_engine::rotation::{plan_departure, PlanError, PlanInputs, PlanLine, RotationSettings};
use liuke_engine::value::ValueSettings;
use liuke_engine::{Book, StaffId};
use std::io::Write;

pub const SPEC: Spec = Spec {
    command: "plan",
    values: &["backup", "leaving", "date", "today"],
    switches: &[],
};

pub const USAGE: &str = "\
liuke plan --backup FILE --leaving STAFF_ID --date DATE [--today DATE]

Plans who takes each customer of staff member STAFF_ID, who leaves on DATE, and
prints one line per customer that changes hands as CSV:
  customer_id,customer,from_id,to_id,to_name,cost,reasons
cost is the line's cost in the plan's points (lower is better); reasons are its
cost parts as code=points joined with ';' (negative points are reasons for).
Value and risk are assessed as of --today (default: DATE).";

pub fn run(p: &Parsed) -> CliResult<()> {
    let file = p.required("backup")?;
    let text = p.required("leaving")?;
    let leaver = text.trim().parse::<u64>().map(StaffId).map_err(|_| {
        CliError::usage(
            Some("plan"),
            format!("--leaving: '{text}' is not a staff id"),
        )
    })?;
    let on = p.date("date")?;
    let today = if p.get("today").is_some() {
        p.date("today")?
    } else {
        on
    };
    let book = read_backup(file)?;
    if book.staff().get(leaver.0).is_none() {
        return Err(CliError::Data(format!(
            "{file}: no staff member with id {}",
            leaver.0
        )));
    }
    let assessment = register::assess(
        &book,
        today,
        &RiskSettings::default(),
        &ValueSettings::default(),
    );
    let inputs = PlanInputs::from_views(&assessment.values, &assessment.risks);
    let settings = RotationSettings::default();
    let plan = plan_departure(&book, leaver, on, today, &inputs, &settings, &[])
        .map_err(|e| explain(file, e))?;
    input::write_stdout(|w| {
        writeln!(w, "customer_id,customer,from_id,to_id,to_name,cost,reasons")?;
        for line in &plan.lines {
            write_line(w, &book, line)?;
        }
        Ok(())
    })
}

fn write_line(w: &mut dyn Write, book: &Book, l: &PlanLine) -> std::io::Result<()> {
    let customer = book.customers().get(l.customer.0).map_or("", |c| &c.name);
    let to_name = book.staff().get(l.to.0).map_or("", |s| &s.name);
    let reasons: Vec<String> = l
        .parts
        .iter()
        .filter(|part| part.amount() != 0.0)
        .map(|part| format!("{}={:.2}", part_code(part), part.amount()))
        .collect();
    writeln!(
        w,
        "{},{},{},{},{},{:.2},{}",
        l.customer.0,
        field(customer),
        l.from.map_or(String::new(), |s| s.0.to_string()),
        l.to.0,
        field(to_name),
        l.cost,
        reasons.join(";"),
    )
}

/// The snake_case tag of a cost part ("knows_customer", "load", …).
fn part_code<T: serde::Serialize>(part: &T) -> String {
    match serde_json::to_value(part) {
        Ok(serde_json::Value::Object(map)) => map
            .get("part")
            .and_then(serde_json::Value::as_str)
            .map_or_else(String::new, String::from),
        Ok(other) => code(&other),
        Err(_) => String::new(),
    }
}

fn explain(file: &str, e: PlanError) -> CliError {
    match e {
        PlanError::UnknownStaff { staff } => {
            CliError::Data(format!("{file}: no staff member with id {staff}"))
        }
        other => CliError::Data(format!("{file}: no plan possible: {other}")),
    }
}
