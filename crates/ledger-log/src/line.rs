//! The one path from a stored line to a record, shared by the store (replaying its own log at
//! start-up), the projection runner (folding published entries into the read models) and the
//! verifier (which reads each line with [`parse_line`] and then admits it in full).

use crate::admission::{admitted_from_envelope, Admitted, PayloadError, Recorded};
use ledger_events::time::{Instant, TimeError};
use ledger_proof::{Entry, EntryError};

/// Why a line is not an entry line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("the line is not ASCII")]
    NotAscii,
    #[error(transparent)]
    Entry(#[from] EntryError),
}

/// Reads one line (without its newline) as a canonical entry line.
pub fn parse_line(line: &[u8]) -> Result<Entry, LineError> {
    let text = std::str::from_utf8(line).map_err(|_| LineError::NotAscii)?;
    Ok(Entry::parse(text)?)
}

/// Why a line the log already holds cannot be read back as the record at its index.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("entry {index} is not ASCII")]
    NotAscii { index: u64 },
    #[error("entry {index}: {source}")]
    Entry { index: u64, source: EntryError },
    #[error("entry {index} says index {found}")]
    WrongIndex { index: u64, found: u64 },
    #[error("entry {index}: {source}")]
    Payload { index: u64, source: PayloadError },
    #[error("entry {index}: {source}")]
    RecordedAt { index: u64, source: TimeError },
}

/// A stored entry read back: its typed event and signers, and when it was recorded.
#[derive(Clone, Debug)]
pub struct StoredEntry {
    pub index: u64,
    pub recorded_at: Instant,
    pub admitted: Admitted,
}

impl StoredEntry {
    /// The record of this entry (what [`crate::LedgerState::apply`] returns for it).
    pub fn into_recorded(self) -> Recorded {
        Recorded {
            index: self.index,
            recorded_at: self.recorded_at,
            event: self.admitted.event,
            signers: self.admitted.signers,
        }
    }
}

/// Step 1: the line stored at `index`, parsed as an entry line (the caller may check the chain
/// on it before step 2).
pub fn read_entry(index: u64, line: &[u8]) -> Result<Entry, ReadError> {
    parse_line(line).map_err(|e| match e {
        LineError::NotAscii => ReadError::NotAscii { index },
        LineError::Entry(source) => ReadError::Entry { index, source },
    })
}

/// Step 2: the entry stored at `index`, read back as its record: the index it names, its payload
/// as an event, its recorded time. Signatures and references are not checked again: the log
/// holds the entry only because [`crate::LedgerState::admit`] accepted it (`dledger verify`
/// checks everything).
pub fn read_stored(index: u64, entry: Entry) -> Result<StoredEntry, ReadError> {
    if entry.index != index {
        return Err(ReadError::WrongIndex {
            index,
            found: entry.index,
        });
    }
    let recorded_at = entry.recorded_at;
    let admitted = admitted_from_envelope(entry.envelope)
        .map_err(|source| ReadError::Payload { index, source })?;
    let recorded_at =
        Instant::parse(&recorded_at).map_err(|source| ReadError::RecordedAt { index, source })?;
    Ok(StoredEntry {
        index,
        recorded_at,
        admitted,
    })
}

/// Steps 1 and 2: the line stored at `index`, read back as its record.
pub fn read_line(index: u64, line: &[u8]) -> Result<StoredEntry, ReadError> {
    read_stored(index, read_entry(index, line)?)
}

/// An entry line as [`read_recorded`] reads it: borrowed text, no re-rendering.
#[derive(serde::Deserialize)]
struct LineRef<'a> {
    index: u64,
    #[serde(borrow)]
    recorded_at: &'a str,
    #[serde(borrow)]
    envelope: EnvelopeRef<'a>,
}

#[derive(serde::Deserialize)]
struct EnvelopeRef<'a> {
    #[serde(borrow)]
    payload: &'a str,
    #[serde(borrow)]
    signatures: Vec<SignatureRef<'a>>,
}

#[derive(serde::Deserialize)]
struct SignatureRef<'a> {
    #[serde(borrow)]
    keyid: &'a str,
}

/// The record of a line the log already holds, read in one pass: the fast path of
/// [`read_line`] for the projection runner's replays (a rebuild after a restart). It checks the
/// index and types the payload, but does not re-check the line's canonical form (the store wrote
/// it; `dledger verify` and [`read_line`] check it). Gives the same record as
/// `read_line(..).into_recorded()` (tested on every event type).
pub fn read_recorded(index: u64, line: &[u8]) -> Result<Recorded, ReadError> {
    let bad = |msg: String| ReadError::Payload {
        index,
        source: PayloadError::Trusted(msg),
    };
    let l: LineRef = serde_json::from_slice(line).map_err(|e| bad(e.to_string()))?;
    if l.index != index {
        return Err(ReadError::WrongIndex {
            index,
            found: l.index,
        });
    }
    let payload = ledger_proof::b64_decode(l.envelope.payload).map_err(|e| bad(e.to_string()))?;
    let event = ledger_events::Event::parse_trusted(&payload).map_err(bad)?;
    let recorded_at =
        Instant::parse(l.recorded_at).map_err(|source| ReadError::RecordedAt { index, source })?;
    Ok(Recorded {
        index,
        recorded_at,
        event,
        signers: l
            .envelope
            .signatures
            .iter()
            .map(|s| s.keyid.to_owned())
            .collect(),
    })
}
