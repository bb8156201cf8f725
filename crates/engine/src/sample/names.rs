//! Names, places and trades for a building-materials and industrial-supplies distributor.

use super::dice::Dice;

/// A sales region (大区) with its share of customers, its cities and, for English
/// company names, some of those cities in pinyin.
pub(super) struct Region {
    pub name: &'static str,
    pub weight: f64,
    pub cities: &'static [&'static str],
    pub latin: &'static [&'static str],
}

pub(super) const REGIONS: &[Region] = &[
    Region {
        name: "华东",
        weight: 0.30,
        cities: &[
            "杭州", "上海", "苏州", "南京", "宁波", "合肥", "济南", "青岛", "福州", "厦门", "无锡",
            "温州", "绍兴", "常州", "嘉兴",
        ],
        latin: &[
            "Shanghai", "Hangzhou", "Suzhou", "Ningbo", "Xiamen", "Qingdao",
        ],
    },
    Region {
        name: "华南",
        weight: 0.20,
        cities: &[
            "广州", "深圳", "东莞", "佛山", "南宁", "海口", "珠海", "中山", "惠州", "汕头",
        ],
        latin: &["Guangzhou", "Shenzhen", "Dongguan", "Foshan", "Zhuhai"],
    },
    Region {
        name: "华北",
        weight: 0.15,
        cities: &[
            "北京",
            "天津",
            "石家庄",
            "太原",
            "呼和浩特",
            "唐山",
            "保定",
            "廊坊",
            "沧州",
        ],
        latin: &["Beijing", "Tianjin", "Tangshan"],
    },
    Region {
        name: "华中",
        weight: 0.12,
        cities: &[
            "武汉", "长沙", "郑州", "南昌", "宜昌", "洛阳", "襄阳", "株洲", "九江",
        ],
        latin: &["Wuhan", "Changsha", "Zhengzhou"],
    },
    Region {
        name: "西南",
        weight: 0.11,
        cities: &["成都", "重庆", "昆明", "贵阳", "绵阳", "遵义", "南充"],
        latin: &["Chengdu", "Chongqing", "Kunming"],
    },
    Region {
        name: "西北",
        weight: 0.06,
        cities: &["西安", "兰州", "银川", "西宁", "乌鲁木齐", "宝鸡"],
        latin: &["Xi'an", "Lanzhou"],
    },
    Region {
        name: "东北",
        weight: 0.06,
        cities: &["沈阳", "大连", "长春", "哈尔滨", "鞍山", "吉林"],
        latin: &["Dalian", "Shenyang", "Harbin"],
    },
];

/// A customer trade: its share of the book, the words a company in it uses in its name
/// (Chinese and English), and how big and how frequent its orders tend to be.
pub(super) struct Industry {
    pub name: &'static str,
    pub weight: f64,
    pub words: &'static [&'static str],
    pub english: &'static [&'static str],
    /// Order size relative to the book's average.
    pub scale: f64,
    /// Typical unit price in yuan, for quantities.
    pub unit_price: (f64, f64),
}

