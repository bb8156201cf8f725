//! Everything that can go wrong, each with the exit code it ends the process with:
//! 2 for a wrong command line, 1 for input data that cannot be used.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    /// The command line is wrong; the usage of `command` follows the message.
    #[error("{message}")]
    Usage {
        command: Option<&'static str>,
        message: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// One cell of an input file: `row` is 1-based with the header as row 1.
    #[error("{file} row {row}, column {column}: {message}")]
    Cell {
        file: String,
        row: u64,
        column: String,
        message: String,
    },
    /// A whole input file (a missing column, an unreadable CSV, no rows).
    #[error("{file}: {message}")]
    File { file: String, message: String },
    /// The data are well formed but do not allow the computation (too little to fit,
    /// an infeasible assignment, an unknown staff id).
    #[error("{0}")]
    Data(String),
}

impl CliError {
    pub fn usage(command: Option<&'static str>, message: impl Into<String>) -> CliError {
        CliError::Usage {
            command,
            message: message.into(),
        }
    }

    pub fn file(file: &str, message: impl Into<String>) -> CliError {
        CliError::File {
            file: file.to_string(),
            message: message.into(),
        }
    }

    pub fn cell(file: &str, row: u64, column: &str, message: impl Into<String>) -> CliError {
        CliError::Cell {
            file: file.to_string(),
            row,
            column: column.to_string(),
            message: message.into(),
        }
    }

    pub fn io(file: &str, source: std::io::Error) -> CliError {
        CliError::Io {
            file: file.to_string(),
            source,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage { .. } => 2,
            _ => 1,
        }
    }
}

pub type CliResult<T> = Result<T, CliError>;
