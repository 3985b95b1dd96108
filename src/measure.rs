//! Measures: physical quantities normalized to a base unit, exactly:
//! mass in tonnes, energy in kWh, power in watts, area in m², hectares or
//! mu, volume in m³, length in km.
//!
//! Product and facility specifications are not measures: units that only
//! describe a product (`英寸`, `千伏`) are not in the table, and a unit
//! followed by `级` (`五千吨级码头`) is a grade.

use crate::model::MeasureUnit;

/// Unit words: the unit, the factor to the base unit (as an exact decimal
/// string), and whether the word is `度`, which is energy only where the
/// clause speaks of electricity (never a temperature or an angle).
pub(crate) const UNITS: &[(&str, MeasureUnit, &str, bool)] = &[
    ("吨", MeasureUnit::Tonne, "1", false),
    ("千克", MeasureUnit::Tonne, "0.001", false),
    ("公斤", MeasureUnit::Tonne, "0.001", false),
    ("克", MeasureUnit::Tonne, "0.000001", false),
    ("斤", MeasureUnit::Tonne, "0.0005", false),
    ("kg", MeasureUnit::Tonne, "0.001", false),
    ("度", MeasureUnit::KilowattHour, "1", true),
    ("千瓦时", MeasureUnit::KilowattHour, "1", false),
    ("瓦时", MeasureUnit::KilowattHour, "0.001", false),
    ("兆瓦时", MeasureUnit::KilowattHour, "1000", false),
    ("kWh", MeasureUnit::KilowattHour, "1", false),
    ("kwh", MeasureUnit::KilowattHour, "1", false),
    ("KWh", MeasureUnit::KilowattHour, "1", false),
    ("MWh", MeasureUnit::KilowattHour, "1000", false),
    ("GWh", MeasureUnit::KilowattHour, "1000000", false),
    ("瓦", MeasureUnit::Watt, "1", false),
    ("千瓦", MeasureUnit::Watt, "1000", false),
    ("兆瓦", MeasureUnit::Watt, "1000000", false),
    ("吉瓦", MeasureUnit::Watt, "1000000000", false),
    ("kW", MeasureUnit::Watt, "1000", false),
    ("KW", MeasureUnit::Watt, "1000", false),
    ("kw", MeasureUnit::Watt, "1000", false),
    ("MW", MeasureUnit::Watt, "1000000", false),
    ("GW", MeasureUnit::Watt, "1000000000", false),
    ("平方米", MeasureUnit::SquareMetre, "1", false),
    ("平米", MeasureUnit::SquareMetre, "1", false),
    ("㎡", MeasureUnit::SquareMetre, "1", false),
    ("m2", MeasureUnit::SquareMetre, "1", false),
    ("m²", MeasureUnit::SquareMetre, "1", false),
    ("平方公里", MeasureUnit::SquareMetre, "1000000", false),
    ("平方千米", MeasureUnit::SquareMetre, "1000000", false),
    ("km2", MeasureUnit::SquareMetre, "1000000", false),
    ("km²", MeasureUnit::SquareMetre, "1000000", false),
    ("公顷", MeasureUnit::Hectare, "1", false),
    ("亩", MeasureUnit::Mu, "1", false),
    ("立方米", MeasureUnit::CubicMetre, "1", false),
    ("立方", MeasureUnit::CubicMetre, "1", false),
    ("方", MeasureUnit::CubicMetre, "1", false),
    ("m3", MeasureUnit::CubicMetre, "1", false),
    ("m³", MeasureUnit::CubicMetre, "1", false),
    ("米", MeasureUnit::Kilometre, "0.001", false),
    ("公里", MeasureUnit::Kilometre, "1", false),
    ("千米", MeasureUnit::Kilometre, "1", false),
    ("km", MeasureUnit::Kilometre, "1", false),
];

/// Words in the clause before `度` that make it electricity.
pub(crate) const ENERGY_CONTEXT: &[&str] = &["电", "能耗", "耗能", "能源"];