pub(super) const INDUSTRIES: &[Industry] = &[
    Industry {
        name: "建筑施工",
        weight: 0.17,
        words: &["建筑工程", "建设", "建工"],
        english: &["Construction", "Engineering"],
        scale: 1.6,
        unit_price: (20.0, 400.0),
    },
    Industry {
        name: "装饰装修",
        weight: 0.15,
        words: &["装饰工程", "装饰设计", "装饰"],
        english: &["Interiors", "Decoration"],
        scale: 0.8,
        unit_price: (15.0, 300.0),
    },
    Industry {
        name: "建材贸易",
        weight: 0.10,
        words: &["建材", "建材贸易", "商贸"],
        english: &["Building Materials", "Trading"],
        scale: 1.2,
        unit_price: (10.0, 200.0),
    },
    Industry {
        name: "五金零售",
        weight: 0.10,
        words: &["五金", "五金机电", "建材五金"],
        english: &["Hardware", "Tools"],
        scale: 0.5,
        unit_price: (5.0, 120.0),
    },
    Industry {
        name: "机械制造",
        weight: 0.09,
        words: &["机械", "机械制造", "重工"],
        english: &["Machinery", "Industrial"],
        scale: 1.3,
        unit_price: (30.0, 800.0),
    },
    Industry {
        name: "家具制造",
        weight: 0.08,
        words: &["家具", "木业", "家居"],
        english: &["Furniture", "Woodworks"],
        scale: 0.9,
        unit_price: (20.0, 300.0),
    },
    Industry {
        name: "房地产开发",
        weight: 0.06,
        words: &["房地产开发", "置业"],
        english: &["Properties", "Development"],
        scale: 2.0,
        unit_price: (30.0, 500.0),
    },
    Industry {
        name: "市政工程",
        weight: 0.06,
        words: &["市政工程", "路桥工程"],
        english: &["Civil Works", "Infrastructure"],
        scale: 1.8,
        unit_price: (25.0, 450.0),
    },
    Industry {
        name: "物流仓储",
        weight: 0.05,
        words: &["物流", "仓储物流", "供应链"],
        english: &["Logistics", "Supply Chain"],
        scale: 0.7,
        unit_price: (10.0, 150.0),
    },
    Industry {
        name: "食品加工",
        weight: 0.05,
        words: &["食品", "食品加工"],
        english: &["Foods", "Food Processing"],
        scale: 0.7,
        unit_price: (10.0, 200.0),
    },
    Industry {
        name: "电子制造",
        weight: 0.05,
        words: &["电子", "电子科技"],
        english: &["Electronics", "Technology"],
        scale: 1.0,
        unit_price: (5.0, 300.0),
    },
    Industry {
        name: "酒店餐饮",
        weight: 0.04,
        words: &["酒店管理", "餐饮管理"],
        english: &["Hospitality", "Hotels"],
        scale: 0.6,
        unit_price: (10.0, 200.0),
    },
];

/// Trades a person customer (个人客户) works in: small contractors and shopkeepers.
pub(super) const PERSON_INDUSTRIES: &[usize] = &[1, 1, 1, 3, 3, 2];

/// Trade names (字号): generic two-character words, none a well-known brand.
const TRADE_NAMES: &[&str] = &[
    "宏达", "恒通", "鑫源", "华盛", "永利", "金鼎", "瑞丰", "德隆", "天成", "众诚", "万和", "嘉禾",
    "盛世", "联创", "海川", "安泰", "宝丰", "恒昌", "兴业", "凯旋", "福瑞", "立信", "汇通", "博远",
    "鼎盛", "长青", "东升", "远航", "新鸿", "和信", "广源", "泰和", "金诚", "顺发", "华美", "利达",
    "昌盛", "荣昌", "大成", "盛达", "永兴", "天瑞", "恒信", "通达", "同创", "佳和", "合力", "鸿运",
    "信达", "明德", "百川", "聚源", "金桥", "瑞祥", "锦程", "华通", "永盛", "恒泰", "益丰", "亿达",
    "建华", "德鑫", "宏远", "祥和", "金泰", "中联", "启航", "天力", "骏达", "茂源", "华宇", "兴隆",
    "金盛", "宏图", "恒达", "润通", "润丰", "鑫盛", "鑫达", "旭日", "金辉", "千禾", "万隆", "明辉",
    "恒基", "海纳", "安达", "庆丰", "福达", "春晖", "瑞昌", "志成", "正和", "嘉信", "鹏程", "银河",
];

const COMPANY_SUFFIXES: &[(&str, f64)] = &[
    ("有限公司", 0.84),
    ("股份有限公司", 0.05),
    ("集团有限公司", 0.05),
    ("有限责任公司", 0.06),
];

