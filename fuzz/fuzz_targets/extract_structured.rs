//! Report-like text built from the token grammar the property tests use
//! (digits, Chinese numerals, scale words, units, qualifiers, dates, quotes,
//! platform and zone words, punctuation, line breaks, BOM, NUL), mixed with
//! raw strings, through `extract`: every invariant must hold.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/grammar.rs"]
mod grammar;
#[path = "../../tests/common/invariants.rs"]
mod invariants;

#[derive(Arbitrary, Debug)]
enum Piece {
    Token(u8, u64),
    Raw(String),
}

fuzz_target!(|pieces: Vec<Piece>| {
    let mut text = String::new();
    for p in &pieces {
        match p {
            Piece::Token(kind, n) => grammar::push_piece(&mut text, *kind, *n),
            Piece::Raw(s) => text.push_str(s),
        }
    }
    invariants::extract_checked(&text);
});
