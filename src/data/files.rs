//! Reading a reader's own file: one size cap and one decoding rule for the command-line tool and the page
//! (issue 24). A file larger than [`MAX_FILE_BYTES`] is refused before it is read; text must be UTF-8, with or
//! without a byte-order mark; UTF-16 and other encodings are refused with a message naming them.

use crate::util::quote::quoted;

/// The largest file read, bytes (64 MiB): the largest economy the model accepts (140 × 140 × 65 cells) is about
/// 40 MB as JSON.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Refuse a file of `bytes` bytes when it is over the cap, naming the file and its size.
pub fn check_size(name: &str, bytes: u64) -> Result<(), String> {
    if bytes > MAX_FILE_BYTES {
        return Err(format!(
            "{} is {:.1} MB; files of at most {} MB are read (the largest economy the model accepts is about 40 MB)",
            quoted(name),
            bytes as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    Ok(())
}

/// The text of a file's bytes: UTF-8, a leading byte-order mark dropped. UTF-16 (either byte order) and bytes
/// that are not UTF-8 (Latin-1, Windows-1252, binary) are refused with a message that says what to do.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    check_size(name, bytes.len() as u64)?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!("{} is UTF-16 text; save it as UTF-8 and load it again", quoted(name)));
    }
    let bytes = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { bytes[3..].to_vec() } else { bytes };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{} is not UTF-8 text (byte {at} cannot be read; Latin-1 or Windows-1252, perhaps); save it as UTF-8 \
             and load it again",
            quoted(name)
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn utf8_with_or_without_a_bom_is_read_and_other_encodings_are_named() {
        assert_eq!(decode("a.json", b"{}".to_vec()).unwrap(), "{}");
        assert_eq!(decode("a.json", b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "{}");
        assert!(decode("a.csv", b"\xFF\xFEa\0".to_vec()).unwrap_err().contains("UTF-16"));
        assert!(decode("a.csv", b"\xFE\xFF\0a".to_vec()).unwrap_err().contains("UTF-16"));
        let latin1 = decode("a.csv", b"pa\xEDs".to_vec()).unwrap_err();
        assert!(latin1.contains("not UTF-8") && latin1.contains("byte 2"), "{latin1}");
    }

    #[test]
    fn files_over_the_cap_are_refused_with_a_short_message() {
        assert!(check_size("big.json", MAX_FILE_BYTES).is_ok());
        let message = check_size(&"x".repeat(100_000), 3 * 1024 * 1024 * 1024).unwrap_err();
        assert!(message.contains("3072.0 MB") && message.chars().count() < 300, "{message}");
    }
}
