//! Whole articles written for these tests (and the one shipped in
//! examples/data): every important fact, with its value, unit, qualifier,
//! subject and date, and the sections of a page of several reports.

use zonefacts::{Document, Extractor, Fact, Kind};

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// What a test expects of one fact; `None` fields are not checked.
struct Want {
    kind: Kind,
    text: &'static str,
    value: &'static str,
    unit: Option<&'static str>,
    approx: Option<&'static str>,
    /// The subject must end with this (its head), and contain no more than
    /// `subject_max` characters when given.
    subject_head: Option<&'static str>,
    /// The words of the change, exactly.
    change: Option<&'static str>,
    as_of: Option<&'static str>,
}

const fn w(kind: Kind, text: &'static str, value: &'static str) -> Want {
    Want { kind, text, value, unit: None, approx: None, subject_head: None, change: None, as_of: None }
}

impl Want {
    const fn unit(mut self, u: &'static str) -> Want {
        self.unit = Some(u);
        self
    }
    const fn approx(mut self, a: &'static str) -> Want {
        self.approx = Some(a);
        self
    }
    const fn subject(mut self, s: &'static str) -> Want {
        self.subject_head = Some(s);
        self
    }
    const fn change(mut self, c: &'static str) -> Want {
        self.change = Some(c);
        self
    }
    const fn dated(mut self, d: &'static str) -> Want {
        self.as_of = Some(d);
        self
    }
}

fn json_of(f: &Fact) -> serde_json::Value {
    serde_json::to_value(f).expect("a fact serializes")
}