const ENGLISH_WORDS: &[&str] = &[
    "Blue Harbor",
    "Golden Bridge",
    "Pacific Rim",
    "Silver Oak",
    "Northstar",
    "Red Maple",
    "Evergreen",
    "Summit",
    "Harbor Point",
    "Eastern Pearl",
    "Jade River",
    "Crescent",
    "Orient Star",
    "Sunrise",
    "Greenfield",
    "Stonebridge",
    "Ironwood",
    "Clearwater",
    "Lotus",
    "Phoenix",
    "Dragon Gate",
    "Bright Future",
    "Unity",
    "Prime",
    "Apex",
    "Coastal",
    "Grand Canal",
    "Silk Road",
    "Twin Rivers",
    "Westlake",
    "Pearl River",
    "Three Rivers",
    "Maple Leaf",
    "Cedar",
    "Horizon",
    "Keystone",
    "Landmark",
    "Milestone",
    "Redwood",
    "Seabright",
];

const ENGLISH_SUFFIXES: &[&str] = &[
    "Co., Ltd.",
    "Co.",
    "Ltd.",
    "Inc.",
    "Group",
    "International Ltd.",
];

/// Common surnames, most frequent first, with rough relative frequencies.
const SURNAMES: &[(&str, f64)] = &[
    ("王", 7.1),
    ("李", 7.0),
    ("张", 6.7),
    ("刘", 5.4),
    ("陈", 4.5),
    ("杨", 3.1),
    ("黄", 2.2),
    ("赵", 2.0),
    ("吴", 1.8),
    ("周", 1.7),
    ("徐", 1.3),
    ("孙", 1.2),
    ("马", 1.1),
    ("朱", 1.1),
    ("胡", 1.0),
    ("郭", 1.0),
    ("何", 0.9),
    ("高", 0.9),
    ("林", 0.9),
    ("罗", 0.8),
    ("郑", 0.8),
    ("梁", 0.7),
    ("谢", 0.6),
    ("宋", 0.5),
    ("唐", 0.5),
    ("许", 0.5),
    ("韩", 0.5),
    ("冯", 0.5),
    ("邓", 0.5),
    ("曹", 0.5),
    ("彭", 0.4),
    ("曾", 0.4),
    ("肖", 0.4),
    ("田", 0.4),
    ("董", 0.4),
    ("袁", 0.4),
    ("潘", 0.3),
    ("于", 0.3),
    ("蒋", 0.3),
    ("蔡", 0.3),
    ("余", 0.3),
    ("杜", 0.3),
    ("叶", 0.3),
    ("程", 0.3),
    ("苏", 0.3),
    ("魏", 0.3),
    ("吕", 0.3),
    ("丁", 0.3),
    ("任", 0.3),
    ("沈", 0.3),
    ("姚", 0.2),
    ("卢", 0.2),
    ("姜", 0.2),
    ("崔", 0.2),
    ("钟", 0.2),
    ("谭", 0.2),
    ("陆", 0.2),
    ("汪", 0.2),
    ("范", 0.2),
    ("金", 0.2),
    ("石", 0.2),
    ("廖", 0.2),
    ("贾", 0.2),
    ("夏", 0.2),
    ("韦", 0.2),
    ("方", 0.2),
    ("白", 0.2),
    ("邹", 0.2),
    ("孟", 0.2),
    ("熊", 0.2),
    ("秦", 0.2),
    ("邱", 0.2),
    ("江", 0.2),
    ("尹", 0.2),
    ("薛", 0.2),
    ("段", 0.1),
    ("雷", 0.1),
    ("侯", 0.1),
    ("龙", 0.1),
    ("史", 0.1),
    ("欧阳", 0.05),
    ("司马", 0.02),
    ("诸葛", 0.02),
];

