use crate::error::{line_of, Error, Result};

/// How a text file was encoded, so that a rewrite can be written back the
/// same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// Bytes before the text proper: what byte offsets into the decoded
    /// text must be shifted by to be offsets into a UTF-8 file as given.
    pub fn bom_len(self) -> usize {
        match self {
            Encoding::Utf8 => 0,
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
        }
    }

    /// `text` encoded the way the input was.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            Encoding::Utf16Le => [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
            Encoding::Utf16Be => [0xFE, 0xFF]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
        }
    }
}

/// Decodes input bytes to text: UTF-8 (with or without a byte-order mark)
/// or UTF-16 with a byte-order mark. Invalid UTF-8 is an error naming the
/// line and byte offset.
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String> {
    decode_with_encoding(name, bytes).map(|(text, _)| text)
}

/// [`decode_text`], also saying how the bytes were encoded.
pub fn decode_with_encoding(name: &str, bytes: &[u8]) -> Result<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((decode_utf8(name, rest)?, Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((
            decode_utf16(name, rest, u16::from_le_bytes)?,
            Encoding::Utf16Le,
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((
            decode_utf16(name, rest, u16::from_be_bytes)?,
            Encoding::Utf16Be,
        ));
    }
    Ok((decode_utf8(name, bytes)?, Encoding::Utf8))
}

fn decode_utf8(name: &str, bytes: &[u8]) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let valid = e.valid_up_to();
            // Safe to slice: everything before valid_up_to is valid UTF-8.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            Err(Error::input(
                name,
                Some(line_of(prefix, valid)),
                format!("invalid UTF-8 at byte {valid}: save the file as UTF-8"),
            ))
        }
    }
}

fn decode_utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    if bytes.len() % 2 != 0 {
        return Err(Error::input(
            name,
            None,
            "truncated UTF-16: odd number of bytes",
        ));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| Error::input(name, None, "invalid UTF-16 (unpaired surrogate)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_utf16() {
        assert_eq!(decode_text("f", b"\xEF\xBB\xBFid").unwrap(), "id");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Хаф".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text("f", &utf16).unwrap(), "Хаф");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode_text("g.tsv", b"id\nx\n\xFF")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "g.tsv:3: invalid UTF-8 at byte 5: save the file as UTF-8"
        );
    }
}
