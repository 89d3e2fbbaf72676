//! Input edge: files, directories (recursively) and standard input to raw documents.
//! Every unreadable input becomes a [`Failure`] naming the file and the reason; the others
//! are still read.

use std::io::Read;
use std::path::{Path, PathBuf};

use entente_extract::output::Failure;
use entente_extract::RawDoc;
use entente_text::Format;

/// Inputs larger than this are refused (a news article is a few hundred kilobytes at most).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

fn format_of(p: &Path) -> Option<Format> {
    match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// The files named by `paths`: files as given (any extension), directories walked for
/// `.txt`, `.html` and `.htm` files in sorted order; `-` is standard input.
pub fn collect(paths: &[String]) -> (Vec<(String, Option<PathBuf>)>, Vec<Failure>) {
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(("-".to_string(), None));
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(true)
                .into_iter()
                .filter_map(|e| match e {
                    Ok(e) => Some(e),
                    Err(err) => {
                        failures.push(Failure {
                            file: err.path().map_or(p.clone(), |x| x.display().to_string()),
                            reason: format!("cannot read directory entry: {err}"),
                        });
                        None
                    }
                })
                .filter(|e| e.file_type().is_file() && format_of(e.path()).is_some())
                .map(|e| e.into_path())
                .collect();
            files.sort();
            out.extend(files.into_iter().map(|f| (f.display().to_string(), Some(f))));
        } else if path.exists() {
            out.push((p.clone(), Some(path.to_path_buf())));
        } else {
            failures.push(Failure { file: p.clone(), reason: "no such file or directory".into() });
        }
    }
    (out, failures)
}

/// Reads one input into a raw document, or says why it cannot be used.
pub fn read(id: String, name: &str, path: Option<&Path>, max_bytes: u64) -> Result<RawDoc, Failure> {
    let fail = |reason: String| Failure { file: name.to_string(), reason };
    let bytes = match path {
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
            buf
        }
        Some(p) => {
            let meta = std::fs::metadata(p).map_err(|e| fail(format!("cannot read: {e}")))?;
            if meta.len() > max_bytes {
                return Err(fail(format!("too large: {} bytes (limit {max_bytes})", meta.len())));
            }
            std::fs::read(p).map_err(|e| fail(format!("cannot read: {e}")))?
        }
    };
    if bytes.len() as u64 > max_bytes {
        return Err(fail(format!("too large: over {max_bytes} bytes")));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail("empty".into()));
    }
    if bytes.contains(&0) {
        return Err(fail("binary file (contains NUL bytes)".into()));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Err(fail(format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let format = match path.and_then(format_of) {
        Some(f) => f,
        None => {
            let head = text.trim_start().get(..512).unwrap_or(text.trim_start()).to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
                Format::Html
            } else {
                Format::Text
            }
        }
    };
    let file = path.map_or_else(|| "-".to_string(), |p| p.display().to_string());
    Ok(RawDoc { id, file, text, format })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("entente-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn bad_inputs_are_named_with_a_reason() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("empty.txt", b"  \n", "empty"),
            ("nul.txt", b"abc\0def", "binary"),
            ("latin1.txt", b"caf\xe9 au lait", "not UTF-8"),
        ];
        for (name, bytes, why) in cases {
            let p = tmp(name, bytes);
            let err = read("d1".into(), name, Some(&p), DEFAULT_MAX_BYTES).unwrap_err();
            assert_eq!(err.file, *name);
            assert!(err.reason.contains(why), "{name}: {}", err.reason);
        }
        let p = tmp("big.txt", &[b'a'; 100]);
        assert!(read("d1".into(), "big.txt", Some(&p), 10).unwrap_err().reason.contains("too large"));
    }

    #[test]
    fn html_is_recognised_by_extension_or_content() {
        let p = tmp("page.htm", b"<p>Hi</p>");
        assert_eq!(read("d1".into(), "page.htm", Some(&p), DEFAULT_MAX_BYTES).unwrap().format, Format::Html);
        let p = tmp("page.dat", b"<!DOCTYPE html><html><body>x</body></html>");
        assert_eq!(read("d1".into(), "page.dat", Some(&p), DEFAULT_MAX_BYTES).unwrap().format, Format::Html);
    }
}
