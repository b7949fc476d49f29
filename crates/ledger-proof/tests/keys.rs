//! Key texts, key ids and the refusal of weak or non-canonical public keys.

use ed25519_dalek::VerifyingKey;
use ledger_proof::{
    b64_encode, is_valid_key_name, key_hash, parse_key_id, KeyError, SignerKey, VerifierKey,
};
use rand::rngs::StdRng;
use rand::SeedableRng;

fn vkey_text(name: &str, pk: &[u8; 32]) -> String {
    let mut raw = vec![0x01];
    raw.extend_from_slice(pk);
    format!(
        "{name}+{}+{}",
        hex::encode(key_hash(name, pk)),
        b64_encode(&raw)
    )
}

#[test]
fn small_order_public_key_is_refused() {
    // The identity point: order 1.
    let mut identity = [0u8; 32];
    identity[0] = 0x01;
    assert_eq!(
        VerifierKey::parse(&vkey_text("ledger.example/log", &identity)),
        Err(KeyError::SmallOrder)
    );
    // (0, -1): order 2.
    let mut minus_one = [0xffu8; 32];
    minus_one[0] = 0xec;
    minus_one[31] = 0x7f;
    assert_eq!(
        VerifierKey::parse(&vkey_text("ledger.example/log", &minus_one)),
        Err(KeyError::SmallOrder)
    );
}

#[test]
fn non_canonical_public_key_is_refused() {
    // y = p = 2^255 - 19, which reduces to y = 0: a point, but not its canonical encoding.
    let mut y_is_p = [0xffu8; 32];
    y_is_p[0] = 0xed;
    y_is_p[31] = 0x7f;
    assert_eq!(
        VerifierKey::parse(&vkey_text("ledger.example/log", &y_is_p)),
        Err(KeyError::NonCanonicalPoint)
    );
    let decoded = VerifyingKey::from_bytes(&y_is_p).unwrap();
    assert_eq!(
        VerifierKey::from_verifying_key("ledger.example/log", decoded),
        Err(KeyError::NonCanonicalPoint)
    );
}

#[test]
fn point_not_on_curve_is_refused() {
    let bytes = (2u8..=255)
        .map(|y| {
            let mut b = [0u8; 32];
            b[0] = y;
            b
        })
        .find(|b| VerifyingKey::from_bytes(b).is_err())
        .expect("some small y is not on the curve");
    assert_eq!(
        VerifierKey::parse(&vkey_text("n", &bytes)),
        Err(KeyError::InvalidPoint)
    );
}

#[test]
fn key_texts_are_checked() {
    let key = SignerKey::from_seed("secretariat", [5; 32]).unwrap();
    let vkey = key.verifier().to_string();
    let parsed: VerifierKey = format!("  {vkey}\n").parse().unwrap();
    assert_eq!(parsed, key.verifier());
    assert_eq!(parsed.key_id(), key.key_id());
    assert_eq!(
        parsed.hash(),
        key_hash("secretariat", parsed.public_key().as_bytes())
    );

    let (name, hash, b64) = {
        let mut p = vkey.splitn(3, '+');
        (p.next().unwrap(), p.next().unwrap(), p.next().unwrap())
    };
    let upper = format!("{name}+{}+{b64}", hash.to_uppercase());
    assert!(matches!(
        VerifierKey::parse(&upper),
        Err(KeyError::InvalidKeyHash { .. })
    ));
    let wrong_hash = format!("{name}+00000000+{b64}");
    assert!(matches!(
        VerifierKey::parse(&wrong_hash),
        Err(KeyError::HashMismatch { .. })
    ));
    // Same key under another name: the stated hash no longer matches.
    assert!(matches!(
        VerifierKey::parse(&format!("secretariaT+{hash}+{b64}")),
        Err(KeyError::HashMismatch { .. })
    ));
    let pk = *parsed.public_key().as_bytes();
    let mut wrong_alg = vec![0x02];
    wrong_alg.extend_from_slice(&pk);
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{hash}+{}", b64_encode(&wrong_alg))),
        Err(KeyError::UnsupportedAlgorithm { alg: 0x02 })
    );
    assert_eq!(
        VerifierKey::parse(&format!("{name}+{hash}+{}", b64_encode(&pk))),
        Err(KeyError::WrongLength { len: 32 })
    );
    assert!(matches!(
        // 33 bytes take 44 symbols and no padding, so one symbol less is invalid.
        VerifierKey::parse(&format!("{name}+{hash}+{}", &b64[..b64.len() - 1])),
        Err(KeyError::Base64(_))
    ));
    assert!(matches!(
        VerifierKey::parse(&format!("localhost:8080+{hash}+{b64}")),
        Err(KeyError::InvalidName { .. })
    ));
    assert!(VerifierKey::parse(&format!("{name}+{hash}")).is_err());
    assert!(VerifierKey::parse("").is_err());
    assert!(VerifierKey::parse(&format!("{name} +{hash}+{b64}")).is_err());
}

