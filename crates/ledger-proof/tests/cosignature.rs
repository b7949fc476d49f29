//! tlog-cosignature `cosignature/v1` against vectors made by an independent implementation
//! (Python's `cryptography`, from the C2SP text; `tests/vectors/cosignature-v1.json`), and a
//! tlog-policy evaluated over them.

use ledger_proof::cosig::{CosignerKey, CosignerSigner};
use ledger_proof::policy::Policy;
use ledger_proof::SignedNote;
use ledger_proof::{Checkpoint, SignerKey};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let v: Value =
        serde_json::from_str(include_str!("vectors/cosignature-v1.json")).expect("vectors");
    v["vectors"].as_array().unwrap().clone()
}

fn seed(v: &Value) -> [u8; 32] {
    hex::decode(v["seed_hex"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap()
}

#[test]
fn our_cosignatures_are_the_vectors_byte_for_byte() {
    for v in vectors() {
        let name = v["name"].as_str().unwrap();
        let w = CosignerSigner::from_seed(name, seed(&v)).unwrap();
        assert_eq!(
            w.verifier().to_string(),
            v["vkey"].as_str().unwrap(),
            "{name}"
        );
        let line = w.cosign(
            v["body"].as_str().unwrap(),
            v["timestamp"].as_u64().unwrap(),
        );
        assert_eq!(line, v["signature_line"].as_str().unwrap(), "{name}");
        // and the skey text reads back as the same key
        assert_eq!(
            CosignerSigner::parse(&w.to_string()).unwrap().verifier(),
            w.verifier()
        );
    }
}

#[test]
fn the_vectors_verify_and_any_change_is_refused() {
    for v in vectors() {
        let key = CosignerKey::parse(v["vkey"].as_str().unwrap()).unwrap();
        let body = v["body"].as_str().unwrap();
        let note = format!("{body}\n{}", v["signature_line"].as_str().unwrap());
        let signed = SignedNote::parse(&note).unwrap();
        assert_eq!(key.cosigned_at(&signed), v["timestamp"].as_u64());
        // a flipped bit anywhere in the signature (key id, timestamp, signature) is refused
        let sig = &signed.signatures[0];
        for i in 0..sig.signature.len() {
            let mut bad = sig.clone();
            bad.signature[i] ^= 0x01;
            assert_eq!(key.verify(body, &bad), None, "byte {i}");
        }
        // another body, or the same key under type 0x01, does not verify
        let other = body.replacen('\n', "x\n", 1);
        assert_eq!(key.verify(&other, sig), None);
        let vkey = v["vkey"].as_str().unwrap();
        let parts: Vec<&str> = vkey.splitn(3, '+').collect();
        let mut raw = ledger_proof::b64_decode(parts[2]).unwrap();
        raw[0] = 0x01;
        let as_note_key = format!(
            "{}+{}+{}",
            parts[0],
            parts[1],
            ledger_proof::b64_encode(&raw)
        );
        assert!(
            CosignerKey::parse(&as_note_key).is_err(),
            "type 0x01 is not a cosigner key"
        );
    }
}

#[test]
fn a_policy_counts_valid_cosignatures_by_group() {
    let log = SignerKey::from_seed("example.org/log", [9; 32]).unwrap();
    let regions = [
        "african",
        "asia_pacific",
        "eastern_european",
        "latin_american_caribbean",
        "weog",
    ];
    let ws: Vec<CosignerSigner> = regions
        .iter()
        .enumerate()
        .map(|(k, r)| {
            CosignerSigner::from_seed(&format!("{r}.witness"), [k as u8 + 20; 32]).unwrap()
        })
        .collect();
    let mut text = format!("# a treaty body\nlog {}\n", log.verifier());
    for (r, w) in regions.iter().zip(&ws) {
        text.push_str(&format!(
            "witness {r} {} http://127.0.0.1:1/{r}\n",
            w.verifier()
        ));
    }
    text.push_str(&format!(
        "group regions 3 {}\nquorum regions\n",
        regions.join(" ")
    ));
    let policy = Policy::parse(&text).unwrap();
    let cp = Checkpoint {
        origin: "example.org/log".into(),
        size: 5,
        root: [3; 32],
    };
    let signed = cp.sign(&log).unwrap();
    let with = |n: usize| {
        let mut note = signed.clone();
        for w in &ws[..n] {
            note.push_str(&w.cosign(&cp.body(), 1_764_633_600));
        }
        note
    };
    let ok = policy.verify(&with(3)).unwrap();
    assert_eq!(ok.cosigned.len(), 3);
    let short = policy.verify(&with(2)).unwrap_err();
    assert!(
        short.contains("group regions: 3 of its 5 members needed, 2 witnessed"),
        "{short}"
    );
    // a tampered cosignature does not count
    let mut tampered = with(3);
    let at = tampered.rfind('\u{2014}').unwrap() + 40;
    let c = tampered.as_bytes()[at];
    tampered.replace_range(at..at + 1, if c == b'A' { "B" } else { "A" });
    assert!(policy.verify(&tampered).is_err());
    // quorum none: the log's signature alone
    let none = Policy::parse(&format!("log {}\nquorum none\n", log.verifier())).unwrap();
    assert!(none.verify(&signed).is_ok());
    // strictness
    for bad in [
        "quorum x\n",
        "log A\nquorum none\n",
        "group g 1\nquorum none\n",
        &format!("witness a {}\ngroup g 2 a\nquorum g\n", ws[0].verifier()),
        &format!(
            "witness a {}\ngroup g any a a\nquorum g\n",
            ws[0].verifier()
        ),
        &format!(
            "witness a {}\nwitness b {}\nquorum a\n",
            ws[0].verifier(),
            ws[0].verifier()
        ),
        &format!("witness a {}\nquorum a\nquorum a\n", ws[0].verifier()),
        "quorum none\nfrobnicate\n",
    ] {
        assert!(Policy::parse(bad).is_err(), "{bad}");
    }
}
