//! Helpers shared by the integration tests.

pub mod grammar;
pub mod invariants;
