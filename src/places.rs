//! A small gazetteer: provinces, regions and major cities of China, and a
//! few countries that name cooperation parks. Zone rules use it where a
//! suffix alone is too generic (`示范区`), and to tell two adjacent names
//! apart (`…合作区扬州化工园区`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

const PLACES: &[&str] = &[
    // Provinces and their usual short forms.
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门", // Regions.
    "长三角", "珠三角", "京津冀", "粤港澳", "大湾区", "成渝", "川渝", "湘南", "湘西", "苏南", "苏北", "苏中", "浙东",
    "浙西", "皖江", "关中", "中原", "东北", "西北", "西南", "华东", "华南", "华北", "华中", "海峡两岸", "两岸",
    "环渤海", "北部湾", "长江", "黄河", "滨海", "西海岸", // Provincial capitals and other large cities.
    "石家庄", "太原", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州", "南昌", "济南", "郑州", "武汉", "长沙",
    "广州", "海口", "成都", "贵阳", "昆明", "西安", "兰州", "西宁", "呼和浩特", "南宁", "拉萨", "银川", "乌鲁木齐",
    "深圳", "大连", "青岛", "宁波", "厦门", "苏州", "无锡", "常州", "南通", "扬州", "镇江", "泰州", "徐州", "盐城",
    "淮安", "连云港", "宿迁", "温州", "嘉兴", "湖州", "绍兴", "金华", "台州", "舟山", "衢州", "丽水", "芜湖", "蚌埠",
    "马鞍山", "安庆", "滁州", "阜阳", "宿州", "六安", "亳州", "铜陵", "池州", "宣城", "黄山", "淮南", "淮北", "泉州",
    "漳州", "莆田", "三明", "龙岩", "南平", "宁德", "九江", "赣州", "吉安", "宜春", "抚州", "上饶", "景德镇", "萍乡",
    "新余", "鹰潭", "烟台", "潍坊", "淄博", "威海", "日照", "临沂", "济宁", "泰安", "德州", "聊城", "滨州", "东营",
    "菏泽", "枣庄", "洛阳", "开封", "新乡", "许昌", "南阳", "安阳", "焦作", "平顶山", "宜昌", "襄阳", "荆州", "黄石",
    "十堰", "孝感", "荆门", "鄂州", "黄冈", "咸宁", "随州", "株洲", "湘潭", "衡阳", "岳阳", "常德", "益阳", "郴州",
    "永州", "怀化", "娄底", "邵阳", "张家界", "珠海", "佛山", "东莞", "中山", "惠州", "江门", "汕头", "湛江", "肇庆",
    "茂名", "韶关", "清远", "揭阳", "三亚", "绵阳", "德阳", "宜宾", "泸州", "南充", "乐山", "自贡", "遂宁", "内江",
    "达州", "广安", "雅安", "眉山", "攀枝花", "遵义", "六盘水", "安顺", "曲靖", "玉溪", "宝鸡", "咸阳", "渭南", "榆林",
    "延安", "汉中", "天水", "酒泉", "白银", "包头", "鄂尔多斯", "赤峰", "通辽", "柳州", "桂林", "北海", "钦州",
    "防城港", "梧州", "克拉玛依", "石河子", "昌吉", "库尔勒", "喀什", "唐山", "保定", "廊坊", "邯郸", "沧州", "秦皇岛",
    "承德", "张家口", "邢台", "衡水", "大同", "长治", "晋中", "鞍山", "抚顺", "本溪", "营口", "锦州", "丹东", "盘锦",
    "铁岭", "四平", "吉林市", "齐齐哈尔", "大庆", "牡丹江", "佳木斯", "绥化", "昆山", "江阴", "张家港", "常熟", "义乌",
    "慈溪", "晋江", "石狮", "武进", "吴中", "吴江", "江宁", "萧山", "余杭", "滨江", "浦东", "闵行", "松江", "青浦",
    "嘉定", "张江", "漕河泾", "临港", "天府", "两江", "南沙", "前海", "横琴", "雄安", "江北", "高竹", "头屯河",
    "和林格尔", "托克托", "清水河", "武川", "土默特", "扬中", "宁乡", "东湖", "吴江", "昆明", "鲤城", "丰泽", "洛江",
    // Countries that name cooperation parks.
    "中国", "以色列", "新加坡", "德国", "中德", "中以", "中新", "中欧", "中日", "中韩", "中俄", "中法", "东盟",
    "中东欧",
];

static GAZETTEER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(PLACES)
        .unwrap_or_else(|e| panic!("gazetteer does not compile: {e}"))
});

/// Whether `s` starts with a known place name.
pub(crate) fn starts_with_place(s: &str) -> bool {
    GAZETTEER.find(Input::new(s).anchored(Anchored::Yes)).is_some()
}

/// Where the first place name in `s` starts.
pub(crate) fn first_place(s: &str) -> Option<usize> {
    GAZETTEER.find(s).map(|m| m.start())
}

/// The byte spans of the place names in `s`.
pub(crate) fn place_spans(s: &str) -> Vec<(usize, usize)> {
    GAZETTEER.find_iter(s).map(|m| (m.start(), m.end())).collect()
}

/// Whether `s` contains a known place name.
pub(crate) fn contains_place(s: &str) -> bool {
    GAZETTEER.find(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places() {
        assert!(starts_with_place("扬州化工园区"));
        assert!(starts_with_place("长三角生态绿色"));
        assert!(!starts_with_place("精细化工园区"));
        assert!(contains_place("福建泉州国家自主创新"));
        assert!(!contains_place("智能网联汽车"));
    }
}
