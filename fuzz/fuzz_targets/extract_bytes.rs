//! Arbitrary bytes through `Extractor::extract_bytes`: UTF-8 gives a document
//! that satisfies every invariant; anything else the offset of the first bad
//! byte.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zonefacts::{Error, Extractor};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    match EXTRACTOR.extract_bytes(data) {
        Ok(doc) => {
            let text = std::str::from_utf8(data).expect("Ok only for UTF-8");
            invariants::assert_ok(text, &doc);
        }
        Err(Error::InvalidUtf8 { offset }) => {
            let e = std::str::from_utf8(data).expect_err("InvalidUtf8 only for bad UTF-8");
            assert_eq!(offset, e.valid_up_to());
        }
        Err(e) => panic!("unexpected error: {e}"),
    }
});
