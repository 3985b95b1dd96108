//! A deterministic generator of development-zone report text for the
//! benchmarks and the measurement tools.
//!
//! Everything here is synthetic: place, zone, platform and company names are
//! assembled from syllables, and the sentences come from the templates below
//! (written for this crate, in the style of zone reports). The density of
//! figures is close to real reports: about one money/count/measure/percent
//! per 45 characters, plus dates, zones and platforms. Some numbers use
//! full-width digits or Chinese numerals, paragraphs end in `\n`, `\r\n` or
//! blank lines, and a few lines break inside a sentence.
//!
//! The same `(size, seed)` always gives the same text.

/// A tiny xorshift64* generator: deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        (self.next_u64() >> 11) % n
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// Sentences with figures. Slots: `{Z}` a zone's name, `{z}` the zone or a
/// short reference to it (`园区`), `{P}` a platform (`{P:基金}` a fund),
/// `{co}` a company, `{dom}` an industry, `{ind}` an economic indicator,
/// `{M}` money with qualifiers and ranges, `{m}` plain 亿元, `{Mw}` 万元,
/// `{U}` US dollars, `{n:CL}` a count with classifier `CL`, `{q:UNIT}` a
/// measure, `{R}` a percentage, `{pp}` percentage points, `{D}` a date
/// phrase, `{Y}` a year, `{YM}` year and month, `{MD}` month and day, `{Qt}`
/// a quarter or half, `{Rng}` a month range, `{mo}` a month, `{cn}` a small
/// Chinese numeral, `{name}` a person.
const FACTS: &[&str] = &[
    "{D}，{Z}新签约产业项目{n:个}，总投资{M}。",
    "其中，{m}以上项目{n:个}，{m}以上项目{n:个}。",
    "全年实现{ind}{M}，同比增长{R}。",
    "{D}，{z}完成固定资产投资{M}，增速高于全市{pp}。",
    "实际使用外资{U}，同比增长{R}。",
    "截至{YM}底，{z}累计集聚高新技术企业{n:家}、国家级专精特新“小巨人”企业{n:家}。",
    "引育各类高层次人才{n:名}，其中博士{n:名}。",
    "{P}、{P}相继投入运营，{D}新增授权发明专利{n:件}。",
    "{z}设立首期规模{m}的{P:基金}，重点投向{dom}领域。",
    "{D}，{z}新增屋顶光伏装机容量{q:兆瓦}，年发电量达{q:万度}。",
    "减少二氧化碳排放{q:万吨}，节约标准煤{q:吨}。",
    "{z}规划面积{q:平方公里}，其中起步区{q:亩}已完成征收。",
    "新建标准厂房{q:万平方米}，盘活闲置土地{q:亩}。",
    "{Qt}，{z}规上工业增加值同比增长{R}，占全市比重达{R}。",
    "{Rng}新增市场主体{n:户}，新增就业岗位{n:个}。",
    "到{Y}，{z}力争营业收入突破{m}。",
    "{co}计划投资{M}，建设年产{q:万套}的{dom}生产线，达产后预计年产值{M}。",
    "{MD}，{Z}举行{Y}重点项目集中签约活动，{n:个}项目现场签约，投资总额达{M}。",
    "{D}，{z}外贸进出口总额{M}，其中出口{M}，同比增长{R}。",
    "税收收入{M}，增长{R}；一般公共预算收入{M}。",
    "全社会研发投入强度达到{R}，较上年提高{pp}。",
    "{z}现有各类市场主体{n:家}，从业人员{n:万人}。",
    "{P}已孵化科技型中小企业{n:家}，累计吸引社会投资{M}。",
    "项目占地{q:亩}，总建筑面积{q:万平方米}，预计{Y}投产。",
    "{D}以来，{z}累计争取中央预算内投资{M}、专项债券资金{M}。",
    "{z}污水集中处理率达到{R}，较{Y}提高{pp}。",
    "{D}，{z}新认定高新技术企业{n:家}，总数达到{n:家}，增长{R}。",
    "园区现有研发机构{n:个}，其中省级以上{n:个}。",
    "{co}总投资{M}的二期项目开工，建成后可新增产能{q:万吨}。",
    "{D}，{Z}实现地区生产总值{M}，同比增长{R}，增速位居全省第{cn}。",
    "银行等{n:家}金融机构意向授信{M}。",
    "累计建成5G基站{n:座}，千兆光网覆盖率达{R}。",
    "{Y}，{z}港口货物吞吐量{q:万吨}，集装箱吞吐量{q:万标准箱}。",
    "园区日处理污水能力达到{q:万立方米}，敷设管网{q:公里}。",
    "{P}牵头承担国家级科研项目{n:项}，获得资金支持{Mw}。",
    "对新引进的顶尖人才团队，最高给予{Mw}项目资助和{m}股权投资。",
    "今年前{cn}个月，{z}完成工业投资{M}，其中技改投资{M}，占比{R}。",
    "全年接待游客{n:万人次}，实现旅游收入{M}。",
    "{Z}与{co}签订合作协议，项目注册资本{U}。",
    "{Qt}，{z}数字经济核心产业增加值{M}，同比增长{R}，高于全省平均{pp}。",
    "截至目前，{z}已集聚{dom}企业{n:家}，形成产值规模超{m}的产业集群。",
    "单位工业增加值能耗下降{R}，万元产值用水量下降{R}。",
    "{D}，{z}共办理审批事项{n:件}，平均审批时间压缩至{n:个}工作日。",
    "{P}建有{q:平方米}的公共实验平台，配备大型仪器设备{n:台套}。",
    "该项目由{co}投资建设，总投资{M}，其中设备投资{M}。",
    "{D}，{Z}举办招才引智活动{n:场}，达成就业意向{n:人}。",
    "园区全年用电量{q:亿千瓦时}，同比增长{R}。",
    "已建成人才公寓{n:套}，面积约{q:万平方米}。",
    "{dom}产业产值占规上工业比重提高到{R}，拉动工业增长{pp}。",
    "{Y}至{Y}，{z}累计引进外资项目{n:个}，合同外资{U}。",
    "{MD}，{P}揭牌成立，首批入驻团队{n:个}，签约金额{Mw}。",
    "{z}安排产业发展专项资金{M}，兑现各类奖补资金{Mw}，惠及企业{n:家}。",
    "{D}，{z}实际到位内资{M}，完成年度目标的{R}。",
    "新增上市企业{n:家}，累计达到{n:家}，总市值超{m}。",
    "{z}绿化覆盖率达{R}，建成生态公园{n:座}，新增绿地{q:公顷}。",
    "物流园区{Y}完成货运量{q:万吨}，同比增长{R}。",
    "{Z}以全市{R}的土地贡献了全市{R}的工业产值。",
    "{P}入驻企业{n:家}，实现营业收入{M}，带动就业{n:人}。",
    "重点推进的{n:个}省级重大项目已完成投资{M}，投资完成率{R}。",
    "{z}设立总规模{m}的{P:基金}，首期到位{M}。",
    "{Y}{Qt}，{z}签约亿元以上项目{n:个}，同比增加{n:个}。",
    "全年工业用水重复利用率达到{R}，固体废物综合利用量{q:万吨}。",
    "{co}年产{q:吨}{dom}材料项目于{MD}正式投产。",
    "{z}储备建设用地{q:亩}，可提供标准厂房{q:平方米}。",
    "{Z}有百分之{cnp}以上的规上企业完成了数字化改造。",
    "{D}，{z}实现一般公共预算收入{M}，其中税收占比{R}。",
    "{Z}共有在建项目{n:个}，年度计划投资{M}，{Rng}完成投资{M}。",
    "{D}，{z}规上工业企业达到{n:家}，其中产值超{m}的企业{n:家}。",
    "{co}预计{Y}实现营收{M}，带动上下游配套企业{n:余家}落户。",
];

