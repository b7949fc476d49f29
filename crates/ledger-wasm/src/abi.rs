//! The C ABI JavaScript calls (no wasm-bindgen: the page's glue is thirty lines it can read).
//!
//! Memory: JavaScript asks `dl_alloc(n)` for a buffer, copies bytes in, passes (pointer,
//! length), and frees it with `dl_free`. Every call that answers leaves its answer (UTF-8
//! JSON, or the digest text) in one output buffer read with `dl_out_ptr` / `dl_out_len`. One
//! export check and one document digest run at a time (the page does one file at a time).
#![allow(unsafe_code)]

use crate::{check_proof, check_receipt, DocumentDigest, ExportCheck, Outcome};
use std::cell::RefCell;

thread_local! {
    static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static EXPORT: RefCell<Option<ExportCheck>> = const { RefCell::new(None) };
    static DIGEST: RefCell<Option<DocumentDigest>> = const { RefCell::new(None) };
}

fn answer(bytes: Vec<u8>) {
    OUT.with(|o| *o.borrow_mut() = bytes);
}

fn answer_outcome(o: &Outcome) {
    answer(serde_json::to_vec(o).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}").into_bytes()));
}

/// # Safety
/// `ptr` must be null or a buffer of `len` bytes from `dl_alloc`.
unsafe fn slice<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: the caller passes a live allocation of `len` bytes made by `dl_alloc`.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}

/// A buffer of `len` bytes for JavaScript to fill.
#[no_mangle]
pub extern "C" fn dl_alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len.max(1));
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Frees a buffer from `dl_alloc`.
///
/// # Safety
/// `ptr` and `len` must be those of one `dl_alloc` call, freed once.
#[no_mangle]
pub unsafe extern "C" fn dl_free(ptr: *mut u8, len: usize) {
    if !ptr.is_null() {
        // SAFETY: rebuilds the Vec dl_alloc leaked, with its capacity.
        drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
    }
}

#[no_mangle]
pub extern "C" fn dl_out_ptr() -> *const u8 {
    OUT.with(|o| o.borrow().as_ptr())
}

#[no_mangle]
pub extern "C" fn dl_out_len() -> usize {
    OUT.with(|o| o.borrow().len())
}

/// Checks a receipt under a trust anchor (a vkey or a tlog-policy); answers an Outcome.
///
/// # Safety
/// Both (pointer, length) pairs are buffers from `dl_alloc`.
#[no_mangle]
pub unsafe extern "C" fn dl_check_receipt(p: *const u8, n: usize, tp: *const u8, tn: usize) {
    let (file, trust) = unsafe { (slice(p, n), slice(tp, tn)) };
    answer_outcome(&check_receipt(file, &String::from_utf8_lossy(trust)));
}

/// Checks a tlog-proof under a trust anchor; answers an Outcome.
///
/// # Safety
/// Both (pointer, length) pairs are buffers from `dl_alloc`.
#[no_mangle]
pub unsafe extern "C" fn dl_check_proof(p: *const u8, n: usize, tp: *const u8, tn: usize) {
    let (file, trust) = unsafe { (slice(p, n), slice(tp, tn)) };
    answer_outcome(&check_proof(file, &String::from_utf8_lossy(trust)));
}

/// Starts checking an export (drops any check in progress).
#[no_mangle]
pub extern "C" fn dl_export_begin() {
    EXPORT.with(|e| *e.borrow_mut() = Some(ExportCheck::new()));
}

/// Feeds bytes of `entries.jsonl`; returns the entries checked so far.
///
/// # Safety
/// (p, n) is a buffer from `dl_alloc`.
#[no_mangle]
pub unsafe extern "C" fn dl_export_push(p: *const u8, n: usize) -> u64 {
    let bytes = unsafe { slice(p, n) };
    EXPORT.with(|e| e.borrow_mut().as_mut().map_or(0, |x| x.push(bytes)))
}

/// Checks the checkpoint and runs the rules; answers an Outcome.
///
/// # Safety
/// Both (pointer, length) pairs are buffers from `dl_alloc`.
#[no_mangle]
pub unsafe extern "C" fn dl_export_finish(cp: *const u8, cn: usize, tp: *const u8, tn: usize) {
    let (cp, trust) = unsafe { (slice(cp, cn), slice(tp, tn)) };
    let x = EXPORT.with(|e| e.borrow_mut().take()).unwrap_or_default();
    answer_outcome(&x.finish(
        &String::from_utf8_lossy(cp),
        &String::from_utf8_lossy(trust),
    ));
}

#[no_mangle]
pub extern "C" fn dl_digest_begin() {
    DIGEST.with(|d| *d.borrow_mut() = Some(DocumentDigest::default()));
}

/// # Safety
/// (p, n) is a buffer from `dl_alloc`.
#[no_mangle]
pub unsafe extern "C" fn dl_digest_push(p: *const u8, n: usize) {
    let bytes = unsafe { slice(p, n) };
    DIGEST.with(|d| {
        if let Some(h) = d.borrow_mut().as_mut() {
            h.push(bytes)
        }
    });
}

/// Answers `blake3:<hex>` of the bytes pushed.
#[no_mangle]
pub extern "C" fn dl_digest_finish() {
    let text = DIGEST.with(|d| d.borrow_mut().take().unwrap_or_default().finish());
    answer(text.into_bytes());
}

/// Randomness for the hash maps of the schema validator (getrandom's `custom` backend, chosen by
/// the build with `--cfg getrandom_backend="custom"`): the page's `crypto.getRandomValues`,
/// imported as `dledger.random_fill`. Nothing the verifier decides depends on it.
#[cfg(target_arch = "wasm32")]
mod random {
    #[link(wasm_import_module = "dledger")]
    extern "C" {
        fn random_fill(ptr: *mut u8, len: usize);
    }

    /// # Safety
    /// getrandom passes a writable buffer of `len` bytes.
    #[no_mangle]
    unsafe extern "Rust" fn __getrandom_v03_custom(
        dest: *mut u8,
        len: usize,
    ) -> Result<(), getrandom::Error> {
        // SAFETY: the import writes exactly `len` bytes at `dest`.
        unsafe { random_fill(dest, len) };
        Ok(())
    }
}
