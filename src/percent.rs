//! Percentages: `10.5%`, `百分之三十`, `2.3个百分点` (percentage points),
//! tenths (`三成`, `超四成`) and fractions (`四分之一`, `1/4`), all as a
//! number of percent.

use crate::model::PercentUnit;
use crate::units::UnitKind;

/// Percent words after a number.
pub(crate) const UNITS: &[(&str, UnitKind)] = &[
    ("%", UnitKind::Percent(PercentUnit::Percent)),
    ("个百分点", UnitKind::Percent(PercentUnit::Point)),
    ("百分点", UnitKind::Percent(PercentUnit::Point)),
    ("成", UnitKind::Tenths),
];

/// Words right before `a/b` that make it a fraction (`占全市1/4`).
pub(crate) const FRACTION_CUES: &[&str] = &["占", "约占", "的", "达", "为", "近", "超", "超过", "逾", "约", "达到"];
