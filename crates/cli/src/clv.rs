//! `liuke clv`: fits BG/NBD and Gamma-Gamma on an RFM summary (or on a transaction log
//! summarised as `lifetimes` does) and, with `--out`, writes each customer's value.
//!
//! CLV over the horizon of N time units is Σₖ (E[purchases by k] − E[purchases by k−1])
//! × expected spend / (1 + d)ᵏ for k = 1..N, with d the `--discount` rate per unit.
//! Without `--discount` (d = 0) that is simply expected purchases × expected spend.
//! (`lifetimes`' `customer_lifetime_value` discounts monthly instead; set d to the rate
//! per model unit to compare.)

use crate::args::{Parsed, Spec};
use crate::error::{CliError, CliResult};
use crate::input::{self, Column};
use crate::transactions::{self, Transaction, Unit};
use liuke_engine::value::{BgNbd, FitError, FitOptions, GammaGamma, Summary};
use serde::Serialize;
use std::io::Write;
use std::time::Instant;

pub const SPEC: Spec = Spec {
    command: "clv",
    values: &[
        "summary",
        "transactions",
        "end",
        "unit",
        "horizon",
        "out",
        "discount",
    ],
    switches: &["timing"],
};

pub const USAGE: &str = "\
liuke clv --summary FILE [--horizon N] [--discount RATE] [--out FILE] [--timing]
liuke clv --transactions FILE --end DATE [--unit week|day] [--horizon N] [--discount RATE] [--out FILE] [--timing]