/// Sentences without figures (a few name zones and platforms).
const FILLER: &[&str] = &[
    "{z}坚持把{theme}作为推动高质量发展的关键抓手，持续优化营商环境。",
    "据了解，这些项目涵盖{dom}、{dom}、{dom}等领域，将为区域经济发展注入新的强劲动力。",
    "“园区的服务又快又实，我们对在这里扎根发展充满信心。”{co}负责人说。",
    "下一步，{z}将围绕{dom}和{dom}两大主导产业，强化链式招商，推动项目早落地、早投产、早见效。",
    "活动现场，{Z}与{co}签订战略合作框架协议，双方将在技术研发、人才培养等方面深化合作。",
    "{z}党工委书记表示，将以更大力度支持企业创新，打造一流产业生态和营商环境。",
    "近年来，{Z}深入实施创新驱动发展战略，加快培育新质生产力，发展质效稳步提升。",
    "园区为签约企业提供全周期、全链条服务，明确专人对接，帮助企业解决用工、融资等难题。",
    "与此同时，{z}积极推进数字化转型，引导企业上云用数赋智，加快建设智能工厂和数字化车间。",
    "{P}聚焦{dom}关键共性技术，开展联合攻关和成果转化，已成为区域创新的重要策源地。",
    "该项目建成后，将有效补齐本地{dom}产业链短板，进一步提升产业集群的竞争力。",
    "{z}还将加快完善交通、教育、医疗等配套设施，不断提升园区的综合承载能力。",
    "据悉，此次签约的项目质量高、带动力强、科技含量足，多数由行业龙头企业投资建设。",
    "{Z}相关负责人介绍，园区正在编制新一轮产业发展规划，谋划布局一批未来产业。",
    "在{P}的实验室里，科研人员正在调试新一代样机，生产线上机械臂往来穿梭。",
    "企业普遍反映，园区在用地、用能、融资等方面给予了有力保障，办事效率明显提高。",
    "走进{co}的生产车间，一条条自动化生产线正在满负荷运转，工人们忙着赶制订单。",
    "为破解人才难题，{z}出台了涵盖安居、子女入学、医疗保障在内的一揽子支持政策。",
    "{z}深化“放管服”改革，推行“拿地即开工”审批模式，项目建设跑出了加速度。",
    "围绕{dom}产业链，{z}绘制招商图谱，开展精准招商和以商引商，形成上下游协同的发展格局。",
    "业内人士认为，{Z}区位优势明显、产业基础扎实，是{dom}企业布局的理想之地。",
    "当前，{z}正以项目建设为牵引，全力以赴稳增长、调结构、促转型。",
    "{co}董事长表示，公司将把新的研发总部放在{Z}，并逐步扩大生产规模。",
    "{z}持续推进绿色低碳转型，鼓励企业开展节能降碳改造，打造零碳示范园区。",
    "在政策引导下，越来越多的科研成果在园区实现就地转化，创新链与产业链深度融合。",
    "{P}与多所高校共建联合实验室，联合培养研究生，推动产学研用协同发展。",
    "园区还组建了专业化的企业服务队伍，定期走访重点企业，现场协调解决问题。",
    "记者在现场看到，{Z}的多个重点项目建设工地塔吊林立、机器轰鸣，一派繁忙景象。",
];

