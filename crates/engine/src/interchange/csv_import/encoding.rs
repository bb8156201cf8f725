//! Turning a file's bytes into text. UTF-8 (with or without Excel's BOM) and UTF-16 with a
//! BOM (Excel's "Unicode text") are decoded here; GBK is recognised but decoded by the
//! caller (the browser's `TextDecoder('gbk')`), so the wasm carries no GBK tables.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use thiserror::Error;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a file was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// UTF-8 with the byte-order mark Excel writes for "CSV UTF-8".
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Chinese Excel's default "CSV" on Windows (code page 936); GB18030 decodes it too.
    Gbk,
}

/// A file decoded to text, without its byte-order mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
}

/// The bytes are not Unicode text the engine can read; `looks_like_gbk` tells the caller
/// whether decoding them as GBK is worth a try (it nearly always is for Chinese Excel files).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("not UTF-8 after byte {valid_up_to}")]
pub struct NotUtf8 {
    pub valid_up_to: usize,
    pub looks_like_gbk: bool,
}

/// The text of a UTF-8 file, without a BOM if it has one.
pub fn sniff_utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| NotUtf8 {
        valid_up_to: e.valid_up_to(),
        looks_like_gbk: looks_like_gbk(body),
    })
}

/// Decodes UTF-8 (BOM or not) and UTF-16 with a BOM; anything else is `NotUtf8`.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotUtf8> {
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(body, Encoding::Utf16Le, u16::from_le_bytes);
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(body, Encoding::Utf16Be, u16::from_be_bytes);
    }
    let encoding = if bytes.starts_with(UTF8_BOM) {
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    Ok(Decoded {
        text: Cow::Borrowed(sniff_utf8(bytes)?),
        encoding,
    })
}

/// The first line (1-based) that is UTF-8 with Chinese or other non-ASCII text, in a
/// file that as a whole is not UTF-8: lines from two sources pasted together, one
/// saved as UTF-8 and one as GBK. Decoded either way, part of it would be garbled
/// without a single error, so the import stops and says where. A GBK line with two or
/// more Chinese characters is practically never valid UTF-8, so one such line is proof.
pub fn mixed_utf8_line(bytes: &[u8]) -> Option<usize> {
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if std::str::from_utf8(body).is_ok()
        || body.starts_with(b"\xFF\xFE")
        || body.starts_with(b"\xFE\xFF")
    {
        return None;
    }
    body.split(|b| *b == b'\n')
        .enumerate()
        .find_map(|(i, line)| {
            let text = std::str::from_utf8(line).ok()?;
            (text.chars().filter(|c| c.len_utf8() > 1).count() >= 2).then_some(i + 1)
        })
}

/// Which encoding the bytes most likely use, for a caller that decodes the rest itself.
pub fn sniff_encoding(bytes: &[u8]) -> Encoding {
    match decode(bytes) {
        Ok(decoded) => decoded.encoding,
        Err(_) => Encoding::Gbk,
    }
}

fn utf16(
    body: &[u8],
    encoding: Encoding,
    unit: fn([u8; 2]) -> u16,
) -> Result<Decoded<'static>, NotUtf8> {
    let units = body.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding,
    })
}

/// Whether the bytes parse as GBK: ASCII, or a lead byte 0x81–0xFE followed by a trail
/// byte 0x40–0xFE other than 0x7F. Checks the first 64 KiB, which is plenty to tell.
pub fn looks_like_gbk(bytes: &[u8]) -> bool {
    let bytes = &bytes[..bytes.len().min(64 * 1024)];
    let mut i = 0;
    let mut double = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&b) {
            return false;
        }
        match bytes.get(i + 1) {
            Some(t) if (0x40..=0xFE).contains(t) && *t != 0x7F => {
                double += 1;
                i += 2;
            }
            // A file cut mid-character is still GBK.
            None => break,
            Some(_) => return false,
        }
    }
    double > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_bom() {
        assert_eq!(sniff_utf8(b"\xEF\xBB\xBFa,b"), Ok("a,b"));
        let d = decode(b"\xEF\xBB\xBFa").ok();
        assert_eq!(d.map(|d| d.encoding), Some(Encoding::Utf8Bom));
    }

    #[test]
    fn reads_utf16_with_a_bom() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("客户\t金额".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&bytes).ok();
        assert_eq!(d.as_ref().map(|d| d.text.as_ref()), Some("客户\t金额"));
        assert_eq!(d.map(|d| d.encoding), Some(Encoding::Utf16Le));
    }

    #[test]
    fn recognises_gbk() {
        // "客户" in GBK.
        let gbk = b"\xBF\xCD\xBB\xA7,1\r\n";
        let err = sniff_utf8(gbk).err();
        assert_eq!(err.map(|e| e.looks_like_gbk), Some(true));
        assert_eq!(sniff_encoding(gbk), Encoding::Gbk);
        assert!(!looks_like_gbk(b"\xFF\xFF"));
    }
}
