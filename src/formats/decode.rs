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

    /// The byte-order mark a file in this encoding starts with (empty for
    /// plain UTF-8).
    pub fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"",
            Encoding::Utf8Bom => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
        }
    }

    /// Writes `text` encoded this way, without the byte-order mark: a piece
    /// of a document, written as it goes rather than copied whole.
    pub fn write(self, text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let unit: fn(u16) -> [u8; 2] = match self {
            Encoding::Utf8 | Encoding::Utf8Bom => return out.write_all(text.as_bytes()),
            Encoding::Utf16Le => u16::to_le_bytes,
            Encoding::Utf16Be => u16::to_be_bytes,
        };
        let mut buf = Vec::with_capacity(8192);
        for u in text.encode_utf16() {
            buf.extend_from_slice(&unit(u));
            if buf.len() >= 8192 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)
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

/// [`decode_with_encoding`] taking the bytes, so that UTF-8 (the usual
/// case) becomes the text without a copy: a document is held in memory
/// once, whatever its size.
pub fn decode_owned(name: &str, mut bytes: Vec<u8>) -> Result<(String, Encoding)> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode_with_encoding(name, &bytes);
    }
    let encoding = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    String::from_utf8(bytes)
        .map(|text| (text, encoding))
        .map_err(|e| invalid_utf8(name, e.as_bytes(), e.utf8_error()))
}

fn decode_utf8(name: &str, bytes: &[u8]) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(invalid_utf8(name, bytes, e)),
    }
}

/// The error for `bytes` that are not UTF-8: the line and byte where they
/// stop being it.
fn invalid_utf8(name: &str, bytes: &[u8], e: std::str::Utf8Error) -> Error {
    let valid = e.valid_up_to();
    // Everything before valid_up_to is valid UTF-8.
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    Error::input(
        name,
        Some(line_of(prefix, valid)),
        format!("invalid UTF-8 at byte {valid}: save the file as UTF-8"),
    )
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
    fn owned_decoding_agrees_and_writing_inverts_it() {
        let utf16: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Хаф 🙂".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [
            &b"id\nx"[..],
            b"\xEF\xBB\xBFid",
            b"",
            &utf16,
            b"id\nx\n\xFF",
            b"\xEF\xBB\xBFa\n\xC3",
        ] {
            let owned = decode_owned("f", bytes.to_vec()).map_err(|e| e.to_string());
            let borrowed = decode_with_encoding("f", bytes).map_err(|e| e.to_string());
            assert_eq!(owned, borrowed, "{bytes:?}");
            if let Ok((text, encoding)) = owned {
                let mut out = encoding.bom().to_vec();
                encoding.write(&text, &mut out).unwrap();
                assert_eq!(out, encoding.encode(&text));
                assert_eq!(out, bytes);
            }
        }
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
