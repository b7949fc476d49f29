//! DSSE: PAE, signing and verification, strict envelope parsing and canonical JSON.

use ledger_proof::{
    b64_encode, pae, verify_dsse_signature, DsseSignature, Envelope, EnvelopeError, SignerKey,
    PAYLOAD_TYPE,
};

const CANONICAL: &str = r#"{"payloadType":"application/vnd.dledger.event+json","payload":"eyJ9","signatures":[{"keyid":"a+00000000","sig":"AAAA"}]}"#;

#[test]
fn pae_vector() {
    assert_eq!(
        pae("http://example.com/HelloWorld", b"hello world"),
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    );
    assert_eq!(pae("", b""), b"DSSEv1 0  0 ");
}

#[test]
fn sign_then_verify() {
    let a = SignerKey::from_seed("secretariat", [1; 32]).unwrap();
    let b = SignerKey::from_seed("bureau.member-3", [2; 32]).unwrap();
    let payload = br#"{"id":"01931f7e","type":"decision.adopted"}"#;
    let env = Envelope::sign(payload, &[&a, &b]);
    assert_eq!(env.payload_type, PAYLOAD_TYPE);
    assert_eq!(env.payload_bytes().unwrap(), payload);
    assert_eq!(env.signatures.len(), 2);
    assert_eq!(env.signatures[0].keyid, a.key_id());
    assert_eq!(env.signatures[1].keyid, b.key_id());

    let (va, vb) = (a.verifier(), b.verifier());
    assert!(verify_dsse_signature(
        &va,
        PAYLOAD_TYPE,
        payload,
        &env.signatures[0].sig
    ));
    assert!(verify_dsse_signature(
        &vb,
        PAYLOAD_TYPE,
        payload,
        &env.signatures[1].sig
    ));
    // Wrong key, payload, type, or encoding.
    assert!(!verify_dsse_signature(
        &vb,
        PAYLOAD_TYPE,
        payload,
        &env.signatures[0].sig
    ));
    assert!(!verify_dsse_signature(
        &va,
        PAYLOAD_TYPE,
        b"{}",
        &env.signatures[0].sig
    ));
    assert!(!verify_dsse_signature(
        &va,
        "application/json",
        payload,
        &env.signatures[0].sig
    ));
    let sig = &env.signatures[0].sig;
    assert!(!verify_dsse_signature(
        &va,
        PAYLOAD_TYPE,
        payload,
        sig.trim_end_matches('=')
    ));
    assert!(!verify_dsse_signature(
        &va,
        PAYLOAD_TYPE,
        payload,
        &format!(" {sig}")
    ));
    assert!(!verify_dsse_signature(&va, PAYLOAD_TYPE, payload, "AAAA"));
    // The signature is over PAE, not over the bare payload.
    let bare = b64_encode(&a.sign(payload));
    assert!(!verify_dsse_signature(&va, PAYLOAD_TYPE, payload, &bare));

    // The JSON round trips to the same envelope.
    assert_eq!(Envelope::parse_json(env.to_json().as_bytes()).unwrap(), env);
}

#[test]
fn to_json_is_canonical() {
    let env = Envelope {
        payload_type: PAYLOAD_TYPE.to_owned(),
        payload: "eyJ9".to_owned(),
        signatures: vec![DsseSignature {
            keyid: "a+00000000".to_owned(),
            sig: "AAAA".to_owned(),
        }],
    };
    assert_eq!(env.to_json(), CANONICAL);
    let unsigned = Envelope {
        signatures: Vec::new(),
        ..env
    };
    assert_eq!(
        unsigned.to_json(),
        r#"{"payloadType":"application/vnd.dledger.event+json","payload":"eyJ9","signatures":[]}"#
    );
}

#[test]
fn parse_accepts_any_field_order_and_whitespace() {
    let reordered = br#" { "signatures" : [ { "sig" : "AAAA" , "keyid" : "a+00000000" } ] ,
        "payload" : "eyJ9", "payloadType" : "application/vnd.dledger.event+json" } "#;
    let env = Envelope::parse_json(reordered).unwrap();
    assert_eq!(env.to_json(), CANONICAL);
    // Values are kept as received: the parser does not judge base64 or the payload type.
    let odd = br#"{"payloadType":"text/plain","payload":"not base64!","signatures":[]}"#;
    let env = Envelope::parse_json(odd).unwrap();
    assert_eq!(env.payload, "not base64!");
    assert!(env.payload_bytes().is_err());
}