const TITLES: &[&str] = &[
    "{Z}：“链式招商”跑出加速度",
    "{Z}：以“智造”筑强产业底座",
    "{Z}{dom}产业集群加速成势",
    "{Z}：“双招双引”激活发展新动能",
    "{Z}绿色低碳引领园区转型",
    "{Z}重点项目集中签约 引资超百亿元",
    "{Z}创新平台建设取得新成效",
    "打造{dom}产业高地 {Z}按下“快进键”",
    "{Z}：优化营商环境 服务企业发展",
    "{Z}{Y}经济运行稳中向好",
];

const BYLINES: &[&str] = &[
    "▶ 本报记者 {name}",
    "▶ 本报记者 {name} {name}",
    "本报讯(记者 {name} 通讯员 {name})",
    "本报讯（记者 {name}）",
    "（记者 {name} 实习生 {name}）",
];

const PAGE_HEADS: &[&str] = &["开发区巡礼 专版", "园区观察", "区域经济·园区新闻", "产业园区 周刊"];

const PLACE1: &[&str] = &[
    "东", "西", "南", "北", "临", "石", "金", "青", "云", "宁", "安", "新", "长", "江", "湖", "海", "龙", "凤", "天",
    "明", "华", "兴", "嘉", "泰", "丰", "平", "昌", "荣", "宝", "珠", "清", "永", "汉", "沙", "滨", "桐", "梅", "松",
    "鹤", "兰",
];
const PLACE2: &[&str] = &[
    "湖", "江", "门", "港", "山", "州", "川", "阳", "城", "桥", "溪", "林", "原", "宁", "口", "浦", "塘", "丘", "岭",
    "沙", "都", "泉", "湾", "洲", "水", "河", "峰", "台", "屿", "陵",
];
const ZONE_SUFFIX: &[&str] = &[
    "高新区", "高新区", "经开区", "经开区", "经济技术开发区", "高新技术产业开发区", "新区", "综合保税区", "经济开发区",
    "工业园区",
];
const PROVINCES: &[&str] = &["江苏省", "浙江省", "安徽省", "山东省", "湖北省", "四川省", "广东省", "福建省"];
const DOMAINS: &[&str] = &[
    "光电材料", "智能传感器", "生物医药", "集成电路", "新能源汽车", "工业软件", "高端装备", "新材料", "人工智能",
    "氢能", "储能", "半导体", "医疗器械", "数字经济", "绿色化工", "先进制造", "航空航天", "海洋工程", "精密仪器",
    "合成生物",
];
const PLATFORM_HEADS: &[&str] = &[
    "研究院", "产业技术研究院", "创新中心", "产业创新中心", "产业园", "中试基地", "孵化器", "重点实验室",
    "工程技术研究中心", "科技园", "众创空间", "加速器",
];
const FUND_HEADS: &[&str] = &["产业投资基金", "科创投资基金", "天使投资基金", "产业引导基金"];
const CO_WORDS: &[&str] =
    &["华创", "恒信", "瑞科", "中拓", "宏达", "博远", "天合", "锦程", "卓越", "新芯", "光启", "鼎盛"];
