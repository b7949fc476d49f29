//! The C2SP signed-note vectors of `note-signatures.txt`, plus tampering cases.

mod common;

use std::collections::HashMap;

use ledger_proof::{
    b64_decode, b64_encode, leaf_hash, Checkpoint, NoteError, SignedNote, SignerKey, VerifierKey,
};

/// The file's sections, by the first word of their `## ` header; each is its `key: value`
/// lines, and `body` holds the lines of a section that has no `key: value` lines.
struct Vectors {
    sections: HashMap<String, HashMap<String, String>>,
    bodies: HashMap<String, Vec<String>>,
}

fn load() -> Vectors {
    let text = common::read_vector("note-signatures.txt");
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut bodies: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("## ") {
            let word = header
                .split([':', ' '])
                .next()
                .unwrap_or_default()
                .to_owned();
            current = Some(word);
            continue;
        }
        let Some(section) = current.clone() else {
            continue;
        };
        if line.is_empty() {
            continue;
        }
        match line.split_once(": ") {
            Some((k, v)) if ["vkey", "skey", "text", "signature line"].contains(&k) => {
                sections
                    .entry(section)
                    .or_default()
                    .insert(k.to_owned(), v.to_owned());
            }
            _ => bodies.entry(section).or_default().push(line.to_owned()),
        }
    }
    assert!(
        sections.contains_key("verify") && sections.contains_key("sign"),
        "note-signatures.txt lacks its verify or sign section"
    );
    Vectors { sections, bodies }
}

fn field<'a>(v: &'a Vectors, section: &str, key: &str) -> &'a str {
    v.sections[section]
        .get(key)
        .unwrap_or_else(|| panic!("missing {key} in section {section}"))
}

/// The `text:` values are quoted with `\n` escapes, which JSON string syntax reads.
fn text(v: &Vectors, section: &str) -> String {
    serde_json::from_str(field(v, section, "text")).expect("quoted text")
}

fn note(v: &Vectors, section: &str) -> String {
    format!(
        "{}\n{}\n",
        text(v, section),
        field(v, section, "signature line")
    )
}

#[test]
fn verify_vector_is_accepted() {
    let v = load();
    let key = VerifierKey::parse(field(&v, "verify", "vkey")).unwrap();
    assert_eq!(key.name(), "example.com/foo");
    assert_eq!(key.key_id(), "example.com/foo+530d903a");
    let parsed = SignedNote::parse(&note(&v, "verify")).unwrap();
    assert_eq!(parsed.text, text(&v, "verify"));
    assert_eq!(parsed.signatures.len(), 1);
    parsed.verify(&key).unwrap();
}

#[test]
fn vkeys_round_trip_through_display() {
    let v = load();
    for section in ["verify", "sign"] {
        let text = field(&v, section, "vkey");
        let key: VerifierKey = text.parse().unwrap();
        assert_eq!(key.to_string(), text);
    }
}

#[test]
fn sign_vector_is_reproduced_byte_for_byte() {
    let v = load();
    let skey = SignerKey::parse(field(&v, "sign", "skey")).unwrap();
    assert_eq!(skey.to_string(), field(&v, "sign", "skey"));
    let vkey = VerifierKey::parse(field(&v, "sign", "vkey")).unwrap();
    assert_eq!(skey.verifier(), vkey);
    assert_eq!(skey.key_id(), "PeterNeumann+c74f20a3");

    let signed = SignedNote::sign(&text(&v, "sign"), &skey).unwrap();
    assert_eq!(signed, note(&v, "sign"));
    SignedNote::parse(&signed).unwrap().verify(&vkey).unwrap();
}

#[test]
fn signer_debug_does_not_print_the_secret() {
    let v = load();
    let skey_text = field(&v, "sign", "skey");
    let skey = SignerKey::parse(skey_text).unwrap();
    let debug = format!("{skey:?}");
    let secret = skey_text.rsplit('+').next().unwrap();
    assert!(!debug.contains(secret), "{debug}");
    assert!(debug.contains("PeterNeumann+c74f20a3"), "{debug}");
}

#[test]
fn tampered_text_is_rejected() {
    let v = load();
    let key = VerifierKey::parse(field(&v, "verify", "vkey")).unwrap();
    let tampered = note(&v, "verify").replacen("example", "exampel", 1);
    let parsed = SignedNote::parse(&tampered).unwrap();
    assert!(matches!(
        parsed.verify(&key),
        Err(NoteError::InvalidSignature { .. })
    ));
}

/// Re-encodes the vector's signature line with one bit of the Ed25519 signature flipped.
fn corrupted_line(line: &str, byte: usize) -> String {
    let (head, b64) = line.rsplit_once(' ').unwrap();
    let mut raw = b64_decode(b64).unwrap();
    raw[byte] ^= 0x01;
    format!("{head} {}", b64_encode(&raw))
}

#[test]
fn tampered_signature_is_rejected() {
    let v = load();
    let key = VerifierKey::parse(field(&v, "verify", "vkey")).unwrap();
    let line = field(&v, "verify", "signature line");
    for byte in [4, 30, 67] {
        let bad = format!("{}\n{}\n", text(&v, "verify"), corrupted_line(line, byte));
        let parsed = SignedNote::parse(&bad).unwrap();
        assert!(
            matches!(parsed.verify(&key), Err(NoteError::InvalidSignature { .. })),
            "flip in byte {byte} accepted"
        );
    }
    // A flipped key hash makes the line someone else's: then nothing by the key is left.
    let bad = format!("{}\n{}\n", text(&v, "verify"), corrupted_line(line, 0));
    assert!(matches!(
        SignedNote::parse(&bad).unwrap().verify(&key),
        Err(NoteError::NoSignatureByKey { .. })
    ));
}

