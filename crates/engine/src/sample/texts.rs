//! What people write in the records: titles, tags, notes, summaries, subjects.

pub(super) const DECISION_TITLES: &[&str] = &["总经理", "老板", "采购总监", "董事长", "副总经理"];
pub(super) const TITLES: &[&str] = &[
    "采购经理",
    "采购专员",
    "项目经理",
    "财务主管",
    "仓库主管",
    "工程部经理",
    "技术负责人",
    "行政主管",
    "材料员",
];
pub(super) const ENGLISH_DECISION_TITLES: &[&str] = &[
    "General Manager",
    "Purchasing Director",
    "Managing Director",
    "Owner",
];
pub(super) const ENGLISH_TITLES: &[&str] = &[
    "Purchasing Manager",
    "Buyer",
    "Project Manager",
    "Finance Manager",
    "Warehouse Supervisor",
    "Operations Manager",
];

pub(super) const PAYMENT_TAGS: &[&str] = &["月结", "现款现货", "账期60天"];
pub(super) const OTHER_TAGS: &[&str] = &[
    "价格敏感",
    "工程项目",
    "二级经销商",
    "年度框架协议",
    "自提",
    "需开专票",
    "旺季集中采购",
];

pub(super) const CUSTOMER_NOTES: &[&str] = &[
    "年底集中采购，需提前备货",
    "付款及时，信用良好",
    "对价格敏感，常与同行比价",
    "老板亲自拍板，采购只执行",
    "有自己的车队，常自提",
    "项目制采购，用量波动较大",
    "要求送货前一天电话确认",
    "财务每月25日对账",
];

pub(super) const CONTACT_NOTES: &[&str] = &[
    "喜欢喝茶，不抽烟",
    "周一上午开例会，勿打扰",
    "孩子今年高考",
    "湖南老乡",
    "爱好钓鱼",
    "习惯微信语音沟通",
    "非常看重准时交付",
];

pub(super) const VISIT: &[&str] = &[
    "拜访采购部，了解下季度用量",
    "上门拜访老板，介绍新品",
    "陪同技术人员现场查看施工问题",
    "到工地确认到货情况",
    "与财务对账，顺便拜访采购经理",
];
pub(super) const CALL: &[&str] = &[
    "电话确认发货时间",
    "电话跟进报价",
    "电话催收上月货款",
    "电话了解产品使用反馈",
    "电话通知价格调整",
];
pub(super) const MESSAGE: &[&str] = &[
    "微信发送新品资料",
    "微信确认订单明细",
    "微信发送对账单",
    "短信通知到货",
    "微信沟通送货时间",
];
pub(super) const SPRING_GIFT: &[&str] = &["春节前送年货礼盒", "送公司新年台历和对联"];
pub(super) const AUTUMN_GIFT: &[&str] = &["中秋节送月饼礼盒", "中秋节送水果礼盒"];
pub(super) const EVENT: &[&str] = &[
    "邀请参加新品发布会",
    "邀请参加年度客户答谢会",
    "组织客户参观工厂",
    "邀请参加行业展会",
];
pub(super) const SPRING_GREETING: &[&str] = &["春节问候", "新春拜年", "元宵节问候"];
pub(super) const GREETING: &[&str] = &["生日祝福", "国庆节问候", "端午节问候"];
pub(super) const RETURN_VISIT: &[&str] = &[
    "售后回访，客户表示满意",
    "投诉处理后回访",
    "新品试用回访",
    "季度满意度回访",
];
pub(super) const WIN_BACK: &[&str] = &["挽回拜访，了解停止采购的原因", "电话联系，邀请恢复合作"];

pub(super) const COMPLAINT_CHANNELS: &[&str] = &["电话", "微信", "邮件", "现场", "客户经理转达"];
pub(super) const COMPLAINT_SUBJECTS: &[&str] = &[
    "送货延迟",
    "包装破损",
    "发票开错",
    "产品质量问题：批次色差",
    "数量短缺",
    "价格与合同不符",
    "送货司机态度差",
    "错发型号",
    "售后响应慢",
    "对账金额不一致",
    "产品规格与样品不符",
    "退货处理慢",
];
pub(super) const RESOLUTIONS: &[&str] = &[
    "补发货物并承担运费",
    "重新开具发票",
    "退换问题批次并给予折让",
    "调整配送时间窗口",
    "更换送货司机并当面致歉",
    "核对账目后更正",
    "派技术人员到现场处理",
    "下次订货给予优惠补偿",
];

pub(super) const COMPETITOR: &[&str] = &[
    "竞争对手报价低约8%，已上门拜访采购",
    "听说客户在试用其他供应商的产品",
    "竞品业务员频繁出入客户工地",
];
pub(super) const PRICE: &[&str] = &[
    "要求下调单价5%，否则减少采购",
    "采购反映我方价格偏高",
    "要求把账期延长到90天",
];
pub(super) const PROCUREMENT: &[&str] = &[
    "客户成立集中采购部，改为年度招标",
    "采购负责人更换，新负责人不熟悉我方",
    "改为在线平台比价采购",
];
pub(super) const STRATEGY: &[&str] = &[
    "客户业务转型，减少工程项目",
    "客户计划自建仓库，减少外采",
    "客户总部迁往外地",
];
pub(super) const CRISIS: &[&str] = &[
    "客户资金紧张，回款周期拉长",
    "客户主要项目停工",
    "客户涉及诉讼，账户被冻结",
];
pub(super) const OTHER_SIGNALS: &[&str] = &["客户关键联系人离职", "客户对近期服务有抱怨"];

pub(super) const ORDER_BEFORE_FESTIVAL: &str = "年前备货";
pub(super) const ORDER_PROJECT: &str = "工程项目大单";

pub(super) const WINBACK_PLANS: &[&str] = &[
    "主管带客户经理上门道歉，核对近一年的问题清单，逐条给出解决时间",
    "重新报价：常用品类给三个月阶梯价，账期恢复到 60 天",
    "换一位熟悉该行业的客户经理对接，先恢复小批量试单",
    "请技术人员现场解决遗留的质量问题，再谈恢复供货",
];
pub(super) const WINBACK_ACTIONS: &[&str] = &[
    "上门拜访采购负责人，了解真实原因",
    "发送新的报价单和供货方案",
    "安排技术人员到现场处理遗留问题",
    "邀请客户参观仓库和新品展厅",
    "主管电话回访，确认客户意向",
    "寄送样品，争取小批量试单",
];
pub(super) const WINBACK_WHY_NOT: &[&str] = &[
    "客户已与竞争对手签了一年的框架协议",
    "客户采购改为集团统一招标，我们不在名录内",
    "价格差距太大，客户不愿再谈",
    "客户项目结束，暂时没有需求",
];
pub(super) const WINBACK_LESSONS: &[&str] = &[
    "价格上涨前应提前一个月告知重点客户，并给出替代方案",
    "客户经理离职后交接不及时，客户两个月没人联系",
    "投诉处理后没有回访，小问题拖成了大问题",
    "只盯着采购经理，没有和使用部门建立联系",
];
