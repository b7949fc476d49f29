//! Deserializing hash maps and sets at their full size at once (`#[serde(deserialize_with =
//! "ledger_events::presized::map")]`). Serde's own impls reserve at most about a megabyte up
//! front and let a large map grow by doubling: at a million entries that rehashes every key
//! several times and touches twice the memory, which is most of the time a restart spends
//! reading a snapshot. The size announced by the input is trusted up to [`MAX_RESERVE`] entries
//! (a damaged length cannot make it reserve more; the map still grows past it if the entries
//! are really there).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;

/// The most entries reserved on the input's word.
pub const MAX_RESERVE: usize = 1 << 24;

/// A `HashMap` at its announced size.
pub fn map<'de, D, K, V, S>(d: D) -> Result<HashMap<K, V, S>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash,
    V: Deserialize<'de>,
    S: BuildHasher + Default,
{
    struct Vis<K, V, S>(PhantomData<(K, V, S)>);
    impl<'de, K, V, S> Visitor<'de> for Vis<K, V, S>
    where
        K: Deserialize<'de> + Eq + Hash,
        V: Deserialize<'de>,
        S: BuildHasher + Default,
    {
        type Value = HashMap<K, V, S>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let n = a.size_hint().unwrap_or(0).min(MAX_RESERVE);
            let mut m = HashMap::with_capacity_and_hasher(n, S::default());
            while let Some((k, v)) = a.next_entry()? {
                m.insert(k, v);
            }
            Ok(m)
        }
    }
    d.deserialize_map(Vis(PhantomData))
}

/// A `HashSet` at its announced size.
pub fn set<'de, D, T, S>(d: D) -> Result<HashSet<T, S>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Eq + Hash,
    S: BuildHasher + Default,
{
    struct Vis<T, S>(PhantomData<(T, S)>);
    impl<'de, T, S> Visitor<'de> for Vis<T, S>
    where
        T: Deserialize<'de> + Eq + Hash,
        S: BuildHasher + Default,
    {
        type Value = HashSet<T, S>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a set")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let n = a.size_hint().unwrap_or(0).min(MAX_RESERVE);
            let mut m = HashSet::with_capacity_and_hasher(n, S::default());
            while let Some(t) = a.next_element()? {
                m.insert(t);
            }
            Ok(m)
        }
    }
    d.deserialize_seq(Vis(PhantomData))
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct S {
        #[serde(deserialize_with = "super::map")]
        m: HashMap<String, u32>,
        #[serde(deserialize_with = "super::set")]
        s: HashSet<u64>,
    }

    #[test]
    fn reads_back_what_serde_writes() {
        let v = S {
            m: (0..50_000).map(|i| (format!("k{i}"), i)).collect(),
            s: (0..70_000).collect(),
        };
        let json: S = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        assert_eq!(json, v);
        let bytes = rmp_serde::to_vec_named(&v).unwrap();
        let back: S = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, v);
    }
}
