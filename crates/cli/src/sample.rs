//! `liuke sample-transactions` (hidden, for benchmarks): the orders of one of the
//! engine's deterministic sample books as a `customer_id,date,amount` transaction log,
//! the input `liuke clv --transactions` and `lifetimes` both read. Amounts are in yuan.

use crate::args::{Parsed, Spec};
use crate::error::{CliError, CliResult};
use crate::input;
use liuke_engine::sample::{sample_book, SampleSize};

pub const SPEC: Spec = Spec {
    command: "sample-transactions",
    values: &["size", "today"],
    switches: &[],
};

pub const USAGE: &str = "\
liuke sample-transactions --size s|m|l --today DATE

For benchmarks: prints the orders of the engine's sample book of that size as of
DATE as CSV customer_id,date,amount (amounts in yuan), in customer then date order.";

pub fn run(p: &Parsed) -> CliResult<()> {
    let size = match p.required("size")? {
        "s" | "S" => SampleSize::S,
        "m" | "M" => SampleSize::M,
        "l" | "L" => SampleSize::L,
        other => {
            return Err(CliError::usage(
                Some("sample-transactions"),
                format!("--size: '{other}' is not s, m or l"),
            ))
        }
    };
    let today = p.date("today")?;
    let book = sample_book(size, today);
    let mut orders: Vec<_> = book.orders().iter().filter(|o| o.date <= today).collect();
    orders.sort_by_key(|o| (o.customer, o.date, o.id));
    input::write_stdout(|w| {
        writeln!(w, "customer_id,date,amount")?;
        for o in orders {
            writeln!(w, "{},{},{}", o.customer.0, o.date, o.amount)?;
        }
        Ok(())
    })
}