const GIVEN_NAMES: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "文博",
    "子涵", "浩然", "雨萱", "俊杰", "欣怡", "宇航", "思远", "嘉怡", "国庆", "建国", "红梅", "玉兰",
    "春生", "立新", "志刚", "永强", "建军", "海涛", "晓燕", "丹", "鹏", "辉", "斌", "婷", "雪",
    "琳", "浩", "宁", "凯", "倩", "亮", "健", "瑶", "帆", "佳", "晨", "振华", "卫东", "德明",
    "秋菊", "金凤", "学军", "小龙", "家豪", "梓轩", "一鸣", "子怡", "天佑", "红霞", "春燕", "爱华",
    "少波",
];

const PINYIN_SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
    "Lin", "Guo", "He", "Gao", "Luo", "Zheng", "Liang",
];

const ENGLISH_GIVEN: &[&str] = &[
    "David", "Linda", "Michael", "Jennifer", "Kevin", "Grace", "Tony", "Cindy", "Jason", "Amy",
    "Eric", "Vivian", "Peter", "Helen", "Frank", "Lily", "Steven", "Emma", "Leo", "Sophie",
];

const WESTERN_NAMES: &[&str] = &[
    "James Miller",
    "Sarah Johnson",
    "Robert Brown",
    "Anna Schmidt",
    "Thomas Wright",
    "Laura Bennett",
    "Daniel Kim",
    "Maria Santos",
    "Oliver Hughes",
    "Priya Nair",
];

pub(super) fn region_weights() -> Vec<f64> {
    REGIONS.iter().map(|r| r.weight).collect()
}

pub(super) fn industry_weights() -> Vec<f64> {
    INDUSTRIES.iter().map(|i| i.weight).collect()
}

/// 杭州宏达建材有限公司: city, trade name, trade words, legal form.
pub(super) fn chinese_company(dice: &mut Dice, region: usize, industry: usize) -> String {
    let city = dice.pick(REGIONS[region].cities);
    let trade = dice.pick(TRADE_NAMES);
    let words = dice.pick(INDUSTRIES[industry].words);
    let suffix = dice.pick_weighted(COMPANY_SUFFIXES);
    format!("{city}{trade}{words}{suffix}")
}

/// A branch name, for when a company name is already taken: 杭州宏达建材有限公司萧山分公司.
pub(super) fn branch(dice: &mut Dice, name: &str, region: usize) -> String {
    format!("{name}{}分公司", dice.pick(REGIONS[region].cities))
}

/// Blue Harbor Trading Co., sometimes with its home city in front.
pub(super) fn english_company(dice: &mut Dice, region: usize, industry: usize) -> String {
    let words = dice.pick(ENGLISH_WORDS);
    let trade = dice.pick(INDUSTRIES[industry].english);
    let suffix = dice.pick(ENGLISH_SUFFIXES);
    if dice.chance(0.3) {
        format!(
            "{} {words} {trade} {suffix}",
            dice.pick(REGIONS[region].latin)
        )
    } else {
        format!("{words} {trade} {suffix}")
    }
}

/// A Chinese full name: 张伟, 欧阳晓东.
pub(super) fn person(dice: &mut Dice) -> String {
    let surname = dice.pick_weighted(SURNAMES);
    format!("{surname}{}", dice.pick(GIVEN_NAMES))
}

/// A contact at a foreign-trade company: mostly "David Chen", sometimes a Western name.
pub(super) fn english_person(dice: &mut Dice) -> String {
    if dice.chance(0.2) {
        dice.pick(WESTERN_NAMES).to_string()
    } else {
        format!(
            "{} {}",
            dice.pick(ENGLISH_GIVEN),
            dice.pick(PINYIN_SURNAMES)
        )
    }
}

/// A web domain made from an English company name: "Blue Harbor Trading Co." → blueharbor.com.
pub(super) fn domain(company: &str) -> String {
    let core: String = company
        .split_whitespace()
        .take(2)
        .flat_map(|w| w.chars())
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    format!("{core}.com")
}

/// A Chinese mobile number: 11 digits starting 13x–19x.
pub(super) fn mobile(dice: &mut Dice) -> String {
    format!(
        "1{}{}",
        dice.pick(&["3", "5", "7", "8", "9"]),
        dice.digits(9)
    )
}