#[test]
fn signer_keys() {
    let mut rng = StdRng::seed_from_u64(42);
    let key = SignerKey::generate("ledger.example.org/cp-mop", &mut rng).unwrap();
    let text = key.to_string();
    assert!(text.starts_with("PRIVATE+KEY+ledger.example.org/cp-mop+"));
    let parsed = SignerKey::parse(&format!("{text}\n")).unwrap();
    assert_eq!(parsed.verifier(), key.verifier());
    assert_eq!(parsed.name(), "ledger.example.org/cp-mop");
    let sig = parsed.sign(b"message");
    assert!(key.verifier().verify(b"message", &sig));
    assert!(!key.verifier().verify(b"messagE", &sig));
    assert!(!key.verifier().verify(b"message", &sig[..63]));

    // A hash that belongs to another key is refused.
    let other = SignerKey::from_seed("ledger.example.org/cp-mop", [1; 32]).unwrap();
    let other_hash = other.key_id().rsplit('+').next().unwrap().to_owned();
    let mut parts: Vec<&str> = text.splitn(5, '+').collect();
    parts[3] = &other_hash;
    assert!(matches!(
        SignerKey::parse(&parts.join("+")),
        Err(KeyError::HashMismatch { .. })
    ));
    assert!(SignerKey::parse(&text.replacen("PRIVATE+KEY+", "PRIVATE+", 1)).is_err());
    // A verifier key is not a signer key, and vice versa.
    assert!(SignerKey::parse(&key.verifier().to_string()).is_err());
    assert!(VerifierKey::parse(&text).is_err());
    assert!(matches!(
        SignerKey::from_seed("bad name", [0; 32]),
        Err(KeyError::InvalidName { .. })
    ));
}

#[test]
fn key_names_and_ids() {
    assert!(is_valid_key_name("a"));
    assert!(is_valid_key_name("ledger.example.org/cp-mop"));
    assert!(is_valid_key_name("A_b-9"));
    assert!(is_valid_key_name(&"x".repeat(64)));
    assert!(!is_valid_key_name(&"x".repeat(65)));
    assert!(!is_valid_key_name(""));
    assert!(!is_valid_key_name("localhost:8080"));
    assert!(!is_valid_key_name("a+b"));
    assert!(!is_valid_key_name("a b"));
    assert!(!is_valid_key_name("é"));

    assert_eq!(
        parse_key_id("secretariat+1a2b3c4d").unwrap(),
        ("secretariat".to_owned(), [0x1a, 0x2b, 0x3c, 0x4d])
    );
    for bad in [
        "secretariat+1A2B3C4D",
        "secretariat+1a2b3c4",
        "secretariat+1a2b3c4d5",
        "secretariat",
        "+1a2b3c4d",
        "secretariat+1a2b+3c4d",
        "secretariat+1a2b3c4d ",
        "secretariat+1a2b3c4g",
        "sec retariat+1a2b3c4d",
    ] {
        assert!(parse_key_id(bad).is_err(), "{bad:?} accepted");
    }
}
