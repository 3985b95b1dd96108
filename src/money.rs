//! Money: amounts with a currency (`378亿元`, `6.8亿美元`, `两千万元`), and
//! bare 万/亿 amounts whose indicator is money (`营收突破500亿`).

use crate::model::Currency;

/// Currency words, each with its ISO code. Scale words (万, 亿) belong to the
/// numeral, so `378亿元` is the numeral `378亿` and the unit `元`.
pub(crate) const CURRENCY_WORDS: &[(&str, Currency)] = &[
    ("元", Currency::Cny),
    ("元人民币", Currency::Cny),
    ("人民币", Currency::Cny),
    ("块钱", Currency::Cny),
    ("圆", Currency::Cny),
    ("美元", Currency::Usd),
    ("美金", Currency::Usd),
    ("美圆", Currency::Usd),
    ("欧元", Currency::Eur),
    ("港元", Currency::Hkd),
    ("港币", Currency::Hkd),
    ("日元", Currency::Jpy),
    ("英镑", Currency::Gbp),
    ("韩元", Currency::Krw),
    ("澳元", Currency::Aud),
    ("加元", Currency::Cad),
    ("新台币", Currency::Twd),
    ("台币", Currency::Twd),
    ("卢布", Currency::Rub),
    ("新加坡元", Currency::Sgd),
    ("澳门元", Currency::Mop),
    ("澳门币", Currency::Mop),
];

/// Indicators that make a bare 万/亿 amount money (`总投资50亿`). A subject
/// ending in one of these measures money.
pub(crate) const MONEY_INDICATORS: &[&str] = &[
    "投资", "产值", "营收", "收入", "税收", "税金", "税费", "利润", "交易额", "成交额", "融资", "规模", "总额", "金额",
    "资金", "销售额", "销售", "生产总值", "GDP", "增加值", "出口额", "进口额", "进出口", "出口", "贸易额", "贸易",
    "产出", "财政", "预算", "资产", "市值", "估值", "贷款", "授信", "补贴", "奖励", "经费", "资本", "收益", "造价",
    "总量", "业务", "消费", "存款", "营业额", "总收入", "效益", "产能",
];