#[test]
fn unknown_cosignature_is_ignored() {
    let v = load();
    let key = VerifierKey::parse(field(&v, "verify", "vkey")).unwrap();
    let witness = SignerKey::from_seed("witness.example/w1", [7; 32]).unwrap();
    let text = text(&v, "verify");
    let witness_note = SignedNote::sign(&text, &witness).unwrap();
    let witness_line = witness_note.lines().last().unwrap();
    // Same name as the log key but another key hash: also someone else's line.
    let impostor = SignerKey::from_seed("example.com/foo", [9; 32]).unwrap();
    let impostor_note = SignedNote::sign(&text, &impostor).unwrap();
    let impostor_line = impostor_note.lines().last().unwrap();

    let combined = format!(
        "{}\n{}\n{}\n{}\n",
        text,
        witness_line,
        field(&v, "verify", "signature line"),
        impostor_line
    );
    let parsed = SignedNote::parse(&combined).unwrap();
    assert_eq!(parsed.signatures.len(), 3);
    parsed.verify(&key).unwrap();
    parsed.verify(&witness.verifier()).unwrap();
    assert_eq!(parsed.to_string(), combined);

    // Without the log key's line, the unknown lines alone are not enough.
    let only_others = format!("{text}\n{witness_line}\n{impostor_line}\n");
    assert!(matches!(
        SignedNote::parse(&only_others).unwrap().verify(&key),
        Err(NoteError::NoSignatureByKey { .. })
    ));
}

#[test]
fn a_corrupted_line_by_the_known_key_fails_even_beside_a_good_one() {
    let v = load();
    let key = VerifierKey::parse(field(&v, "verify", "vkey")).unwrap();
    let line = field(&v, "verify", "signature line");
    let bad = format!(
        "{}\n{}\n{}\n",
        text(&v, "verify"),
        line,
        corrupted_line(line, 40)
    );
    assert!(matches!(
        SignedNote::parse(&bad).unwrap().verify(&key),
        Err(NoteError::InvalidSignature { .. })
    ));
}

#[test]
fn malformed_notes_are_rejected() {
    let v = load();
    let good = note(&v, "verify");
    let line = field(&v, "verify", "signature line");
    let text = text(&v, "verify");
    let cases = [
        // No blank line between text and signatures.
        format!("{text}{line}\n"),
        // Signature block without final newline.
        good.trim_end_matches('\n').to_owned(),
        // Hyphen instead of EM DASH.
        good.replace('\u{2014}', "-"),
        // Two spaces after the dash.
        good.replace("\u{2014} ", "\u{2014}  "),
        // Carriage return.
        good.replace('\n', "\r\n"),
        // Tab in the text.
        good.replacen(' ', "\t", 1),
        // Non-canonical base64 (missing padding).
        good.replace("aQM=", "aQM"),
        // Signature of only the key hash.
        format!("{text}\n\u{2014} example.com/foo Uw2QOg==\n"),
        // No signature line at all.
        format!("{text}\n"),
    ];
    for (i, case) in cases.iter().enumerate() {
        assert!(
            SignedNote::parse(case).is_err(),
            "case {i} accepted: {case:?}"
        );
    }
}

#[test]
fn the_last_blank_line_separates_text_from_signatures() {
    let v = load();
    let key = VerifierKey::parse(field(&v, "verify", "vkey")).unwrap();
    let line = field(&v, "verify", "signature line");
    // The first "signature" becomes part of the text, so the real one no longer matches.
    let note = format!("{}\n{line}\n\n{line}\n", text(&v, "verify"));
    let parsed = SignedNote::parse(&note).unwrap();
    assert_eq!(parsed.text, format!("{}\n{line}\n", text(&v, "verify")));
    assert_eq!(parsed.signatures.len(), 1);
    assert!(parsed.verify(&key).is_err());
}

#[test]
fn sign_refuses_bad_text() {
    let key = SignerKey::from_seed("example.com/log", [1; 32]).unwrap();
    assert_eq!(
        SignedNote::sign("no newline", &key),
        Err(NoteError::TextNotTerminated)
    );
    assert_eq!(
        SignedNote::sign("", &key),
        Err(NoteError::TextNotTerminated)
    );
    assert!(matches!(
        SignedNote::sign("a\u{7}b\n", &key),
        Err(NoteError::ControlCharacter { offset: 1, .. })
    ));
    // Blank lines inside the text are allowed: the last blank line separates.
    let note = SignedNote::sign("a\n\nb\n\n", &key).unwrap();
    let parsed = SignedNote::parse(&note).unwrap();
    assert_eq!(parsed.text, "a\n\nb\n\n");
    parsed.verify(&key.verifier()).unwrap();
}

#[test]
fn tree_note_body_shape() {
    let v = load();
    let body = v.bodies.get("a").expect("tree note body section");
    assert_eq!(body.len(), 3, "{body:?}");
    let root = leaf_hash(b"hello world");
    assert_eq!(b64_encode(&root), body[2]);
    let checkpoint = Checkpoint {
        origin: body[0].clone(),
        size: body[1].parse().unwrap(),
        root,
    };
    assert_eq!(checkpoint.body(), format!("{}\n", body.join("\n")));
    // Its origin has spaces, which the contract's key names (and so our origins) forbid.
    let note = format!("{}\n\u{2014} x AAAAAAA=\n", checkpoint.body());
    assert!(matches!(
        Checkpoint::parse_unverified(&note),
        Err(NoteError::InvalidOrigin { .. })
    ));
}
