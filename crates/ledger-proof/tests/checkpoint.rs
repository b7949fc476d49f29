//! Checkpoints: signing, strict three-line bodies, origin binding and cosignatures.

use ledger_proof::{b64_encode, leaf_hash, Checkpoint, NoteError, SignedNote, SignerKey};

fn log_key() -> SignerKey {
    SignerKey::from_seed("ledger.example.org/cp-mop", [11; 32]).unwrap()
}

fn sample() -> Checkpoint {
    Checkpoint {
        origin: "ledger.example.org/cp-mop".to_owned(),
        size: 42,
        root: leaf_hash(b"hello world"),
    }
}

#[test]
fn sign_then_parse_verified() {
    let key = log_key();
    let cp = sample();
    let note = cp.sign(&key).unwrap();
    assert!(note.starts_with(&format!(
        "ledger.example.org/cp-mop\n42\n{}\n\n\u{2014} ledger.example.org/cp-mop ",
        b64_encode(&cp.root)
    )));
    assert!(note.ends_with('\n'));
    assert_eq!(
        Checkpoint::parse_verified(&note, &key.verifier()).unwrap(),
        cp
    );
    let (unverified, signed) = Checkpoint::parse_unverified(&note).unwrap();
    assert_eq!(unverified, cp);
    assert_eq!(signed.text, cp.body());
    assert_eq!(signed.to_string(), note);

    let empty = Checkpoint {
        size: 0,
        root: ledger_proof::empty_root(),
        ..cp
    };
    let note = empty.sign(&key).unwrap();
    assert_eq!(
        Checkpoint::parse_verified(&note, &key.verifier()).unwrap(),
        empty
    );
}

#[test]
fn witness_cosignatures_are_ignored() {
    let key = log_key();
    let note = sample().sign(&key).unwrap();
    let witness = SignerKey::from_seed("witness.example/w1", [12; 32]).unwrap();
    let cosigned = SignedNote::sign(&sample().body(), &witness).unwrap();
    let witness_line = cosigned.lines().last().unwrap();
    let both = format!("{note}{witness_line}\n");
    assert_eq!(
        Checkpoint::parse_verified(&both, &key.verifier()).unwrap(),
        sample()
    );
    // The witness alone is not the log.
    assert!(matches!(
        Checkpoint::parse_verified(&cosigned, &key.verifier()),
        Err(NoteError::NoSignatureByKey { .. })
    ));
}

#[test]
fn wrong_key_or_origin_is_rejected() {
    let key = log_key();
    let other = SignerKey::from_seed("ledger.example.org/other", [13; 32]).unwrap();
    let note = sample().sign(&key).unwrap();
    assert!(matches!(
        Checkpoint::parse_verified(&note, &other.verifier()),
        Err(NoteError::OriginMismatch { .. })
    ));
    assert!(matches!(
        sample().sign(&other),
        Err(NoteError::OriginMismatch { .. })
    ));
    // Same name, different key: the log key's line is not there.
    let impostor = SignerKey::from_seed("ledger.example.org/cp-mop", [14; 32]).unwrap();
    assert!(matches!(
        Checkpoint::parse_verified(&note, &impostor.verifier()),
        Err(NoteError::NoSignatureByKey { .. })
    ));
}

#[test]
fn tampered_or_malformed_bodies_are_rejected() {
    let key = log_key();
    let vkey = key.verifier();
    let note = sample().sign(&key).unwrap();
    let tampered = note.replacen("\n42\n", "\n43\n", 1);
    assert!(matches!(
        Checkpoint::parse_verified(&tampered, &vkey),
        Err(NoteError::InvalidSignature { .. })
    ));

    // Bodies signed correctly but not in the checkpoint shape.
    let root = b64_encode(&sample().root);
    let origin = "ledger.example.org/cp-mop";
    let bodies = [
        format!("{origin}\n42\n{root}\nextension line\n"),
        format!("{origin}\n42\n"),
        format!("{origin}\n042\n{root}\n"),
        format!("{origin}\n+42\n{root}\n"),
        format!("{origin}\n-1\n{root}\n"),
        format!("{origin}\n18446744073709551616\n{root}\n"),
        format!("{origin}\n\n{root}\n"),
        format!("{origin}\n42\n{}\n", root.trim_end_matches('=')),
        format!("{origin}\n42\n{}\n", b64_encode(&[0u8; 31])),
        format!("{origin}\n42\n {root}\n"),
        format!("{origin} \n42\n{root}\n"),
    ];
    for body in bodies {
        let signed = SignedNote::sign(&body, &key).unwrap();
        assert!(
            Checkpoint::parse_verified(&signed, &vkey).is_err(),
            "accepted body {body:?}"
        );
        assert!(Checkpoint::parse_unverified(&signed).is_err(), "{body:?}");
    }
    let max = format!("{origin}\n18446744073709551615\n{root}\n");
    let signed = SignedNote::sign(&max, &key).unwrap();
    assert_eq!(
        Checkpoint::parse_verified(&signed, &vkey).unwrap().size,
        u64::MAX
    );
}
