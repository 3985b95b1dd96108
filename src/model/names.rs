//! The named kinds: [`Platform`]s and [`Zone`]s, with a zone's identity
//! ([`ZoneType`], [`ZoneLevel`], [`Place`]).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;

/// The type of a named platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlatformType {
    /// 研究院, 研究所.
    ResearchInstitute,
    /// 实验室.
    Laboratory,
    /// 中心: innovation, engineering, service centres.
    Center,
    /// 基地.
    Base,
    /// 产业园, 科技园, 创新园: a park inside a zone.
    Park,
    /// 孵化器, 加速器, 众创空间.
    Incubator,
    /// 工作站.
    Workstation,
    /// 学院 set up as a platform.
    College,
    /// 基金.
    Fund,
    /// Towns, villages, 汇, platforms, …
    Other,
}

impl PlatformType {
    const ALL: [PlatformType; 10] = [
        PlatformType::ResearchInstitute,
        PlatformType::Laboratory,
        PlatformType::Center,
        PlatformType::Base,
        PlatformType::Park,
        PlatformType::Incubator,
        PlatformType::Workstation,
        PlatformType::College,
        PlatformType::Fund,
        PlatformType::Other,
    ];

    /// The name used in JSON: `"research_institute"`, `"laboratory"`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            PlatformType::ResearchInstitute => "research_institute",
            PlatformType::Laboratory => "laboratory",
            PlatformType::Center => "center",
            PlatformType::Base => "base",
            PlatformType::Park => "park",
            PlatformType::Incubator => "incubator",
            PlatformType::Workstation => "workstation",
            PlatformType::College => "college",
            PlatformType::Fund => "fund",
            PlatformType::Other => "other",
        }
    }
}

impl fmt::Display for PlatformType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlatformType {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<PlatformType, ParseError> {
        PlatformType::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| ParseError::new("platform type", s))
    }
}

/// A named innovation or industrial platform.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Platform {
    /// The name as written, line breaks removed.
    pub name: String,
    /// What kind of platform its head word says it is.
    pub platform_type: PlatformType,
}

/// What kind of development zone a name says a zone is.
///
/// | type | zone words |
/// |---|---|
/// | `HighTech` | 高新区, 高新技术产业开发区 |
/// | `Economic` | 经开区, 经济技术开发区, 经济开发区, 开发区 |
/// | `NewArea` | 新区 |
/// | `Bonded` | 综合保税区, 保税区, 保税港区 |
/// | `FreeTrade` | 自由贸易试验区, 自贸区, 自贸港 |
/// | `Demonstration` | 示范区 |
/// | `Cooperation` | 合作区 |
/// | `IndustrialPark` | 园区, 工业园, 产业园, 片区, 新城, 科技城, 基地, 工业集中区 |
/// | `ChemicalPark` | 化工园区, 化工产业园, 石化基地 |
/// | `Other` | anything else |
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ZoneType {
    /// 高新区: a high-tech industrial development zone.
    HighTech,
    /// 经开区, 开发区: an economic (and technological) development zone.
    Economic,
    /// 新区: a new area.
    NewArea,
    /// 综合保税区, 保税区, 保税港区.
    Bonded,
    /// 自由贸易试验区, 自贸区, 自贸港.
    FreeTrade,
    /// 示范区: a demonstration zone.
    Demonstration,
    /// 合作区: a cooperation zone.
    Cooperation,
    /// 园区, 工业园, 产业园, 片区, 新城, 科技城, 基地, 工业集中区.
    IndustrialPark,
    /// 化工园区, 化工产业园, 石化基地.
    ChemicalPark,
    /// Any other zone word.
    #[default]
    Other,
}

impl ZoneType {
    const ALL: [ZoneType; 10] = [
        ZoneType::HighTech,
        ZoneType::Economic,
        ZoneType::NewArea,
        ZoneType::Bonded,
        ZoneType::FreeTrade,
        ZoneType::Demonstration,
        ZoneType::Cooperation,
        ZoneType::IndustrialPark,
        ZoneType::ChemicalPark,
        ZoneType::Other,
    ];