const CO_TYPES: &[&str] = &["科技有限公司", "新材料股份有限公司", "智能装备有限公司", "集团", "电子科技有限公司"];
const INDICATORS: &[&str] = &[
    "营业收入", "规上工业总产值", "地区生产总值", "工业增加值", "技工贸总收入", "社会消费品零售总额",
    "高新技术产业产值", "服务业增加值",
];
const THEMES: &[&str] = &["招商引资", "科技创新", "项目建设", "产业升级", "营商环境建设", "人才引育"];
const SHORT_REFS: &[&str] = &["园区", "全区", "该区", "开发区", "高新区"];
const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
const GIVEN: &[&str] =
    &["晓东", "明", "芳", "磊", "洋", "婷", "伟", "静", "强", "敏", "军", "丽", "杰", "娟", "涛", "晨"];
const MONEY_PRE: &[&str] = &["约", "超", "逾", "近", "超过", "共计", "累计", "达"];
const COUNT_PRE: &[&str] = &["近", "超过", "约", "逾"];
const QUARTERS: &[&str] = &["一季度", "上半年", "前三季度", "第二季度", "四季度", "下半年", "前三季度"];
const CN_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The text generator.
pub struct Gen {
    rng: Rng,
    out: String,
    /// The comma of the current article: real reports use `，` or `,`.
    comma: &'static str,
    /// The zone the current report is about.
    zone: String,
}

impl Gen {
    /// A generator with a seed.
    pub fn new(seed: u64) -> Gen {
        Gen { rng: Rng::new(seed), out: String::new(), comma: "，", zone: String::new() }
    }

    fn place(&mut self) -> String {
        let a = *self.rng.pick(PLACE1);
        let b = *self.rng.pick(PLACE2);
        format!("{a}{b}")
    }

    fn new_zone(&mut self) -> String {
        let p = self.place();
        let s = *self.rng.pick(ZONE_SUFFIX);
        format!("{p}{s}")
    }

    fn person(&mut self) -> String {
        let s = *self.rng.pick(SURNAMES);
        let g = *self.rng.pick(GIVEN);
        format!("{s}{g}")
    }

    fn platform(&mut self, fund: bool) -> String {
        let dom = *self.rng.pick(DOMAINS);
        if fund {
            let head = *self.rng.pick(FUND_HEADS);
            return format!("{}{dom}{head}", self.place());
        }
        let head = *self.rng.pick(PLATFORM_HEADS);
        if self.rng.chance(20) {
            format!("{}{dom}{head}", self.rng.pick(PROVINCES))
        } else {
            format!("{}{dom}{head}", self.place())
        }
    }

    fn company(&mut self) -> String {
        let p = self.place();
        let w = *self.rng.pick(CO_WORDS);
        let t = *self.rng.pick(CO_TYPES);
        format!("{p}{w}{t}")
    }

