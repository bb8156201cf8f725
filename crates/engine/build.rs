//! Writes the pinyin table `spelling` reads: for each character U+4E00–U+9FFF, its usual
//! reading without tone (ü written v, as typed) as an index (little-endian u16, 0 for none) into a list of
//! syllables. Taken from the `pinyin` crate's data at build time so that the shipped app
//! carries 42 KB of indices instead of the crate's tables of every reading.

use pinyin::ToPinyin;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let mut syllables: Vec<String> = vec![String::new()];
    let mut numbers: HashMap<String, u16> = HashMap::new();
    let mut index = Vec::with_capacity(((LAST - FIRST + 1) * 2) as usize);
    for code in FIRST..=LAST {
        // ü is typed as v on every Chinese keyboard (绿 lv).
        let reading = char::from_u32(code)
            .and_then(|c| c.to_pinyin())
            .map(|p| p.plain().replace('ü', "v"));
        let number = match reading {
            Some(s) => {
                if let Some(n) = numbers.get(&s) {
                    *n
                } else {
                    let n = u16::try_from(syllables.len())?;
                    syllables.push(s.clone());
                    numbers.insert(s, n);
                    n
                }
            }
            None => 0,
        };
        index.extend_from_slice(&number.to_le_bytes());
    }
    std::fs::write(out.join("pinyin_index.bin"), index)?;
    let mut table = String::new();
    writeln!(table, "/// First character the index covers.")?;
    writeln!(table, "pub(crate) const FIRST: u32 = {FIRST:#X};")?;
    writeln!(
        table,
        "/// Toneless syllables; the index's 0 is \"no reading\"."
    )?;
    writeln!(
        table,
        "pub(crate) static SYLLABLES: [&str; {}] = [",
        syllables.len()
    )?;
    for s in &syllables {
        writeln!(table, "    {s:?},")?;
    }
    writeln!(table, "];")?;
    std::fs::write(out.join("pinyin_table.rs"), table)?;
    Ok(())
}
