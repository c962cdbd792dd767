//! Bytes to text: UTF-8 with or without a byte-order mark, else Windows-1252 (what spreadsheet
//! programs on Windows save as "CSV"), told apart by whether the bytes are valid UTF-8.

use encoding_rs::{UTF_8, WINDOWS_1252};

/// The encoding a file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Windows1252,
}

/// Decodes `bytes`. Valid UTF-8 (after an optional BOM) is read as such; anything else is
/// Windows-1252, which maps every byte to a character, so decoding never fails.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some((_, bom_len)) = encoding_rs::Encoding::for_bom(bytes)
        && bom_len == 3
    {
        let (text, _) = UTF_8.decode_without_bom_handling(&bytes[3..]);
        return (text.into_owned(), Encoding::Utf8WithBom);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_utf8_bom_and_windows_1252_apart() {
        assert_eq!(decode("Zoë".as_bytes()), ("Zoë".to_owned(), Encoding::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFZo\xC3\xAB"),
            ("Zoë".to_owned(), Encoding::Utf8WithBom)
        );
        assert_eq!(
            decode(b"Zo\xEB \x80"),
            ("Zoë €".to_owned(), Encoding::Windows1252)
        );
    }
}