/// Checks every expected fact and the span invariant of all facts.
fn check(input: &str, doc: &Document, wants: &[Want]) {
    for f in &doc.facts {
        assert_eq!(&input[f.span.range()], f.text, "span of {f:?}");
    }
    let mut failures = Vec::new();
    for want in wants {
        let found = doc.facts.iter().find(|f| f.kind() == want.kind && f.text == want.text);
        let Some(f) = found else {
            failures.push(format!("missing {:?} {}", want.kind, want.text));
            continue;
        };
        let j = json_of(f);
        let field = |k: &str| j.get(k).and_then(|v| v.as_str()).map(str::to_string);
        if field("value").as_deref() != Some(want.value) {
            failures.push(format!("{}: value {:?}, want {}", want.text, field("value"), want.value));
        }
        if let Some(u) = want.unit
            && field("unit").as_deref() != Some(u)
        {
            failures.push(format!("{}: unit {:?}, want {u}", want.text, field("unit")));
        }
        if let Some(a) = want.approx
            && field("approx").as_deref() != Some(a)
        {
            failures.push(format!("{}: approx {:?}, want {a}", want.text, field("approx")));
        }
        if let Some(s) = want.subject_head
            && !field("subject").is_some_and(|got| got.ends_with(s))
        {
            failures.push(format!("{}: subject {:?}, want …{s}", want.text, field("subject")));
        }
        if let Some(c) = want.change
            && field("change").as_deref() != Some(c)
        {
            failures.push(format!("{}: change {:?}, want {c}", want.text, field("change")));
        }
        if let Some(d) = want.as_of
            && field("as_of").as_deref() != Some(d)
        {
            failures.push(format!("{}: as_of {:?}, want {d}", want.text, field("as_of")));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn example_article() {
    use Kind::*;
    let input = read("examples/data/linjiang-report.txt");
    let doc = Extractor::new().extract(&input);
    check(
        &input,
        &doc,
        &[
            w(Date, "2023年", "2023"),
            w(Count, "42个", "42").unit("个").subject("项目").dated("2023"),
            w(Money, "216.8亿元", "21680000000").unit("CNY").approx("exact").subject("总投资").dated("2023"),
            // A threshold inside a noun phrase has no subject (SPEC).
            w(Money, "10亿元以上", "1000000000").approx("at_least"),
            w(Count, "9个", "9").subject("项目"),
            w(Money, "1186.5亿元", "118650000000").subject("规上工业总产值"),
            w(Percent, "9.2%", "9.2").unit("%").subject("规上工业总产值").change("同比增长"),
            w(Percent, "2.1个百分点", "2.1").unit("pp").subject("规上工业总产值").change("增速高于全市"),
            w(Money, "87.3亿元", "8730000000").subject("固定资产投资"),
            w(Money, "1.6亿美元", "160000000").unit("USD").subject("实际使用外资"),
            w(Date, "截至2023年底", "2023"),
            w(Count, "612家", "612").unit("家").subject("高新技术企业").dated("2023"),
            w(Count, "1400余名", "1400").approx("more_than").subject("人才"),
            w(Platform, "临江光电材料研究院", "临江光电材料研究院"),
            w(Platform, "临江智能传感器创新中心", "临江智能传感器创新中心"),
            w(Platform, "长河生物医药中试基地", "长河生物医药中试基地"),
            w(Platform, "临江科创投资基金", "临江科创投资基金"),
            w(Money, "5亿元", "500000000").subject("首期规模"),
            w(Measure, "约38兆瓦", "38000000").unit("W").approx("about").subject("装机容量"),
            w(Measure, "4200万度", "42000000").unit("kWh").subject("年发电量"),
            w(Measure, "约3.1万吨", "31000").unit("t").subject("二氧化碳排放"),
            w(Measure, "48.6平方公里", "48600000").unit("m2").subject("规划面积"),
            w(Measure, "1200亩", "1200").unit("mu").subject("一期用地"),
            w(Date, "2024年一季度", "2024-Q1"),
            w(Percent, "11.4%", "11.4").subject("规上工业增加值").change("同比增长").dated("2024-Q1"),
            w(Percent, "27.5%", "27.5").subject("占全市比重"),
            w(Date, "1—3月", "XXXX-01/XXXX-03"),
            w(Count, "1800余户", "1800").approx("more_than").subject("市场主体").dated("XXXX-01/XXXX-03"),
            w(Date, "到2025年", "2025"),
            w(Money, "突破2000亿元", "200000000000").approx("more_than").subject("营业收入").dated("2025"),
            w(Zone, "临江高新区", "临江高新区"),
        ],
    );
    // 今年, 上半年 resolve with a document date.
    let d = doc.dates().find(|d| d.text() == "截至2023年底").expect("the as-of date");
    assert_eq!(d.modifier, Some(zonefacts::DateMod::End));
    assert_eq!(d.relation, Some(zonefacts::Relation::AsOf));
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.sections[0].zone.as_deref(), Some("临江高新区"));
    assert_eq!(doc.sections[0].reporters, ["陈晓东"]);
}

#[test]
fn page_of_three_reports() {
    use Kind::*;
    let input = read("tests/fixtures/page.txt");
    let doc = Extractor::new().extract(&input);
    let zones: Vec<_> = doc.sections.iter().map(|s| s.zone.as_deref().unwrap_or("")).collect();
    assert_eq!(zones, ["东湖湾高新区", "石门经开区", "北港新区"]);
    let reporters: Vec<_> = doc.sections.iter().map(|s| s.reporters.join("、")).collect();
    assert_eq!(reporters, ["李明", "王芳", "刘洋、孙婷"]);
    assert!(doc.sections[1].title.as_deref().is_some_and(|t| t.starts_with("石门经开区：")));
    // Sections tile the text, and every fact is in its section.
    assert_eq!(doc.sections[0].span.start, 0);
    assert_eq!(doc.sections.last().map(|s| s.span.end), Some(input.len()));
    for pair in doc.sections.windows(2) {
        assert_eq!(pair[0].span.end, pair[1].span.start);
    }
    for f in &doc.facts {
        let s = &doc.sections[f.section];
        assert!(s.span.start <= f.span.start && f.span.end <= s.span.end, "{f:?}");
    }
    check(
        &input,
        &doc,
        &[
            w(Date, "今年以来", "XXXX"),
            w(Count, "35个", "35").subject("项目").dated("XXXX"),
            w(Money, "128亿元", "12800000000").subject("协议投资额"),
            w(Date, "截至6月底", "XXXX-06"),
            w(Count, "286家", "286").subject("企业").dated("XXXX-06"),
            w(Percent, "12.6%", "12.6").dated("XXXX-H1"),
            w(Platform, "东湖湾半导体封测研究院", "东湖湾半导体封测研究院"),
            w(Money, "415.2亿元", "41520000000").subject("地区生产总值").dated("2022"),
            w(Count, "6200个", "6200").subject("就业岗位"),
            w(Count, "86名", "86").subject("人才"),
            w(Measure, "约32万平方米", "320000").unit("m2").approx("about"),
            w(Measure, "560亩", "560").unit("mu"),
            w(Date, "2021—2023年", "2021/2023"),
            w(Money, "3.6亿元", "360000000").dated("2021/2023"),
            w(Count, "58项", "58").subject("项目"),
            w(Measure, "1.2万吨", "12000").subject("标准煤"),
            w(Measure, "860万度", "8600000").unit("kWh").subject("用电"),
            w(Percent, "100%", "100").subject("处理率"),
            w(Percent, "15个百分点", "15").unit("pp").subject("污水集中处理率").change("较2020年提高"),
        ],
    );
    let section_of = |text: &str| doc.facts.iter().find(|f| f.text == text).map(|f| f.section);
    assert_eq!(section_of("128亿元"), Some(0));
    assert_eq!(section_of("415.2亿元"), Some(1));
    assert_eq!(section_of("3.6亿元"), Some(2));
    // 较2020年 is a comparison base: no date fact.
    assert!(doc.dates().all(|d| d.text() != "2020年"));
}

#[test]
fn dirty_text_spans_point_into_the_input() {
    use Kind::*;
    let input = read("tests/fixtures/dirty.txt");
    assert!(input.starts_with('\u{feff}') && input.contains("\r\n"));
    let doc = Extractor::new().extract(&input);
    check(
        &input,
        &doc,
        &[
            // Subjects and changes come out simplified; the text stays as written.
            w(Money, "３５.６億元", "3560000000").subject("总投资"),
            w(Date, "今年一季度", "XXXX-Q1"),
            w(Money, "１２０億元", "12000000000").subject("营业收入").dated("XXXX-Q1"),
            w(Percent, "８．５％", "8.5").subject("营业收入").change("同比增长"),
            w(Count, "４２家", "42").unit("家"),
            w(Count, "１５家", "15").unit("家").subject("规上企业"),
            w(Money, "12.5\n億元", "1250000000"),
            w(Measure, "約３００畝", "300").unit("mu").approx("about"),
        ],
    );
}

#[test]
fn document_date_resolves_relative_dates() {
    let input = read("tests/fixtures/page.txt");
    let ex = Extractor::builder().document_date("2024-08-01".parse().expect("a date")).build();
    let doc = ex.extract(&input);
    let since = doc.dates().find(|d| d.text() == "今年以来").expect("今年以来");
    assert_eq!(since.value.to_string(), "2024");
    let june = doc.dates().find(|d| d.text() == "截至6月底").expect("截至6月底");
    assert_eq!(june.value.to_string(), "2024-06");
    let c = doc.counts().find(|c| c.text() == "286家").expect("286家");
    assert_eq!(c.as_of.map(|d| d.to_string()).as_deref(), Some("2024-06"));
}

#[test]
fn kinds_can_be_chosen() {
    let input = read("examples/data/linjiang-report.txt");
    let ex = Extractor::builder().kinds("money,date".parse().expect("kinds")).build();
    let doc = ex.extract(&input);
    assert!(doc.facts.iter().all(|f| matches!(f.kind(), Kind::Money | Kind::Date)));
    // The same money facts as with every kind.
    let all = Extractor::new().extract(&input);
    let money = |d: &Document| d.money().map(|m| m.fact.clone().into_owned()).collect::<Vec<_>>();
    assert_eq!(money(&doc), money(&all));
    assert_eq!(doc.money().count(), 7);
    // Subjects and dates are still found for the kinds asked for.
    let m = doc.money().find(|m| m.text() == "216.8亿元").expect("216.8亿元");
    assert_eq!(m.subject.as_deref(), Some("总投资"));
}

#[test]
fn facts_round_trip_through_json() {
    let input = read("tests/fixtures/page.txt");
    let doc = Extractor::new().extract(&input);
    let json = serde_json::to_string(&doc).expect("serializes");
    let back: Document = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, doc);
}

#[test]
fn known_names_are_preferred() {
    let text = "光谷新增企业3000家,武汉光电子研究院投入运营。";
    let plain = Extractor::new().extract(text);
    assert_eq!(plain.zones().count(), 0, "a nickname is not a zone by the rules");
    let ex = Extractor::builder().zone_names(["光谷"]).platform_names(["武汉光电子研究院"]).build();
    let doc = ex.extract(text);
    let zones: Vec<_> = doc.zones().map(|z| z.name.clone()).collect();
    assert_eq!(zones, ["光谷"]);
    let p = doc.platforms().next().expect("a platform");
    assert_eq!((p.name.as_str(), p.platform_type), ("武汉光电子研究院", zonefacts::PlatformType::ResearchInstitute));
}

/// One-line cases, each a rule of the language: (text, fact text, value or
/// `None` for "no such fact", subject head).
#[test]
fn constructions() {
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        // 三次产业 are the three sectors, not a count.
        ("三次产业结构调整为0.5:58.1:41.4。", "三次", None, None),
        // 万元GDP is a rate's base, not an amount.
        ("万元GDP能耗下降3.8%。", "万元", None, None),
        ("万元GDP能耗下降3.8%。", "3.8%", Some("3.8"), Some("能耗")),
        // 达产后年产值 is not 后年.
        ("项目达产后年产值约80亿元。", "约80亿元", Some("8000000000"), Some("年产值")),
        // A link after a figure shares its subject.
        ("工业总产值突破900亿元,达到936.2亿元。", "936.2亿元", Some("93620000000"), Some("工业总产值")),
        // A threshold inside a noun phrase has no subject, unless the phrase
        // names what it measures; the count takes the whole phrase.
        ("全区在建亿元以上项目88个。", "88个", Some("88"), Some("在建亿元以上项目")),
        ("税收500万元以上企业12家。", "500万元以上", Some("5000000"), Some("税收")),
        // Short lines: the indicator ends the line above.
        ("高新技术企业数量\n首次突破800家\n", "突破800家", Some("800"), Some("企业数量")),
        // Ranges share a scale and a unit.
        ("拟投资3至5亿元。", "3至5亿元", Some("300000000/500000000"), Some("投资")),
        ("预计带动就业2000—3000人。", "2000—3000人", Some("2000/3000"), None),
        // Percentages in words, tenths and fractions.
        ("利用率达到百分之八十五。", "百分之八十五", Some("85"), Some("利用率")),
        ("本地配套率超六成。", "超六成", Some("60"), None),
        // A third has no exact decimal: 28 significant digits.
        ("约占全省三分之一。", "三分之一", Some("33.333333333333333333333333333"), Some("占全省")),
        // Currency before the amount.
        ("合同金额为港币3200万元。", "港币3200万元", Some("32000000"), None),
        // A code, an ordinal and a slogan are no figures.
        ("执行GB/T 2589-2020标准。", "2020", None, None),
        ("位列全国第12位。", "12位", None, None),
        ("打造“一核两翼三区”格局。", "一核", None, None),
    ];
    let mut failures = Vec::new();
    for &(text, fact, value, head) in cases {
        let doc = zonefacts::extract(text);
        let found = doc.facts.iter().find(|f| f.text == fact);
        match (found, value) {
            (None, None) => {}
            (Some(f), None) => failures.push(format!("{text}: unexpected {f:?}")),
            (None, Some(_)) => failures.push(format!("{text}: missing {fact}")),
            (Some(f), Some(v)) => {
                let j = serde_json::to_value(f).expect("serializes");
                if j.get("value").and_then(|x| x.as_str()) != Some(v) {
                    failures.push(format!("{text}: {fact} value {:?}, want {v}", j.get("value")));
                }
                if let Some(h) = head
                    && !f.subject().is_some_and(|s| s.ends_with(h))
                {
                    failures.push(format!("{text}: {fact} subject {:?}, want …{h}", f.subject()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A task is the indicator of an amount, and its completion that of the
/// rate that follows it; an investment keeps the verb that makes it one.
#[test]
fn tasks_and_their_completion() {
    let text = "一季度实现工业产值24.6亿元,完成年度任务120亿元的20.5%;完成投资8.6亿元。";
    let doc = zonefacts::extract(text);
    let subject = |fact: &str| doc.facts.iter().find(|f| f.text == fact).and_then(|f| f.subject()).map(str::to_owned);
    assert_eq!(subject("24.6亿元").as_deref(), Some("工业产值"));
    assert_eq!(subject("120亿元").as_deref(), Some("年度任务"));
    assert_eq!(subject("20.5%").as_deref(), Some("完成年度任务"));
    assert_eq!(subject("8.6亿元").as_deref(), Some("完成投资"));
    // 各类 says "of all kinds", not which indicator.
    let doc = zonefacts::extract("园区现有各类市场主体3100余户。");
    assert_eq!(doc.counts().next().and_then(|c| c.subject.clone()).as_deref(), Some("市场主体"));
}

/// The articles and the page together, stage by stage
/// (`Extractor::extract_many`), each give what they give alone; so do they
/// through the parallel batch when the `rayon` feature is on.
#[test]
fn articles_at_once_as_alone() {
    let texts = [
        read("examples/data/linjiang-report.txt"),
        read("tests/fixtures/page.txt"),
        read("tests/fixtures/dirty.txt"),
        String::new(),
        read("examples/data/linjiang-report.txt"),
    ];
    let ex = Extractor::new();
    let alone: Vec<Document> = texts.iter().map(|t| ex.extract(t)).collect();
    assert!(alone[0].facts.len() > 20 && alone[1].facts.len() > 20 && alone[3].facts.is_empty());
    assert_eq!(ex.extract_many(texts.iter().map(String::as_str)), alone);
    assert!(ex.extract_many([]).is_empty());
    let date = "2021-12-31".parse().expect("a date");
    let dated: Vec<Document> = texts.iter().map(|t| ex.extract_with_date(t, date)).collect();
    assert_ne!(dated, alone, "the page's relative dates take the year given");
    assert_eq!(ex.extract_many_with_date(texts.iter().map(String::as_str), date), dated);
    #[cfg(feature = "rayon")]
    assert_eq!(ex.extract_batch(&texts), alone);
}
