//! Documents stay outside the log; events name them by digest (`blake3:<64 hex>`, contract §5).
//! This finds every digest an event's `data` names, with the field that names it, for the entry
//! pages' "check a document against this digest" and the browser verifier's document check.

use serde_json::Value;

/// Every document digest an event's data names, with its field path (`text_digest`,
/// `draft.text_digest`, `items[2].digest`), in the order the data holds them.
pub fn digests_in(data: &Value) -> Vec<(String, String)> {
    fn walk(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
        match v {
            Value::String(s) if is_digest(s) => out.push((at.to_owned(), s.clone())),
            Value::Object(m) => {
                for (k, x) in m {
                    let here = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    walk(x, &here, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{at}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(data, "", &mut out);
    out
}

/// `blake3:` and 64 lowercase hex digits.
pub fn is_digest(s: &str) -> bool {
    s.strip_prefix("blake3:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_nested_digests_with_their_paths() {
        let d = format!("blake3:{}", "ab".repeat(32));
        let data = json!({"draft": {"text_digest": d, "title": "x"},
            "list": [{"digest": d}], "upper": format!("blake3:{}", "AB".repeat(32)),
            "short": "blake3:abcd"});
        assert_eq!(
            digests_in(&data),
            vec![
                ("draft.text_digest".to_owned(), d.clone()),
                ("list[0].digest".to_owned(), d.clone())
            ]
        );
    }
}
