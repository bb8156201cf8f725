//! `liuke assign`: the least-cost assignment of every row (customer) of a cost matrix to
//! a column (staff member) within the columns' capacities, by the engine's exact solver.

use crate::args::{Parsed, Spec};
use crate::error::{CliError, CliResult};
use crate::input;
use liuke_engine::rotation::assignment::{self, AssignError};
use serde::Serialize;
use std::time::Instant;

pub const SPEC: Spec = Spec {
    command: "assign",
    values: &["costs", "capacities"],
    switches: &["timing"],
};

pub const USAGE: &str = "\
liuke assign --costs FILE [--capacities FILE] [--timing]

Assigns every row of a cost matrix to one column at least total cost and prints
  {\"total_cost\":…,\"assignment\":[column index of each row, from 0]}
or exits with 1 and the reason when no assignment exists.

  --costs FILE       CSV without header: a row per customer, a column per staff
                     member; a number (decimals allowed) or an empty cell (not allowed)
  --capacities FILE  how many rows each column may take: one whole number per column,
                     one per line or comma-separated (default 1 each)
  --timing           print reading and solving times to standard error
Rows and columns in messages count from 1.";

#[derive(Serialize)]
struct Report {
    total_cost: f64,
    assignment: Vec<usize>,
}

pub fn run(p: &Parsed) -> CliResult<()> {
    let started = Instant::now();
    let file = p.required("costs")?;
    let costs = read_costs(file)?;
    let columns = costs.first().map_or(0, Vec::len);
    let capacities = match p.get("capacities") {
        Some(cap_file) => read_capacities(cap_file, columns)?,
        None => vec![1; columns],
    };
    if p.switch("timing") {
        input::note(format_args!(
            "read: {:.3} ms",
            started.elapsed().as_secs_f64() * 1e3
        ));
    }
    let started = Instant::now();
    let solved = assignment::solve(&costs, &capacities).map_err(|e| explain(file, e))?;
    if p.switch("timing") {
        input::note(format_args!(
            "solve: {:.3} ms",
            started.elapsed().as_secs_f64() * 1e3
        ));
    }
    if !solved.total_cost.is_finite() {
        return Err(CliError::Data(format!(
            "{file}: the total cost is too large to add up (costs near the float limit)"
        )));
    }
    let report = Report {
        total_cost: solved.total_cost,
        assignment: solved.columns,
    };
    let json = serde_json::to_string(&report).map_err(|e| CliError::Data(e.to_string()))?;
    input::write_stdout(|w| writeln!(w, "{json}"))
}

fn read_costs(file: &str) -> CliResult<Vec<Vec<Option<f64>>>> {
    let mut rdr = input::reader(file, false)?;
    let mut record = csv::StringRecord::new();
    let mut rows: Vec<Vec<Option<f64>>> = Vec::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(input::csv_error(file, &e)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let mut row = Vec::with_capacity(record.len());
        for (j, cell) in record.iter().enumerate() {
            row.push(if cell.is_empty() {
                None
            } else {
                Some(input::parse_number(cell).ok_or_else(|| {
                    CliError::cell(
                        file,
                        line,
                        &(j + 1).to_string(),
                        format!("'{cell}' is not a number"),
                    )
                })?)
            });
        }
        if let Some(first) = rows.first() {
            if first.len() != row.len() {
                return Err(CliError::file(
                    file,
                    format!(
                        "row {line} has {} cells, the first row {}",
                        row.len(),
                        first.len()
                    ),
                ));
            }
        }
        rows.push(row);
    }
    if rows.is_empty() || rows.iter().all(Vec::is_empty) {
        return Err(CliError::file(file, "no costs: the matrix is empty"));
    }
    Ok(rows)
}

fn read_capacities(file: &str, columns: usize) -> CliResult<Vec<u32>> {
    let text = std::fs::read_to_string(file).map_err(|e| CliError::io(file, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let items = line.split([',', ';', ' ', '\t']).map(str::trim);
        for (j, item) in items.filter(|s| !s.is_empty()).enumerate() {
            let cap = item.parse::<u32>().map_err(|_| {
                let message = format!("'{item}' is not a whole number ≥ 0");
                CliError::cell(file, i as u64 + 1, &(j + 1).to_string(), message)
            })?;
            out.push(cap);
        }
    }
    if out.len() != columns {
        return Err(CliError::file(
            file,
            format!("{} capacities for {columns} cost columns", out.len()),
        ));
    }
    Ok(out)
}

/// The solver's reason, with rows and columns counted from 1 like the file's.
fn explain(file: &str, e: AssignError) -> CliError {
    let list = |v: &[usize]| {
        let shown: Vec<String> = v.iter().take(20).map(|i| (i + 1).to_string()).collect();
        let more = if v.len() > 20 { ", …" } else { "" };
        format!("{}{more}", shown.join(", "))
    };
    let message = match e {
        AssignError::RowWithoutOption { row } => format!(
            "row {}: no column may take it (every cell empty or at zero capacity)",
            row + 1
        ),
        AssignError::NotEnoughCapacity { rows, capacity } => {
            format!("{rows} rows but the columns take only {capacity} in all")
        }
        AssignError::Infeasible {
            rows,
            columns,
            capacity,
        } => format!(
            "infeasible: rows {} may only go to columns {}, which take {capacity} in all",
            list(&rows),
            list(&columns)
        ),
        AssignError::NonFiniteCost { row, column } => {
            format!("row {}, column {}: not a finite cost", row + 1, column + 1)
        }
        other => other.to_string(),
    };
    CliError::Data(format!("{file}: {message}"))
}