#[test]
fn parse_rejects_bad_shapes() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "duplicate top-level key",
            br#"{"payloadType":"t","payload":"p","payload":"p","signatures":[]}"#.to_vec(),
        ),
        (
            "duplicate key in a signature",
            br#"{"payloadType":"t","payload":"p","signatures":[{"keyid":"k","keyid":"k","sig":"s"}]}"#
                .to_vec(),
        ),
        (
            "extra top-level field",
            br#"{"payloadType":"t","payload":"p","signatures":[],"x":"y"}"#.to_vec(),
        ),
        (
            "extra signature field",
            br#"{"payloadType":"t","payload":"p","signatures":[{"keyid":"k","sig":"s","x":"y"}]}"#
                .to_vec(),
        ),
        ("missing payload", br#"{"payloadType":"t","signatures":[]}"#.to_vec()),
        (
            "missing sig",
            br#"{"payloadType":"t","payload":"p","signatures":[{"keyid":"k"}]}"#.to_vec(),
        ),
        (
            "number payload",
            br#"{"payloadType":"t","payload":1,"signatures":[]}"#.to_vec(),
        ),
        (
            "null keyid",
            br#"{"payloadType":"t","payload":"p","signatures":[{"keyid":null,"sig":"s"}]}"#.to_vec(),
        ),
        (
            "signatures not an array",
            br#"{"payloadType":"t","payload":"p","signatures":{}}"#.to_vec(),
        ),
        (
            "signature not an object",
            br#"{"payloadType":"t","payload":"p","signatures":["s"]}"#.to_vec(),
        ),
        (
            "raw non-ASCII",
            "{\"payloadType\":\"t\u{e9}\",\"payload\":\"p\",\"signatures\":[]}"
                .as_bytes()
                .to_vec(),
        ),
        (
            "escaped non-ASCII",
            br#"{"payloadType":"t\u00e9","payload":"p","signatures":[]}"#.to_vec(),
        ),
        (
            "escaped control character",
            br#"{"payloadType":"t","payload":"p\n","signatures":[]}"#.to_vec(),
        ),
        (
            "DEL",
            b"{\"payloadType\":\"t\x7f\",\"payload\":\"p\",\"signatures\":[]}".to_vec(),
        ),
        (
            "lone surrogate",
            br#"{"payloadType":"\ud800","payload":"p","signatures":[]}"#.to_vec(),
        ),
        (
            "invalid UTF-8",
            b"{\"payloadType\":\"\xff\",\"payload\":\"p\",\"signatures\":[]}".to_vec(),
        ),
        (
            "BOM",
            b"\xef\xbb\xbf{\"payloadType\":\"t\",\"payload\":\"p\",\"signatures\":[]}".to_vec(),
        ),
        (
            "trailing data",
            br#"{"payloadType":"t","payload":"p","signatures":[]}{}"#.to_vec(),
        ),
        ("array", br#"[]"#.to_vec()),
        ("empty", Vec::new()),
        (
            "trailing comma",
            br#"{"payloadType":"t","payload":"p","signatures":[],}"#.to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        assert!(Envelope::parse_json(&bytes).is_err(), "{what} accepted");
    }

    assert_eq!(
        Envelope::parse_json(br#"{"payloadType":"t","payload":"p","payload":"q","signatures":[]}"#),
        Err(EnvelopeError::DuplicateKey {
            object: "envelope",
            key: "payload".to_owned()
        })
    );
    assert_eq!(
        Envelope::parse_json(br#"{"payloadType":"t","payload":"p","signatures":[],"x":1}"#),
        Err(EnvelopeError::UnknownField {
            object: "envelope",
            field: "x".to_owned()
        })
    );
    assert_eq!(
        Envelope::parse_json(br#"{"payloadType":"t","signatures":[]}"#),
        Err(EnvelopeError::MissingField {
            object: "envelope",
            field: "payload"
        })
    );
    assert!(matches!(
        Envelope::parse_json(br#"{"payloadType":"t\u00e9","payload":"p","signatures":[]}"#),
        Err(EnvelopeError::NonPrintable {
            field: "payloadType",
            offset: 1,
            ..
        })
    ));
}
