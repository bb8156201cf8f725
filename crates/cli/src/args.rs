//! A tiny hand-written option parser: every command takes `--name VALUE` (or
//! `--name=VALUE`) options and `--name` switches, no positional arguments.

use crate::error::{CliError, CliResult};
use crate::Date;
use std::collections::HashMap;

/// What one command accepts.
pub struct Spec {
    pub command: &'static str,
    /// Options that take a value.
    pub values: &'static [&'static str],
    /// Options without a value.
    pub switches: &'static [&'static str],
}

/// The options given to one command.
#[derive(Debug)]
pub struct Parsed {
    pub command: &'static str,
    pub help: bool,
    values: HashMap<&'static str, String>,
    switches: Vec<&'static str>,
}

fn find(list: &'static [&'static str], name: &str) -> Option<&'static str> {
    list.iter().copied().find(|n| *n == name)
}

pub fn parse(spec: &Spec, args: &[String]) -> CliResult<Parsed> {
    let usage = |message: String| CliError::usage(Some(spec.command), message);
    let mut parsed = Parsed {
        command: spec.command,
        help: false,
        values: HashMap::new(),
        switches: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "-h" || arg == "--help" {
            parsed.help = true;
            continue;
        }
        let Some(body) = arg.strip_prefix("--") else {
            return Err(usage(format!("unexpected argument '{arg}'")));
        };
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        if let Some(name) = find(spec.values, name) {
            let value = match inline {
                Some(v) => v,
                None => rest
                    .next()
                    .cloned()
                    .ok_or_else(|| usage(format!("--{name} needs a value")))?,
            };
            if parsed.values.insert(name, value).is_some() {
                return Err(usage(format!("--{name} given twice")));
            }
        } else if let Some(name) = find(spec.switches, name) {
            if inline.is_some() {
                return Err(usage(format!("--{name} takes no value")));
            }
            parsed.switches.push(name);
        } else {
            return Err(usage(format!("unknown option '--{name}'")));
        }
    }
    Ok(parsed)
}

impl Parsed {
    fn usage(&self, message: String) -> CliError {
        CliError::usage(Some(self.command), message)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn required(&self, name: &str) -> CliResult<&str> {
        self.get(name)
            .ok_or_else(|| self.usage(format!("--{name} is required")))
    }

    pub fn switch(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }

    pub fn date(&self, name: &str) -> CliResult<Date> {
        let text = self.required(name)?;
        parse_date(text)
            .ok_or_else(|| self.usage(format!("--{name}: '{text}' is not a date (YYYY-MM-DD)")))
    }

    /// A number ≥ `min`, or `default` when the option is absent.
    pub fn number(&self, name: &str, default: f64, min: f64) -> CliResult<f64> {
        let Some(text) = self.get(name) else {
            return Ok(default);
        };
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v >= min => Ok(v),
            _ => Err(self.usage(format!("--{name}: '{text}' is not a number ≥ {min}"))),
        }
    }

    /// A whole number ≥ 1, or `default` when the option is absent.
    pub fn count(&self, name: &str, default: u32) -> CliResult<u32> {
        let Some(text) = self.get(name) else {
            return Ok(default);
        };
        match text.trim().parse::<u32>() {
            Ok(v) if v >= 1 => Ok(v),
            _ => Err(self.usage(format!("--{name}: '{text}' is not a whole number ≥ 1"))),
        }
    }
}

/// A calendar date: `YYYY-MM-DD` (optionally followed by a time, which is ignored,
/// as in `2024-03-01 14:30:00` or `2024-03-01T14:30`) or `YYYYMMDD`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Date::parse_from_str(text, "%Y%m%d").ok();
    }
    let day = match text.get(..10) {
        Some(day) if matches!(text.as_bytes().get(10), None | Some(b' ' | b'T')) => day,
        _ => return None,
    };
    // By hand rather than with a format string: transaction logs have millions of dates.
    let b = day.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range).and_then(|d| {
            d.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        })
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    Date::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        command: "demo",
        values: &["file", "n"],
        switches: &["timing"],
    };

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn values_switches_and_errors() {
        let p = parse(&SPEC, &strings(&["--file", "a.csv", "--n=3", "--timing"])).expect("ok");
        assert_eq!(p.get("file"), Some("a.csv"));
        assert_eq!(p.count("n", 1).ok(), Some(3));
        assert!(p.switch("timing") && !p.help);
        for bad in [
            &["--file"][..],
            &["--nope", "1"],
            &["stray"],
            &["--n", "1", "--n", "2"],
        ] {
            let e = parse(&SPEC, &strings(bad)).expect_err("refused");
            assert_eq!(e.exit_code(), 2);
        }
        assert!(parse(&SPEC, &strings(&["--help"])).is_ok_and(|p| p.help));
    }

    #[test]
    fn dates_in_the_usual_forms() {
        let want = Date::from_ymd_opt(2024, 3, 1);
        for text in [
            "2024-03-01",
            "20240301",
            "2024-03-01 14:30:00",
            "2024-03-01T09:00",
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        for text in [
            "2024-13-01",
            "2024-03-01x",
            "01/03/2024",
            "",
            "2024-3-1",
            "2024-02-30",
            "2024-+3-01",
            "２０２４-03-01",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
