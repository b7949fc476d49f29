//! The stream and type indexes: written with every batch, kept across a reopen, and rebuilt on
//! open when a store lacks them (written before they existed), has them only in part, or has them
//! from another type table; and the tree's tiles, built on open for a store of the first layout.

use ledger_events::events::EventType;
use ledger_proof::{Envelope, SignerKey};
use ledger_store::{system_clock, Store, StreamItem};
use serde_json::json;
use std::path::Path;

fn keys() -> (SignerKey, SignerKey, SignerKey) {
    (
        SignerKey::from_seed("test.example/log", [1; 32]).unwrap(),
        SignerKey::from_seed("admin", [2; 32]).unwrap(),
        SignerKey::from_seed("secretariat", [3; 32]).unwrap(),
    )
}

fn open(dir: &Path) -> Store {
    Store::open(dir, keys().0, system_clock()).unwrap()
}

/// Genesis (0), key (1), then `n` parties; party i is in stream `s{i % 3}`, except every
/// seventh, which has no stream; every fifth is a `party.updated` of an earlier party.
fn populate(dir: &Path, n: usize) {
    let (log, admin, sec) = keys();
    let store = open(dir);
    let genesis = json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "test.example/log",
        "log_vkey": log.verifier().to_string(), "admin_vkey": admin.verifier().to_string(),
        "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}});
    store
        .append_blocking(Envelope::sign(genesis.to_string().as_bytes(), &[&admin]))
        .unwrap();
    let reg = json!({"id": "k", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}});
    store
        .append_blocking(Envelope::sign(reg.to_string().as_bytes(), &[&admin]))
        .unwrap();
    for i in 0..n {
        let mut ev = if i % 5 == 4 {
            json!({"id": format!("e{i}"), "type": "party.updated", "data": {"party_id": "party-0", "withdrawn_on": "2030-01-01"}})
        } else {
            json!({"id": format!("e{i}"), "type": "party.registered", "data": {"party_id": format!("party-{i}"), "name": "x"}})
        };
        if i % 7 != 6 {
            ev["stream"] = json!(format!("s{}", i % 3));
        }
        store
            .append_blocking(Envelope::sign(ev.to_string().as_bytes(), &[&sec]))
            .unwrap();
    }
}

/// (version and events of each stream, indices of each type feed)
type Answers = (Vec<(u64, Vec<StreamItem>)>, Vec<Vec<u64>>);

/// What the indexes answer: every stream read in full, and the type feeds.
fn answers(store: &Store) -> Answers {
    let r = store.reader();
    let streams = ["s0", "s1", "s2", "none"]
        .iter()
        .map(|s| r.stream(s, 1, 1000).unwrap())
        .collect();
    let feeds = [
        vec![EventType::PartyUpdated],
        vec![EventType::PartyRegistered, EventType::Genesis],
        vec![EventType::KeyRegistered],
    ]
    .iter()
    .map(|t| {
        let page = r.types_from(t, 0, 1000).unwrap();
        assert_eq!(page.next, r.published().size);
        page.items.into_iter().map(|(i, _)| i).collect()
    })
    .collect();
    (streams, feeds)
}

/// The answers computed from the lines themselves, to hold the indexes to.
fn expected(store: &Store) -> Answers {
    let r = store.reader();
    let size = r.published().size;
    let lines = r.entries(0, size).unwrap();
    let events: Vec<_> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| ledger_log::read_line(i as u64, l).unwrap().admitted.event)
        .collect();
    let streams = ["s0", "s1", "s2", "none"]
        .iter()
        .map(|s| {
            let items: Vec<StreamItem> = events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.stream.as_ref().map(|x| x.as_str()) == Some(*s))
                .enumerate()
                .map(|(v, (i, e))| StreamItem {
                    version: v as u64 + 1,
                    index: i as u64,
                    event_type: e.data.event_type(),
                    line: lines[i].clone(),
                })
                .collect();
            (items.len() as u64, items)
        })
        .collect();
    let of = |types: &[EventType]| -> Vec<u64> {
        (0..size)
            .filter(|i| types.contains(&events[*i as usize].data.event_type()))
            .collect()
    };
    let feeds = vec![
        of(&[EventType::PartyUpdated]),
        of(&[EventType::PartyRegistered, EventType::Genesis]),
        of(&[EventType::KeyRegistered]),
    ];
    (streams, feeds)
}

/// Edits the store's sled tree directly (the store must be closed).
fn with_tree(dir: &Path, f: impl FnOnce(&sled::Tree)) {
    let db = sled::open(dir).unwrap();
    let tree = db.open_tree("log").unwrap();
    f(&tree);
    db.flush().unwrap();
}

fn index_keys(tree: &sled::Tree) -> usize {
    tree.scan_prefix(b"s").count() + tree.scan_prefix(b"t").count()
}

#[test]
fn the_indexes_answer_as_the_lines_do_and_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path(), 60);
    let store = open(dir.path());
    let want = expected(&store);
    assert!(want.0[0].0 > 10, "stream s0 holds events");
    assert_eq!(answers(&store), want);
    // paging by version, and by log index with a type filter
    let (v, page) = store.reader().stream("s1", 3, 2).unwrap();
    assert_eq!(v, want.0[1].0);
    assert_eq!(page, want.0[1].1[2..4].to_vec());
    let after = want.0[2].1[4].index;
    let page = store
        .reader()
        .stream_from("s2", Some(&[EventType::PartyRegistered]), after + 1, 1000)
        .unwrap();
    let want_ix: Vec<u64> = want.0[2]
        .1
        .iter()
        .filter(|i| i.index > after && i.event_type == EventType::PartyRegistered)
        .map(|i| i.index)
        .collect();
    assert!(!want_ix.is_empty());
    assert_eq!(
        page.items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        want_ix
    );
    let page = store
        .reader()
        .stream_from("s2", None, after + 1, 2)
        .unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.next, page.items[1].0 + 1);
    drop(store);
    let store = open(dir.path());
    assert_eq!(answers(&store), want);
}

