//! Criterion benchmarks of the pure proof parts at 1M entries: tree append, inclusion and
//! consistency proof generation and verification, entry encoding and the chain hash.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ledger_proof::*;
use std::hint::black_box;

const N: u64 = 1 << 20; // 1,048,576 entries

fn tree() -> MemoryTree {
    let mut t = MemoryTree::new();
    for i in 0..N {
        t.push(leaf_hash(&i.to_le_bytes()));
    }
    t
}

fn benches(c: &mut Criterion) {
    let t = tree();
    let root = t.root();
    let mut g = c.benchmark_group("merkle@1M");
    g.bench_function("append one leaf (Frontier)", |b| {
        let mut f = Frontier::new();
        for i in 0..N {
            f.push(leaf_hash(&i.to_le_bytes()));
        }
        b.iter_batched(
            || f.clone(),
            |mut f| black_box(f.push([7; 32])),
            BatchSize::SmallInput,
        )
    });
    let mut i = 0u64;
    g.bench_function("inclusion proof generation", |b| {
        b.iter(|| {
            i = (i + 7919) % N;
            black_box(inclusion_proof(&t, i, N).unwrap())
        })
    });
    let proof = inclusion_proof(&t, 123_456, N).unwrap();
    let leaf = leaf_hash(&123_456u64.to_le_bytes());
    g.bench_function("inclusion proof verification", |b| {
        b.iter(|| verify_inclusion(123_456, N, black_box(&leaf), &proof, &root).unwrap())
    });
    let from = 700_001;
    g.bench_function("consistency proof generation", |b| {
        b.iter(|| black_box(consistency_proof(&t, from, N).unwrap()))
    });
    let cproof = consistency_proof(&t, from, N).unwrap();
    let old = root_at(&t, from).unwrap();
    g.bench_function("consistency proof verification", |b| {
        b.iter(|| verify_consistency(from, N, &cproof, &old, &root).unwrap())
    });
    g.finish();

    let key = SignerKey::from_seed("secretariat", [3; 32]).unwrap();
    let payload = br#"{"id":"01931f7e-0000-7000-8000-000000000000","type":"party.registered","data":{"party_id":"ke","name":"Kenya","region":"african","protocol_party_since":"2003-09-11"}}"#;
    let env = Envelope::sign(payload, &[&key]);
    let entry = Entry {
        index: 123_456,
        prev: [9; 32],
        recorded_at: "2026-11-29T12:00:00.000Z".into(),
        envelope: env,
    };
    let line = entry.render();
    let mut g = c.benchmark_group("entry");
    g.bench_function("render a line", |b| b.iter(|| black_box(entry.render())));
    g.bench_function("parse a line (strict, re-rendered)", |b| {
        b.iter(|| black_box(Entry::parse(&line).unwrap()))
    });
    g.bench_function("chain hash (BLAKE3) + leaf hash (SHA-256)", |b| {
        b.iter(|| (chain_hash(line.as_bytes()), leaf_hash(line.as_bytes())))
    });
    g.bench_function("Ed25519 verify_strict of the DSSE signature", |b| {
        let vk = key.verifier();
        b.iter(|| {
            assert!(verify_dsse_signature(
                &vk,
                PAYLOAD_TYPE,
                payload,
                &entry.envelope.signatures[0].sig
            ))
        })
    });
    g.finish();
}

criterion_group! {
    name = proof;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = benches
}
criterion_main!(proof);
