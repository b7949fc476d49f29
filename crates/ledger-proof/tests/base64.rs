//! Canonical base64: exactly one accepted text per byte string.

use ledger_proof::{b64_decode, b64_encode, Base64Error, ProofError};

#[test]
fn canonical_texts_decode() {
    assert_eq!(b64_decode("QQ==").unwrap(), b"A");
    assert_eq!(b64_decode("QUI=").unwrap(), b"AB");
    assert_eq!(b64_decode("QUJD").unwrap(), b"ABC");
    assert_eq!(b64_decode("").unwrap(), b"");
    assert_eq!(b64_decode("+/8=").unwrap(), [0xfb, 0xff]);
}

#[test]
fn non_canonical_texts_are_rejected() {
    assert!(matches!(
        b64_decode("QR=="),
        Err(ProofError::Base64(Base64Error::NonZeroPadBits { .. }))
    ));
    assert!(matches!(
        b64_decode("QUJ="),
        Err(ProofError::Base64(Base64Error::NonZeroPadBits { .. }))
    ));
    for bad in [
        "QQ", "QQ=", "QUI", "Q Q==", "QQ== ", " QQ==", "QQ==\n", "QQ\n==", "QQ===", "Q===", "Q",
        "-_8=", "QQ==QQ==", "QQ=A",
    ] {
        assert!(b64_decode(bad).is_err(), "{bad:?} accepted");
    }
    assert!(matches!(
        b64_decode("Q Q=="),
        Err(ProofError::Base64(Base64Error::InvalidByte {
            offset: 1,
            byte: b' '
        }))
    ));
    let message = b64_decode("QR==").unwrap_err().to_string();
    assert!(message.contains("padding bits"), "{message}");
}

#[test]
fn encode_round_trips() {
    for len in 0..70u8 {
        let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
        let text = b64_encode(&bytes);
        assert_eq!(text.len() % 4, 0);
        assert_eq!(b64_decode(&text).unwrap(), bytes);
    }
}
