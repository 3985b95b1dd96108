//! Counts: a number with a classifier (量词) that counts things or people:
//! `77名`, `60余个`, `32家`, `17.6万人`.
//!
//! The classifier table below decides which words count. Words that look
//! like classifiers but measure something else are left out on purpose:
//!
//! | word | why it is not a count classifier |
//! |---|---|
//! | 亩, 公顷 | land area: a measure |
//! | 年, 月, 日, 天, 周, 期 | time and phases (`一期工程`): not things |
//! | 倍 | a ratio |
//! | 岁 | age |
//! | 级 | a grade (`千亿级`, `五千吨级`) |
//! | 成 | tenths: a percentage |
//! | 元, 块钱 | money (`块` alone counts plots: `3块土地`) |
//! | 层 | floors of a building: a specification |

/// Classifiers, each with its canonical (simplified) form.
pub(crate) const CLASSIFIERS: &[(&str, &str)] = &[
    ("名", "名"),
    ("个", "个"),
    ("家", "家"),
    ("项", "项"),
    ("份", "份"),
    ("所", "所"),
    ("座", "座"),
    ("位", "位"),
    ("人", "人"),
    ("人次", "人次"),
    ("件", "件"),
    ("台", "台"),
    ("套", "套"),
    ("种", "种"),
    ("条", "条"),
    ("次", "次"),
    ("场", "场"),
    ("支", "支"),
    ("批", "批"),
    ("栋", "栋"),
    ("幢", "幢"),
    ("户", "户"),
    ("处", "处"),
    ("只", "只"),
    ("辆", "辆"),
    ("架", "架"),
    ("艘", "艘"),
    ("株", "株"),
    ("款", "款"),
    ("篇", "篇"),
    ("部", "部"),
    ("例", "例"),
    ("头", "头"),
    ("间", "间"),
    ("张", "张"),
    ("本", "本"),
    ("棵", "棵"),
    ("枚", "枚"),
    ("根", "根"),
    ("届", "届"),
    ("轮", "轮"),
    ("起", "起"),
    ("宗", "宗"),
    ("笔", "笔"),
    ("幅", "幅"),
    ("组", "组"),
    ("类", "类"),
    ("门", "门"),
    ("块", "块"),
    ("颗", "颗"),
    ("对", "对"),
];

/// Words right after `个` that make the number a duration, not a count:
/// `9个月`, `3个季度`, `两个半月`.
pub(crate) const DURATION_AFTER_GE: &[&str] =
    &["月", "季度", "小时", "工作日", "星期", "礼拜", "年头", "半月", "多月", "钟头", "位次", "名次", "百分"];

/// Verbs before `N位`/`N名` that make it a change of rank: `上升3位`.
pub(crate) const RANK_CHANGE: &[&str] =
    &["上升", "下降", "提升", "前移", "后移", "跃升", "进位", "前进", "攀升", "后退", "上移", "下滑"];
