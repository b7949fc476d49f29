//! Entry lines: canonical rendering, strict parsing, and the BLAKE3 chain.

use ledger_proof::{
    chain_hash, is_valid_recorded_at, DsseSignature, Entry, EntryError, Envelope, SignerKey,
    GENESIS_PREV, PAYLOAD_TYPE,
};

fn sample() -> Entry {
    Entry {
        index: 7,
        prev: [0xab; 32],
        recorded_at: "2024-11-01T10:00:00.000Z".to_owned(),
        envelope: Envelope {
            payload_type: PAYLOAD_TYPE.to_owned(),
            payload: "eyJhIjoxfQ==".to_owned(),
            signatures: vec![
                DsseSignature {
                    keyid: "secretariat+1a2b3c4d".to_owned(),
                    sig: "AAAA".to_owned(),
                },
                DsseSignature {
                    keyid: "admin+00ff00ff".to_owned(),
                    sig: "BBBB".to_owned(),
                },
            ],
        },
    }
}

const SAMPLE_LINE: &str = concat!(
    r#"{"index":7,"prev":"abababababababababababababababababababababababababababababababab","#,
    r#""recorded_at":"2024-11-01T10:00:00.000Z","envelope":{"payloadType":"application/vnd.dledger.event+json","#,
    r#""payload":"eyJhIjoxfQ==","signatures":[{"keyid":"secretariat+1a2b3c4d","sig":"AAAA"},"#,
    r#"{"keyid":"admin+00ff00ff","sig":"BBBB"}]}}"#
);

#[test]
fn render_is_the_contract_line() {
    assert_eq!(sample().render(), SAMPLE_LINE);
}

