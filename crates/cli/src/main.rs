//! `liuke`: Liuke's engine on the command line, for batch jobs on exported data and for
//! comparing the engine with reference tools. Every command prints its result on
//! standard output and its errors on standard error; the exit code is 0 on success,
//! 2 for a wrong command line and 1 for data that cannot be used.

mod args;
mod assign;
mod backtest;
mod clv;
mod error;
mod input;
mod plan;
mod sample;
mod score;
mod transactions;

use args::Spec;
use error::{CliError, CliResult};

pub type Date = chrono::NaiveDate;

const USAGE: &str = "\
liuke — Liuke (留客) on the command line

Usage:
  liuke clv --summary FILE [--horizon N] [--discount RATE] [--out FILE]
  liuke clv --transactions FILE --end DATE [--unit week|day] [--horizon N] [--discount RATE] [--out FILE]
  liuke score --backup FILE --today DATE [--learned]
  liuke backtest --backup FILE --as-of DATE --watch DAYS [--today DATE] [--learned]
  liuke assign --costs FILE [--capacities FILE]
  liuke plan --backup FILE --leaving STAFF_ID --date DATE [--today DATE]
  liuke <command> --help

Exit codes: 0 done, 1 the data cannot be used, 2 wrong command line.";

type Run = fn(&args::Parsed) -> CliResult<()>;

/// A command: its options, its help text and what it does.
struct Command {
    spec: &'static Spec,
    usage: &'static str,
    run: Run,
}

fn command(name: &str) -> Option<Command> {
    let (spec, usage, run): (&Spec, &str, Run) = match name {
        "clv" => (&clv::SPEC, clv::USAGE, clv::run),
        "score" => (&score::SPEC, score::USAGE, score::run),
        "backtest" => (&backtest::SPEC, backtest::USAGE, backtest::run),
        "assign" => (&assign::SPEC, assign::USAGE, assign::run),
        "plan" => (&plan::SPEC, plan::USAGE, plan::run),
        "sample-transactions" => (&sample::SPEC, sample::USAGE, sample::run),
        _ => return None,
    };
    Some(Command { spec, usage, run })
}

fn usage_of(name: Option<&str>) -> &'static str {
    name.and_then(command).map_or(USAGE, |c| c.usage)
}

fn run(argv: &[String]) -> CliResult<()> {
    let Some(name) = argv.first() else {
        return Err(CliError::usage(None, "no command given"));
    };
    if matches!(name.as_str(), "-h" | "--help" | "help") {
        let topic = argv.get(1).map(String::as_str);
        return print_usage(usage_of(topic));
    }
    let Some(cmd) = command(name) else {
        return Err(CliError::usage(None, format!("unknown command '{name}'")));
    };
    let parsed = args::parse(cmd.spec, &argv[1..])?;
    if parsed.help {
        return print_usage(cmd.usage);
    }
    (cmd.run)(&parsed)
}

fn print_usage(text: &str) -> CliResult<()> {
    input::write_stdout(|w| writeln!(w, "{text}"))
}

fn main() {
    let argv: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(std::ffi::OsString::into_string)
        .collect();
    let result = match argv {
        Ok(argv) => run(&argv),
        Err(_) => Err(CliError::usage(None, "an argument is not valid UTF-8")),
    };
    if let Err(e) = result {
        // A reader that stopped early (`liuke score … | head`) is not worth a message.
        if matches!(&e, CliError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
        {
            std::process::exit(1);
        }
        input::note(format_args!("liuke: error: {e}"));
        if let CliError::Usage { command, .. } = &e {
            input::note(format_args!("\n{}", usage_of(*command)));
        }
        std::process::exit(e.exit_code());
    }
}