    /// The name used in JSON: `"high_tech"`, `"economic"`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            ZoneType::HighTech => "high_tech",
            ZoneType::Economic => "economic",
            ZoneType::NewArea => "new_area",
            ZoneType::Bonded => "bonded",
            ZoneType::FreeTrade => "free_trade",
            ZoneType::Demonstration => "demonstration",
            ZoneType::Cooperation => "cooperation",
            ZoneType::IndustrialPark => "industrial_park",
            ZoneType::ChemicalPark => "chemical_park",
            ZoneType::Other => "other",
        }
    }
}

impl fmt::Display for ZoneType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ZoneType {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<ZoneType, ParseError> {
        ZoneType::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| ParseError::new("zone type", s))
    }
}

/// The level a zone's name gives it: 国家级 or 省级.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ZoneLevel {
    /// 国家, 国家级: a national zone.
    National,
    /// 省级: a provincial zone.
    Provincial,
}

impl ZoneLevel {
    /// `"national"` or `"provincial"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ZoneLevel::National => "national",
            ZoneLevel::Provincial => "provincial",
        }
    }
}

impl fmt::Display for ZoneLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ZoneLevel {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<ZoneLevel, ParseError> {
        match s {
            "national" => Ok(ZoneLevel::National),
            "provincial" => Ok(ZoneLevel::Provincial),
            _ => Err(ParseError::new("zone level", s)),
        }
    }
}

/// Where a zone's name places it: the administrative divisions of
/// GB/T 2260, as far as the name goes, and the code of the most specific.
///
/// A municipality (北京市, 天津市, 上海市, 重庆市) is the `province` and has
/// no `city`; `city` is always a prefecture-level unit, so a county-level
/// place gives its prefecture too (`武进` → 江苏省, 常州市, 武进区).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Place {
    /// The province, autonomous region or municipality: `江苏省`.
    pub province: Cow<'static, str>,
    /// The prefecture-level unit: `常州市`.
    pub city: Option<Cow<'static, str>>,
    /// The county-level unit: `武进区`.
    pub county: Option<Cow<'static, str>>,
    /// The six-digit GB/T 2260 code of the most specific division: `320412`.
    pub code: u32,
}

impl Place {
    /// A place from its divisions and the code of the most specific.
    pub fn new(
        province: impl Into<Cow<'static, str>>,
        city: Option<Cow<'static, str>>,
        county: Option<Cow<'static, str>>,
        code: u32,
    ) -> Place {
        Place { province: province.into(), city, county, code }
    }
}

/// A development zone named in the text, with its identity.
///
/// ```
/// use zonefacts::{ZoneLevel, ZoneType};
///
/// let doc = zonefacts::extract("常州武进国家高新技术产业开发区今年新增企业32家。");
/// let z = doc.zones().next().unwrap();
/// assert_eq!(z.name, "常州武进国家高新技术产业开发区");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Zone {
    /// The name as written, line breaks removed.
    pub name: String,
    /// The zone's short canonical name, the same for every way of writing
    /// it (`武进高新区` for `常州武进国家高新技术产业开发区`): what facts and
    /// sections point to.
    pub key: String,
    /// What kind of zone the name says it is.
    pub zone_type: ZoneType,
    /// National or provincial, when the name says so.
    pub level: Option<ZoneLevel>,
    /// Where the name (or a fuller mention of the same zone in the
    /// document) places it.
    pub place: Option<Place>,
}

impl Zone {
    /// A zone of the given name and key, with no type, level or place.
    pub fn new(name: impl Into<String>, key: impl Into<String>) -> Zone {
        Zone { name: name.into(), key: key.into(), zone_type: ZoneType::Other, level: None, place: None }
    }
}

impl Platform {
    /// A platform of the given name and type.
    pub fn new(name: impl Into<String>, platform_type: PlatformType) -> Platform {
        Platform { name: name.into(), platform_type }
    }
}
