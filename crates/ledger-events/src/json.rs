//! Strict JSON for payloads (contract §2): UTF-8, no duplicate keys, no lone surrogates, no BOM,
//! no `NaN`/`Infinity`. The reader is ledger-proof's (one strict reader for envelopes, lines and
//! payloads); this module names it where the event code looks for it.

pub use ledger_proof::{parse_strict_json as parse_strict, StrictJsonError};

#[cfg(test)]
mod tests {
    use super::parse_strict;

    #[test]
    fn refuses_what_the_contract_refuses() {
        assert!(parse_strict(br#"{"a":1,"b":{"c":[1,2]}}"#).is_ok());
        assert!(parse_strict(br#"{"a":1,"a":2}"#)
            .unwrap_err()
            .to_string()
            .contains("duplicate"));
        assert!(parse_strict(br#"{"a":{"b":1,"b":1}}"#).is_err());
        assert!(parse_strict(br#"[{"b":1,"b":1}]"#).is_err());
        assert!(parse_strict(b"\xEF\xBB\xBF{}").is_err());
        assert!(parse_strict(br#"{"a":"\ud800"}"#).is_err());
        assert!(parse_strict(br#"{"a":NaN}"#).is_err());
        assert!(parse_strict(br#"{"a":Infinity}"#).is_err());
        assert!(parse_strict(b"{\"a\":\"\xff\"}").is_err());
        assert!(parse_strict(br#"{} {}"#).is_err());
        assert!(parse_strict(br#"{"a":"\ud83d\ude00"}"#).is_ok());
    }
}