#[test]
fn a_store_without_indexes_is_indexed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path(), 40);
    let want = expected(&open(dir.path()));
    // as a store written before the indexes existed: no index key, no marker
    with_tree(dir.path(), |tree| {
        for prefix in [&b"s"[..], &b"t"[..], &b"m:index"[..]] {
            for k in tree.scan_prefix(prefix).keys() {
                tree.remove(k.unwrap()).unwrap();
            }
        }
        assert_eq!(index_keys(tree), 0);
    });
    let store = open(dir.path());
    assert_eq!(answers(&store), want);
    drop(store);
    with_tree(dir.path(), |tree| assert!(index_keys(tree) > 40));
    // and appends go on from there
    let store = open(dir.path());
    let (_, _, sec) = keys();
    let ev = json!({"id": "late", "type": "party.registered", "stream": "s0", "data": {"party_id": "party-late", "name": "x"}});
    let ack = store
        .append_blocking(Envelope::sign(ev.to_string().as_bytes(), &[&sec]))
        .unwrap();
    let (v, items) = store.reader().stream("s0", want.0[0].0 + 1, 10).unwrap();
    assert_eq!(v, want.0[0].0 + 1);
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].version, items[0].index), (v, ack.index));
}

#[test]
fn a_store_indexed_in_part_is_indexed_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path(), 40);
    let want = expected(&open(dir.path()));
    let cut = 25u64;
    // the indexes cover the first 25 entries only, and the marker says so
    with_tree(dir.path(), |tree| {
        for item in tree.scan_prefix(b"s") {
            let (k, v) = item.unwrap();
            if u64::from_be_bytes(v[..8].try_into().unwrap()) >= cut {
                tree.remove(k).unwrap();
            }
        }
        for k in tree.scan_prefix(b"t").keys() {
            let k = k.unwrap();
            if u64::from_be_bytes(k[3..11].try_into().unwrap()) >= cut {
                tree.remove(k).unwrap();
            }
        }
        tree.insert(b"m:index-size", &cut.to_be_bytes()).unwrap();
    });
    assert_eq!(answers(&open(dir.path())), want);
}

#[test]
fn indexes_from_another_type_table_are_rebuilt_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path(), 30);
    let want = expected(&open(dir.path()));
    with_tree(dir.path(), |tree| {
        tree.insert(b"m:index-types", &b"an older catalogue"[..])
            .unwrap();
        // a stale key the rebuild must not keep
        let mut k = b"sghost\0".to_vec();
        k.extend_from_slice(&1u64.to_be_bytes());
        let mut v = 0u64.to_be_bytes().to_vec();
        v.extend_from_slice(&0u16.to_be_bytes());
        tree.insert(k, v).unwrap();
    });
    let store = open(dir.path());
    assert_eq!(answers(&store), want);
    assert_eq!(store.reader().stream("ghost", 1, 10).unwrap().0, 0);
}

/// Every proof and root a reader can ask for at this size, to compare two layouts.
fn proofs(store: &Store) -> Vec<Vec<[u8; 32]>> {
    let r = store.reader();
    let size = r.published().size;
    let mut out = vec![vec![r.root_at(size).unwrap()]];
    for i in (0..size).step_by(37) {
        out.push(r.inclusion_proof(i, size).unwrap());
        out.push(r.consistency_proof(i + 1, size).unwrap());
    }
    out
}

#[test]
fn a_store_of_the_first_layout_gets_tiles_on_open() {
    let dir = tempfile::tempdir().unwrap();
    // 600 entries: two full level-0 tiles and a partial one
    populate(dir.path(), 598);
    let want = proofs(&open(dir.path()));
    // as a store written before tiles: one `n` key per node, no tile, no layout marker
    with_tree(dir.path(), |tree| {
        for prefix in [&b"T"[..], &b"m:tree"[..]] {
            for k in tree.scan_prefix(prefix).keys() {
                tree.remove(k.unwrap()).unwrap();
            }
        }
        for i in 0..600u64 {
            let mut k = vec![b'n', 0];
            k.extend_from_slice(&i.to_be_bytes());
            tree.insert(k, &[7u8; 32][..]).unwrap();
        }
    });
    let store = open(dir.path());
    assert_eq!(proofs(&store), want);
    drop(store);
    with_tree(dir.path(), |tree| {
        assert_eq!(
            tree.scan_prefix(b"n").count(),
            0,
            "the old node keys are removed"
        );
        // tiles 0/0, 0/1, 0/2 (88 wide) and 1/0 (2 wide)
        assert_eq!(tree.scan_prefix(b"T").count(), 4);
        assert_eq!(
            tree.get(b"m:tree").unwrap().as_deref(),
            Some(&b"tiles/1"[..])
        );
    });
    // and appends go on, with proofs that verify against the new checkpoint
    let store = open(dir.path());
    let (_, _, sec) = keys();
    let ev = json!({"id": "late", "type": "party.registered", "data": {"party_id": "party-late", "name": "x"}});
    let ack = store
        .append_blocking(Envelope::sign(ev.to_string().as_bytes(), &[&sec]))
        .unwrap();
    assert_eq!(ack.index, 600);
    let root = store.reader().published().root;
    ledger_proof::verify_inclusion(
        600,
        601,
        &ledger_proof::leaf_hash(ack.line.as_bytes()),
        &ack.proof,
        &root,
    )
    .unwrap();
}