#[test]
fn render_parse_round_trip() {
    assert_eq!(Entry::parse(SAMPLE_LINE).unwrap(), sample());

    let key = SignerKey::from_seed("secretariat", [3; 32]).unwrap();
    let entry = Entry {
        index: 0,
        prev: GENESIS_PREV,
        recorded_at: "2000-02-29T23:59:59.999Z".to_owned(),
        envelope: Envelope::sign(br#"{"id":"x"}"#, &[&key]),
    };
    let line = entry.render();
    assert!(line.starts_with(&format!(r#"{{"index":0,"prev":"{}","#, "0".repeat(64))));
    assert_eq!(Entry::parse(&line).unwrap(), entry);
    // No signatures is a shape the domain refuses, but it renders and parses exactly.
    let mut unsigned = entry.clone();
    unsigned.envelope.signatures.clear();
    assert_eq!(Entry::parse(&unsigned.render()).unwrap(), unsigned);
}

#[test]
fn non_canonical_lines_are_rejected() {
    let cases = [
        // An extra space.
        SAMPLE_LINE.replacen(r#""index":7"#, r#""index": 7"#, 1),
        format!("{SAMPLE_LINE} "),
        format!(" {SAMPLE_LINE}"),
        // Reordered fields.
        SAMPLE_LINE.replacen(
            r#""index":7,"prev":"abababababababababababababababababababababababababababababababab""#,
            r#""prev":"abababababababababababababababababababababababababababababababab","index":7"#,
            1,
        ),
        SAMPLE_LINE.replacen(
            r#""keyid":"admin+00ff00ff","sig":"BBBB""#,
            r#""sig":"BBBB","keyid":"admin+00ff00ff""#,
            1,
        ),
        // Upper-case hex.
        SAMPLE_LINE.replacen("abab", "ABAB", 1),
        // Short prev.
        SAMPLE_LINE.replacen("abab", "ab", 1),
        // A JSON escape, even one that decodes to the same text.
        SAMPLE_LINE.replacen("application/vnd", r"application\/vnd", 1),
        // Numbers that are not plain decimals.
        SAMPLE_LINE.replacen(r#""index":7"#, r#""index":7.0"#, 1),
        SAMPLE_LINE.replacen(r#""index":7"#, r#""index":07"#, 1),
        SAMPLE_LINE.replacen(r#""index":7"#, r#""index":-7"#, 1),
        SAMPLE_LINE.replacen(r#""index":7"#, r#""index":"7""#, 1),
        SAMPLE_LINE.replacen(r#""index":7"#, r#""index":18446744073709551616"#, 1),
        // Duplicate and unknown fields.
        SAMPLE_LINE.replacen(r#""index":7,"#, r#""index":7,"index":7,"#, 1),
        SAMPLE_LINE.replacen(r#""index":7,"#, r#""index":7,"extra":1,"#, 1),
        SAMPLE_LINE.replacen(r#""payload":"#, r#""payload":"x","payload":"#, 1),
        // Missing field.
        SAMPLE_LINE.replacen(r#""index":7,"#, "", 1),
        // Not one line.
        format!("{SAMPLE_LINE}\n"),
        format!("{SAMPLE_LINE}\r"),
        format!("{SAMPLE_LINE}{SAMPLE_LINE}"),
        // Non-ASCII.
        SAMPLE_LINE.replacen("AAAA", "AAÄA", 1),
        String::new(),
    ];
    for (i, line) in cases.iter().enumerate() {
        assert!(Entry::parse(line).is_err(), "case {i} accepted: {line}");
    }
    assert!(matches!(
        Entry::parse(&format!("{SAMPLE_LINE} ")),
        Err(EntryError::NonCanonical { .. })
    ));
    assert!(matches!(
        Entry::parse(&SAMPLE_LINE.replacen("application/vnd", r"application\/vnd", 1)),
        Err(EntryError::Escape { .. })
    ));
}

#[test]
fn bad_recorded_at_is_rejected() {
    let bad = [
        "2024-11-01T10:00:00Z",
        "2024-11-01T10:00:00.00Z",
        "2024-11-01T10:00:00.0000Z",
        "2024-11-01T10:00:00.000+00:00",
        "2024-11-01 10:00:00.000Z",
        "2024-11-01t10:00:00.000Z",
        "2024-11-01T10:00:00.000z",
        "2024-11-01T10:00:60.000Z",
        "2024-11-01T24:00:00.000Z",
        "2024-11-01T10:60:00.000Z",
        "2024-13-01T10:00:00.000Z",
        "2024-00-01T10:00:00.000Z",
        "2024-11-00T10:00:00.000Z",
        "2024-11-31T10:00:00.000Z",
        "2023-02-29T10:00:00.000Z",
        "1900-02-29T10:00:00.000Z",
        "+2024-11-01T10:00:00.000Z",
        "2024-1-01T10:00:00.000Z ",
        "２024-11-01T10:00:00.000Z",
    ];
    for value in bad {
        assert!(!is_valid_recorded_at(value), "{value}");
        let line = SAMPLE_LINE.replacen("2024-11-01T10:00:00.000Z", value, 1);
        assert!(Entry::parse(&line).is_err(), "{value} accepted in a line");
    }
    for good in [
        "2024-02-29T00:00:00.000Z",
        "2000-02-29T23:59:59.999Z",
        "2024-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00.000Z",
    ] {
        assert!(is_valid_recorded_at(good), "{good}");
    }
    assert!(matches!(
        Entry::parse(&SAMPLE_LINE.replacen("10:00:00.000", "10:00:60.000", 1)),
        Err(EntryError::InvalidRecordedAt { .. })
    ));
}

#[test]
fn chain_hash_is_blake3() {
    assert_eq!(
        hex::encode(chain_hash(b"abc")),
        "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"
    );
    assert_eq!(GENESIS_PREV, [0; 32]);
}

#[test]
fn odd_strings_render_as_valid_json_but_never_parse_back() {
    // Strings the domain would refuse still render as JSON, not as a broken line.
    let mut entry = sample();
    entry.envelope.signatures[0].keyid = r#"a"b\c"#.to_owned();
    let line = entry.render();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["envelope"]["signatures"][0]["keyid"], r#"a"b\c"#);
    assert!(matches!(
        Entry::parse(&line),
        Err(EntryError::Escape { .. })
    ));
}