    /// A Chinese numeral for `0 < n < 10000`.
    fn chinese(&mut self, n: u64) -> String {
        let mut s = String::new();
        let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
        let units = ["千", "百", "十", ""];
        let mut zero = false;
        let mut started = false;
        for (i, &d) in digits.iter().enumerate() {
            if d == 0 {
                zero = started;
                continue;
            }
            if zero {
                s.push('零');
                zero = false;
            }
            if !(i == 2 && d == 1 && !started) {
                let two = d == 2 && i < 2 && self.rng.chance(50);
                s.push_str(if two { "两" } else { CN_DIGITS[d as usize] });
            }
            s.push_str(units[i]);
            started = true;
        }
        s
    }

    /// Writes a number: Arabic digits with `decimals` random decimals
    /// (sometimes full-width), or rarely a Chinese numeral.
    fn number(&mut self, lo: u64, hi: u64, decimals: u32) -> String {
        let n = self.rng.range(lo, hi);
        if decimals == 0 && n > 0 && n < 10_000 && self.rng.chance(4) {
            return self.chinese(n);
        }
        let mut s = n.to_string();
        if n >= 10_000 && self.rng.chance(15) {
            let b = s.as_bytes();
            let mut t = String::new();
            for (i, c) in b.iter().enumerate() {
                if i > 0 && (b.len() - i) % 3 == 0 {
                    t.push(',');
                }
                t.push(*c as char);
            }
            s = t;
        }
        if decimals > 0 && self.rng.chance(60) {
            let d = self.rng.below(10u64.pow(decimals));
            s = format!("{s}.{d:0w$}", w = decimals as usize);
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        if self.rng.chance(3) {
            s = s
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                    '.' => '．',
                    c => c,
                })
                .collect();
        }
        s
    }

    fn money(&mut self, kind: &str) {
        let (lo, hi, dec, units): (u64, u64, u32, &[&str]) = match kind {
            "m" => (1, 300, 0, &["亿元"]),
            "Mw" => (50, 9000, 0, &["万元"]),
            "U" => (1, 80, 1, &["亿美元", "万美元", "万美元"]),
            _ => (1, 900, 2, &["亿元", "亿元", "亿元", "万元", "万元", "元", "亿美元", "万亿元", "万欧元"]),
        };
        let unit = *self.rng.pick(units);
        let (lo, hi) = if unit.starts_with('万') && unit != "万亿元" { (lo * 10, hi * 50) } else { (lo, hi) };
        let (lo, hi) = if unit == "元" {
            (lo * 1000, hi * 10_000)
        } else if unit == "万亿元" {
            (1, 3)
        } else {
            (lo, hi)
        };
        if kind == "M" && self.rng.chance(6) {
            // A range: 3-5亿元, 3至5亿元, 3亿至5亿元.
            let a = self.rng.range(lo.max(1), hi / 2 + 1);
            let b = a + self.rng.range(1, a + 1);
            let style = self.rng.below(3);
            let s = match style {
                0 => format!("{a}-{b}{unit}"),
                1 => format!("{a}至{b}{unit}"),
                _ => {
                    let scale = unit.trim_end_matches('元');
                    format!("{a}{scale}至{b}{unit}")
                }
            };
            self.out.push_str(&s);
            return;
        }
        if kind == "M" && self.rng.chance(25) {
            let p = *self.rng.pick(MONEY_PRE);
            self.out.push_str(p);
        }
        let n = self.number(lo, hi, dec);
        self.out.push_str(&n);
        if kind == "M" && self.rng.chance(8) {
            self.out.push_str(if self.rng.chance(50) { "余" } else { "多" });
        }
        self.out.push_str(unit);
        if kind == "M" && self.rng.chance(5) {
            self.out.push_str(if self.rng.chance(50) { "以上" } else { "左右" });
        }
    }

    fn count(&mut self, cl: &str) {
        if self.rng.chance(12) {
            let p = *self.rng.pick(COUNT_PRE);
            self.out.push_str(p);
        }
        let (lo, hi) = if cl.starts_with('万') { (1, 90) } else { (2, 1500) };
        let n = if self.rng.chance(35) { self.number(lo, hi.min(60), 0) } else { self.number(lo, hi, 0) };
        self.out.push_str(&n);
        if !cl.starts_with('余') && self.rng.chance(8) {
            self.out.push('余');
        }
        self.out.push_str(cl);
    }

    fn measure(&mut self, unit: &str) {
        if self.rng.chance(15) {
            self.out.push('约');
        }
        let (lo, hi) = match unit {
            "平方公里" | "公顷" | "兆瓦" => (3, 300),
            "吨" | "平方米" => (100, 90_000),
            "亩" => (20, 5000),
            _ => (1, 900),
        };
        let n = self.number(lo, hi, 1);
        self.out.push_str(&n);
        self.out.push_str(unit);
    }

    fn percent(&mut self) {
        if self.rng.chance(2) {
            let n = self.rng.range(11, 99);
            let s = self.chinese(n);
            self.out.push_str("百分之");
            self.out.push_str(&s);
            return;
        }
        let n = self.number(1, 60, 1);
        self.out.push_str(&n);
        self.out.push(if self.rng.chance(4) { '％' } else { '%' });
    }

    fn year(&mut self) {
        let y = self.rng.range(2018, 2026);
        self.out.push_str(&format!("{y}年"));
    }

    fn date(&mut self) {
        match self.rng.below(12) {
            0 | 1 => self.year(),
            2 => {
                self.year();
                let m = self.rng.range(1, 12);
                self.out.push_str(&format!("{m}月"));
            }
            3 => {
                self.year();
                let q = *self.rng.pick(QUARTERS);
                self.out.push_str(q);
            }
            4 => self.out.push_str("今年以来"),
            5 => self.out.push_str(if self.rng.chance(50) { "去年" } else { "上半年" }),
            6 => {
                let m = self.rng.range(2, 11);
                self.out.push_str(&format!("1—{m}月"));
            }
            7 => {
                let m = self.rng.range(3, 12);
                self.out.push_str(&format!("截至{m}月底"));
            }
            8 => {
                let q = *self.rng.pick(QUARTERS);
                self.out.push_str(q);
            }
            9 => {
                let (m, d) = (self.rng.range(1, 12), self.rng.range(1, 28));
                self.out.push_str(&format!("{m}月{d}日"));
            }
            10 => {
                self.year();
                let (m, d) = (self.rng.range(1, 12), self.rng.range(1, 28));
                self.out.push_str(&format!("{m}月{d}日"));
            }
            _ => {
                let y = self.rng.range(2018, 2023);
                self.out.push_str(&format!("{y}—{}年", y + self.rng.range(1, 3)));
            }
        }
    }

    /// Expands one template into `out`.
    fn expand(&mut self, template: &str) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.push_text(&rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed slot");
            let slot = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let (name, arg) = slot.split_once(':').unwrap_or((slot, ""));
            match name {
                "Z" => {
                    let z = if self.rng.chance(20) { self.new_zone() } else { self.zone.clone() };
                    self.out.push_str(&z);
                }
                "z" => {
                    if self.rng.chance(30) {
                        let z = self.zone.clone();
                        self.out.push_str(&z);
                    } else {
                        let r = *self.rng.pick(SHORT_REFS);
                        self.out.push_str(r);
                    }
                }
                "P" => {
                    let p = self.platform(arg == "基金");
                    self.out.push_str(&p);
                }
                "co" => {
                    let c = self.company();
                    self.out.push_str(&c);
                }
                "dom" => {
                    let d = *self.rng.pick(DOMAINS);
                    self.out.push_str(d);
                }
                "ind" => {
                    let d = *self.rng.pick(INDICATORS);
                    self.out.push_str(d);
                }
                "theme" => {
                    let d = *self.rng.pick(THEMES);
                    self.out.push_str(d);
                }
                "name" => {
                    let p = self.person();
                    self.out.push_str(&p);
                }
                "M" | "m" | "Mw" | "U" => self.money(name),
                "n" => self.count(arg),
                "q" => self.measure(arg),
                "R" => self.percent(),
                "pp" => {
                    let n = self.number(1, 90, 1);
                    self.out.push_str(&n);
                    self.out.push_str("个百分点");
                }
                "D" => self.date(),
                "Y" => self.year(),
                "YM" => {
                    self.year();
                    let m = self.rng.range(1, 12);
                    self.out.push_str(&format!("{m}月"));
                }
                "MD" => {
                    let (m, d) = (self.rng.range(1, 12), self.rng.range(1, 28));
                    self.out.push_str(&format!("{m}月{d}日"));
                }
                "Qt" => {
                    let q = *self.rng.pick(QUARTERS);
                    self.out.push_str(q);
                }
                "Rng" => {
                    let m = self.rng.range(2, 11);
                    let dash = if self.rng.chance(70) { "—" } else { "-" };
                    self.out.push_str(&format!("1{dash}{m}月"));
                }
                "cn" => {
                    let n = self.rng.range(2, 9);
                    self.out.push_str(CN_DIGITS[n as usize]);
                }
                "cnp" => {
                    let n = self.rng.range(2, 9) * 10;
                    let s = self.chinese(n);
                    self.out.push_str(&s);
                }
                other => panic!("unknown slot {other}"),
            }
        }
        self.push_text(rest);
    }

    /// Literal template text, with the article's comma style.
    fn push_text(&mut self, s: &str) {
        if self.comma == "，" {
            self.out.push_str(s);
        } else {
            self.out.push_str(&s.replace('，', self.comma));
        }
    }

    fn line_end(&mut self) {
        match self.rng.below(20) {
            0..=13 => self.out.push('\n'),
            14..=16 => self.out.push_str("\r\n"),
            _ => self.out.push_str("\n\n"),
        }
    }

    /// One paragraph of 2–5 sentences; about three in five sentences are
    /// filler without figures.
    fn paragraph(&mut self) {
        let start = self.out.len();
        for _ in 0..self.rng.range(2, 5) {
            if self.rng.chance(58) {
                let t = *self.rng.pick(FILLER);
                self.expand(t);
            } else {
                let t = *self.rng.pick(FACTS);
                self.expand(t);
            }
        }
        // A few paragraphs are broken by a stray line break (PDF copy).
        if self.rng.chance(4) {
            let para = &self.out[start..];
            let chars = para.chars().count() as u64;
            if chars > 4 {
                let k = self.rng.range(1, chars - 1) as usize;
                if let Some((i, _)) = para.char_indices().nth(k) {
                    self.out.insert(start + i, '\n');
                }
            }
        }
        self.line_end();
    }

    /// One report: title, maybe a byline, paragraphs up to about `bytes`.
    fn report(&mut self, bytes: usize) {
        let start = self.out.len();
        self.zone = self.new_zone();
        self.comma = if self.rng.chance(50) { "，" } else { "," };
        let t = *self.rng.pick(TITLES);
        self.expand(t);
        self.out.push_str("\n\n");
        if self.rng.chance(60) {
            let b = *self.rng.pick(BYLINES);
            self.expand(b);
            self.out.push_str("\n\n");
        }
        while self.out.len() - start < bytes {
            self.paragraph();
        }
    }

    /// One article of about `bytes` bytes: a single report, or (one in four)
    /// a page with a header and two or three reports.
    pub fn article(&mut self, bytes: usize) -> String {
        self.out.clear();
        if self.rng.chance(25) {
            let h = *self.rng.pick(PAGE_HEADS);
            self.out.push_str(h);
            self.out.push_str("\n\n");
            let n = self.rng.range(2, 3) as usize;
            for _ in 0..n {
                self.report(bytes / n);
                self.out.push('\n');
            }
        } else {
            self.report(bytes);
        }
        std::mem::take(&mut self.out)
    }
}

/// Articles of about 3 KB each (between 1.5 and 4.5 KB) until their total
/// reaches `total_bytes`.
pub fn articles(total_bytes: usize, seed: u64) -> Vec<String> {
    let mut g = Gen::new(seed);
    let mut v = Vec::new();
    let mut n = 0;
    while n < total_bytes {
        let size = g.rng.range(1500, 4500) as usize;
        let a = g.article(size);
        n += a.len();
        v.push(a);
    }
    v
}

/// One string of exactly `bytes` bytes or a little less (cut on a char
/// boundary): articles separated by blank lines.
pub fn text(bytes: usize, seed: u64) -> String {
    let mut s = articles(bytes, seed).join("\n\n");
    let mut cut = bytes.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

/// One article of about `chars` characters.
pub fn article_chars(chars: usize, seed: u64) -> String {
    let mut g = Gen::new(seed);
    // Chinese text is about 3 bytes a character.
    let mut a = g.article(chars * 3);
    let cut = a.char_indices().nth(chars).map_or(a.len(), |(i, _)| i);
    // End on a sentence if one ends near the cut.
    let end = a[..cut].rfind('。').map_or(cut, |i| i + '。'.len_utf8());
    a.truncate(if cut - end < 300 { end } else { cut });
    a
}
