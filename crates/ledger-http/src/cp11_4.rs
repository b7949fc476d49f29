//! Decision CP-11/4 in its Arabic original (`locales/CP-11-4.ar.txt`, a verbatim copy of the
//! text the project holds), cut into its numbered paragraphs so that an Arabic page can quote the
//! paragraph a finding applies. The Arabic text is the authority (rules.md); every other language
//! shows the project's reading of the rule, marked as an unofficial translation.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The original, as held.
pub const ORIGINAL: &str = include_str!("../locales/CP-11-4.ar.txt");

/// "2" for a paragraph, "7(1)" for a sub-paragraph.
pub fn label(para: u8, sub: u8) -> String {
    if sub == 0 {
        para.to_string()
    } else {
        format!("{para}({sub})")
    }
}

/// A line of the original without the word processor's marks (`[bookmark: …]`,
/// `[footnoteRef:N]`) and without the footnotes' own text (`[N: …]`), which are not part of the
/// paragraph.
fn clean(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find(']') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn paragraphs() -> &'static BTreeMap<(u8, u8), String> {
    static P: OnceLock<BTreeMap<(u8, u8), String>> = OnceLock::new();
    P.get_or_init(|| {
        let mut map = BTreeMap::new();
        let mut para = 0u8;
        for line in ORIGINAL.lines() {
            let text = clean(line);
            let bytes = text.as_bytes();
            if bytes.len() > 2 && bytes[0].is_ascii_digit() && bytes[1] == b'-' {
                para = bytes[0] - b'0';
                map.insert((para, 0), text);
            } else if para == 7
                && bytes.len() > 3
                && bytes[0] == b'('
                && bytes[1].is_ascii_digit()
                && bytes[2] == b')'
            {
                map.insert((7, bytes[1] - b'0'), text);
            }
        }
        map
    })
}

/// The paragraph (`sub` 0) or sub-paragraph of the original, with its number as written.
pub fn paragraph(para: u8, sub: u8) -> Option<&'static str> {
    paragraphs().get(&(para, sub)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_paragraph_and_sub_paragraph_is_found_in_the_original() {
        for p in 1..=7 {
            let text = paragraph(p, 0).unwrap_or_else(|| panic!("paragraph {p}"));
            assert!(text.starts_with(&format!("{p}- ")), "{text}");
        }
        for s in 1..=4 {
            let text = paragraph(7, s).unwrap_or_else(|| panic!("7({s})"));
            assert!(text.starts_with(&format!("({s}) ")), "{text}");
            assert!(!text.contains('['), "{text}");
        }
        // para 2 as written, its footnote mark and footnote text removed
        let p2 = paragraph(2, 0).unwrap();
        assert!(
            p2.contains("طالما لم تُتخذ أي قرارات موضوعية عبر الإنترنت"),
            "{p2}"
        );
        assert!(!p2.contains("سلسلة المعاهدات"), "{p2}");
        // 7(4) without the bookmark
        assert!(paragraph(7, 4).unwrap().starts_with("(4) ينبغي للأمانة"));
    }

    #[test]
    fn the_copy_is_the_shared_original_byte_for_byte() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/seed/CP-11-4.ar.txt");
        if let Ok(bytes) = std::fs::read(&shared) {
            assert_eq!(
                bytes,
                ORIGINAL.as_bytes(),
                "locales/CP-11-4.ar.txt differs from {shared:?}"
            );
        }
    }
}
