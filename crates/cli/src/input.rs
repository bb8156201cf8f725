//! Reading input files: CSV with a header whose columns are found by name (in any
//! order), and cells parsed with errors that name the file, row and column. Rows are
//! the file's lines, 1-based, the header being row 1.

use crate::error::{CliError, CliResult};
use std::fs::File;
use std::io::{BufWriter, Write};

/// A column a file must have: its name and the other names it is accepted under.
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

/// One data row of a file with a header.
pub struct Row<'a> {
    file: &'a str,
    pub row: u64,
    record: &'a csv::StringRecord,
    positions: &'a [usize],
    columns: &'a [Column],
}

pub fn reader(file: &str, has_headers: bool) -> CliResult<csv::Reader<File>> {
    let handle = File::open(file).map_err(|e| CliError::io(file, e))?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(handle))
}

pub fn csv_error(file: &str, error: &csv::Error) -> CliError {
    match error.position() {
        Some(p) => CliError::file(file, format!("row {}: {error}", p.line())),
        None => CliError::file(file, error.to_string()),
    }
}

/// Calls `each` on every data row of `file`, whose header must name every column.
pub fn for_each_row(
    file: &str,
    columns: &[Column],
    mut each: impl FnMut(&Row) -> CliResult<()>,
) -> CliResult<usize> {
    let mut rdr = reader(file, true)?;
    let header = rdr.headers().map_err(|e| csv_error(file, &e))?.clone();
    let names: Vec<&str> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim())
        .collect();
    let mut positions = Vec::with_capacity(columns.len());
    for c in columns {
        let found = names
            .iter()
            .position(|n| *n == c.name || c.aliases.contains(n));
        positions.push(found.ok_or_else(|| {
            CliError::file(
                file,
                format!(
                    "row 1: missing column '{}' (the header has: {})",
                    c.name,
                    names.join(",")
                ),
            )
        })?);
    }
    let mut record = csv::StringRecord::new();
    let mut count = 0;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, &e)),
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let row = Row {
            file,
            row: record.position().map_or(0, csv::Position::line),
            record: &record,
            positions: &positions,
            columns,
        };
        each(&row)?;
        count += 1;
    }
    Ok(count)
}

impl Row<'_> {
    /// The text of column `i` of the spec.
    pub fn text(&self, i: usize) -> CliResult<&str> {
        match self.positions.get(i).and_then(|&p| self.record.get(p)) {
            Some(text) if !text.is_empty() => Ok(text),
            _ => Err(self.error(i, "empty cell".to_string())),
        }
    }

    /// Column `i` as a finite number.
    pub fn number(&self, i: usize) -> CliResult<f64> {
        let text = self.text(i)?;
        parse_number(text).ok_or_else(|| self.error(i, format!("'{text}' is not a number")))
    }

    pub fn error(&self, i: usize, message: String) -> CliError {
        let name = self.columns.get(i).map_or("?", |c| c.name);
        CliError::cell(self.file, self.row, name, message)
    }
}

/// A finite decimal number ("inf" and "NaN" are refused).
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Writes `write`'s output to `file` through a buffer, naming the file on failure.
pub fn write_file(
    file: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> CliResult<()> {
    let handle = File::create(file).map_err(|e| CliError::io(file, e))?;
    let mut out = BufWriter::new(handle);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| CliError::io(file, e))
}

/// Writes to standard output through a buffer.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> CliResult<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| CliError::io("standard output", e))
}

/// A CSV field: quoted when it holds a comma, quote or line break.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A line on standard error; a closed or broken standard error is ignored.
pub fn note(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