Fits the BG/NBD and Gamma-Gamma models and prints one JSON object:
  {\"bgnbd\":{\"r\",\"alpha\",\"a\",\"b\",\"log_likelihood\"},\"gamma_gamma\":{\"p\",\"q\",\"gamma\"},\"customers\":N}

  --summary FILE       CSV with header customer_id,frequency,recency,T,monetary_value
                       (any column order; FHL's names ID,x,t_x,T,zbar also accepted)
  --transactions FILE  CSV with header customer_id,date,amount; summarised exactly as
                       lifetimes' summary_data_from_transaction_data (freq W or D)
  --end DATE           end of observation (YYYY-MM-DD), with --transactions
  --unit week|day      model time unit for --transactions (default week)
  --horizon N          time units ahead for expected purchases and CLV (default 39)
  --discount RATE      discount rate per time unit for CLV (default 0: no discount)
  --out FILE           write customer_id,p_alive,expected_purchases,expected_avg_spend,clv
  --timing             print reading and model fitting times to standard error";

const SUMMARY_COLUMNS: [Column; 5] = [
    Column {
        name: "customer_id",
        aliases: &["ID", "id"],
    },
    Column {
        name: "frequency",
        aliases: &["x"],
    },
    Column {
        name: "recency",
        aliases: &["t_x"],
    },
    Column {
        name: "T",
        aliases: &[],
    },
    Column {
        name: "monetary_value",
        aliases: &["zbar"],
    },
];

const TRANSACTION_COLUMNS: [Column; 3] = [
    Column {
        name: "customer_id",
        aliases: &[],
    },
    Column {
        name: "date",
        aliases: &[],
    },
    Column {
        name: "amount",
        aliases: &[],
    },
];

/// What `clv` prints, in this key order.
#[derive(Serialize)]
struct Report {
    bgnbd: BgNbdParams,
    gamma_gamma: GammaGammaParams,
    customers: usize,
}

#[derive(Serialize)]
struct BgNbdParams {
    r: f64,
    alpha: f64,
    a: f64,
    b: f64,
    log_likelihood: f64,
}

#[derive(Serialize)]
struct GammaGammaParams {
    p: f64,
    q: f64,
    gamma: f64,
}

/// Customers with their summaries, and where each came from for error messages.
struct Input {
    ids: Vec<String>,
    data: Vec<Summary>,
    origin: Vec<String>,
}

pub fn run(p: &Parsed) -> CliResult<()> {
    let horizon = p.count("horizon", 39)?;
    let discount = p.number("discount", 0.0, 0.0)?;
    let started = Instant::now();
    let input = match (p.get("summary"), p.get("transactions")) {
        (Some(file), None) => {
            if p.get("end").is_some() || p.get("unit").is_some() {
                return Err(CliError::usage(
                    Some("clv"),
                    "--end and --unit go with --transactions",
                ));
            }
            read_summary(file)?
        }
        (None, Some(file)) => {
            let end = p.date("end")?;
            let unit_text = p.get("unit").unwrap_or("week");
            let unit = Unit::parse(unit_text).ok_or_else(|| {
                CliError::usage(
                    Some("clv"),
                    format!("--unit: '{unit_text}' is not week or day"),
                )
            })?;
            read_transactions(file, end, unit)?
        }
        _ => {
            return Err(CliError::usage(
                Some("clv"),
                "give exactly one of --summary and --transactions",
            ))
        }
    };
    if p.switch("timing") {
        input::note(format_args!(
            "read: {:.3} ms",
            started.elapsed().as_secs_f64() * 1e3
        ));
    }
    let started = Instant::now();
    let options = FitOptions::default();
    let fit = |e: FitError| fit_error(e, &input.origin);
    let bgnbd = BgNbd::fit(&input.data, &options).map_err(fit)?;
    let gamma_gamma = GammaGamma::fit(&input.data, options.min_repeaters).map_err(fit)?;
    if p.switch("timing") {
        input::note(format_args!(
            "fit: {:.3} ms",
            started.elapsed().as_secs_f64() * 1e3
        ));
    }
    if let Some(out) = p.get("out") {
        input::write_file(out, |w| {
            write_values(w, &input, &bgnbd, &gamma_gamma, horizon, discount)
        })?;
    }
    let report = Report {
        bgnbd: BgNbdParams {
            r: bgnbd.r,
            alpha: bgnbd.alpha,
            a: bgnbd.a,
            b: bgnbd.b,
            log_likelihood: bgnbd.log_likelihood,
        },
        gamma_gamma: GammaGammaParams {
            p: gamma_gamma.p,
            q: gamma_gamma.q,
            gamma: gamma_gamma.gamma,
        },
        customers: input.data.len(),
    };
    let json = serde_json::to_string(&report).map_err(|e| CliError::Data(e.to_string()))?;
    input::write_stdout(|w| writeln!(w, "{json}"))
}

fn fit_error(e: FitError, origin: &[String]) -> CliError {
    match e {
        FitError::BadSummary { row } => CliError::Data(format!(
            "{}: not a valid summary (need 0 ≤ recency ≤ T, recency = 0 when frequency = 0, \
             monetary value ≥ 0)",
            origin.get(row).map_or("a customer", String::as_str)
        )),
        other => CliError::Data(format!("cannot fit the models: {other}")),
    }
}

fn read_summary(file: &str) -> CliResult<Input> {
    let mut input = Input {
        ids: Vec::new(),
        data: Vec::new(),
        origin: Vec::new(),
    };
    input::for_each_row(file, &SUMMARY_COLUMNS, |row| {
        let id = row.text(0)?;
        let frequency = row.number(1)?;
        if frequency < 0.0 || frequency.fract() != 0.0 || frequency > f64::from(u32::MAX) {
            return Err(row.error(1, format!("'{frequency}' is not a whole number ≥ 0")));
        }
        let (recency, t, spend) = (row.number(2)?, row.number(3)?, row.number(4)?);
        if recency < 0.0 || (frequency == 0.0 && recency != 0.0) {
            return Err(row.error(
                2,
                format!("{recency} must be ≥ 0, and 0 when frequency is 0"),
            ));
        }
        if t < recency {
            return Err(row.error(3, format!("T = {t} is less than the recency {recency}")));
        }
        if spend < 0.0 {
            return Err(row.error(4, format!("{spend} is negative")));
        }
        input.ids.push(id.to_string());
        input.origin.push(format!("{file} row {}", row.row));
        input.data.push(Summary {
            x: frequency as u32,
            t_x: recency,
            t,
            mean_spend: spend,
        });
        Ok(())
    })?;
    Ok(input)
}

fn read_transactions(file: &str, end: crate::Date, unit: Unit) -> CliResult<Input> {
    let mut log = Vec::new();
    input::for_each_row(file, &TRANSACTION_COLUMNS, |row| {
        let customer = row.text(0)?.to_string();
        let text = row.text(1)?;
        let date = crate::args::parse_date(text)
            .ok_or_else(|| row.error(1, format!("'{text}' is not a date (YYYY-MM-DD)")))?;
        log.push(Transaction {
            customer,
            date,
            amount: row.number(2)?,
        });
        Ok(())
    })?;
    let rows = transactions::summarize(&log, end, unit);
    let origin = rows
        .iter()
        .map(|(id, _)| format!("{file}: customer {id}"))
        .collect();
    let (ids, data) = rows.into_iter().unzip();
    Ok(Input { ids, data, origin })
}

fn write_values(
    w: &mut dyn Write,
    input: &Input,
    bgnbd: &BgNbd,
    gamma_gamma: &GammaGamma,
    horizon: u32,
    discount: f64,
) -> std::io::Result<()> {
    writeln!(
        w,
        "customer_id,p_alive,expected_purchases,expected_avg_spend,clv"
    )?;
    for (id, s) in input.ids.iter().zip(&input.data) {
        let purchases = bgnbd.expected_purchases(s, f64::from(horizon));
        let spend = gamma_gamma.expected_spend(s.x, s.mean_spend);
        let clv = value(bgnbd, s, spend, horizon, discount);
        let cell = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
        writeln!(
            w,
            "{},{},{},{},{}",
            input::field(id),
            bgnbd.p_alive(s),
            cell(purchases),
            spend,
            cell(clv)
        )?;
    }
    Ok(())
}

/// CLV over `horizon` units at `discount` per unit; `None` when the expected purchases
/// cannot be evaluated for this history.
fn value(bgnbd: &BgNbd, s: &Summary, spend: f64, horizon: u32, discount: f64) -> Option<f64> {
    if discount == 0.0 {
        return Some(bgnbd.expected_purchases(s, f64::from(horizon))? * spend);
    }
    let (mut previous, mut total) = (0.0, 0.0);
    for k in 1..=horizon {
        let cumulative = bgnbd.expected_purchases(s, f64::from(k))?;
        total += (cumulative - previous).max(0.0) * spend / (1.0 + discount).powf(f64::from(k));
        previous = cumulative;
    }
    Some(total)
}
