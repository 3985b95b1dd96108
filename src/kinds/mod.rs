//! The numeric kinds: money, count, measure and percent.
//!
//! Each kind has one home, its module here, which owns:
//!
//! - its unit words, a file of the lexicon (read by [`units`], which joins
//!   every kind's words into one automaton for the scan);
//! - its claim rule: which candidates of the scan are its facts, with
//!   their exact values (`claim`);
//! - its subject policy: where its indicator is read, and with which
//!   [`Rules`](crate::subject::Rules) (`subject`, `SUBJECT`).
//!
//! This module only dispatches on the unit a candidate was found with.
//! Rules that cross figures (thresholds, shared subjects, enumerations)
//! are in [`quantity`](crate::quantity).
//!
//! To add a numeric kind: a lexicon file for its units, a variant of
//! [`units::UnitKind`] and [`units::NumUnit`], a module with `claim` and
//! `subject`, and an arm in [`claim`] and [`subject`].

pub(crate) mod count;
pub(crate) mod measure;
pub(crate) mod money;
pub(crate) mod percent;
pub(crate) mod units;

use crate::model::{Approx, PercentUnit};
use crate::scan::Candidate;
use crate::subject::Cx;
use units::{Claimed, NumUnit, UnitKind};

/// The kind a candidate's unit belongs to decides whether it is a fact,
/// and its value. `floor` is the start of its sentence.
pub(crate) fn claim(t: &str, c: &Candidate, floor: usize) -> Option<Claimed> {
    match c.unit {
        Some(UnitKind::Money(cur)) => money::claim(t, c, cur),
        Some(UnitKind::Count(cl)) => count::claim(t, c, cl),
        Some(UnitKind::Measure { unit, factor, needs_energy_context }) => {
            measure::claim(t, c, floor, unit, factor, needs_energy_context)
        }
        Some(UnitKind::Percent(u)) => percent::claim(t, c, u, false),
        Some(UnitKind::Tenths) => percent::claim(t, c, PercentUnit::Percent, true),
        None => money::claim_bare(c),
    }
}

/// The subject of a claimed figure, by its kind's policy.
pub(crate) fn subject(unit: NumUnit, cx: &Cx<'_>, approx: Approx) -> Option<(usize, usize)> {
    match unit {
        NumUnit::Money(_) => money::subject(cx, approx),
        NumUnit::Count(_) => count::subject(cx),
        NumUnit::Measure(u) => measure::subject(cx, u),
        NumUnit::Percent(_) => percent::subject(cx),
    }
}

/// The rules a kind reads its subject with.
pub(crate) fn rules(unit: NumUnit) -> &'static crate::subject::Rules {
    match unit {
        NumUnit::Money(_) => money::SUBJECT,
        NumUnit::Count(_) => count::SUBJECT,
        NumUnit::Measure(_) => measure::SUBJECT,
        NumUnit::Percent(_) => percent::SUBJECT,
    }
}
