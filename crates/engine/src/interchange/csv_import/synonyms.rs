//! The header texts people use for each field, in Chinese and English. The first of each
//! list is the header the CSV export writes, so an exported file always maps back.

use super::fields::{ImportField, ImportKind};
use super::words::Language;

type Names = (&'static [&'static str], &'static [&'static str]);

const CUSTOMER: Names = (
    &[
        "客户名称",
        "客户",
        "客户名",
        "客户全称",
        "公司名称",
        "公司",
        "单位名称",
        "企业名称",
        "所属客户",
        "所属公司",
    ],
    &[
        "Customer",
        "Customer name",
        "Company",
        "Company name",
        "Client",
        "Account",
        "Account name",
    ],
);
const CUSTOMER_NAME: Names = (
    &[
        "客户名称",
        "客户",
        "客户名",
        "客户全称",
        "公司名称",
        "公司",
        "单位名称",
        "企业名称",
        "名称",
    ],
    &[
        "Name",
        "Customer",
        "Customer name",
        "Company",
        "Company name",
        "Client",
        "Account",
        "Account name",
    ],
);
const CONTACT_NAME: Names = (
    &["联系人", "联系人姓名", "姓名", "名字"],
    &["Name", "Contact", "Contact name", "Full name"],
);
const STAFF_NAME: Names = (
    &["姓名", "员工姓名", "员工", "名字", "名称"],
    &["Name", "Staff", "Employee", "Full name"],
);
const NOTES: Names = (
    &["备注", "说明", "附注"],
    &["Notes", "Note", "Remarks", "Comment", "Comments"],
);
const STAFF_OF_ORDER: Names = (
    &[
        "业务员",
        "销售",
        "销售员",
        "销售代表",
        "经办人",
        "负责人",
        "客户经理",
    ],
    &[
        "Staff",
        "Salesperson",
        "Sales rep",
        "Rep",
        "Account manager",
        "Owner",
    ],
);

/// The header synonyms of a field in a kind of file: `(Chinese, English)`.
pub(crate) fn synonyms(kind: ImportKind, field: ImportField) -> Names {
    use ImportField as F;
    use ImportKind as K;
    match (kind, field) {
        (K::Customers, F::Name) => CUSTOMER_NAME,
        (K::Contacts, F::Name) => CONTACT_NAME,
        (K::Staff | K::Orders | K::Interactions, F::Name) => STAFF_NAME,
        (_, F::Customer) => CUSTOMER,
        (_, F::Kind) => (
            &["客户类型", "类型", "客户性质", "性质"],
            &["Type", "Customer type", "Kind"],
        ),
        (_, F::Industry) => (&["行业", "所属行业", "行业类别"], &["Industry", "Sector"]),
        (_, F::Region) => (
            &["地区", "区域", "省份", "城市", "所在地区", "省市", "片区"],
            &["Region", "Area", "Province", "City", "Territory"],
        ),
        (_, F::Tier) => (
            &["客户级别", "级别", "等级", "客户等级", "分级", "客户分级"],
            &["Tier", "Level", "Grade", "Class", "Customer tier"],
        ),
        (_, F::Tags) => (&["标签", "客户标签"], &["Tags", "Tag", "Labels"]),
        (_, F::Status) => (&["客户状态", "状态"], &["Status", "Customer status"]),
        (_, F::Since) => (
            &[
                "成为客户日期",
                "合作开始日期",
                "开始合作",
                "建档日期",
                "首次合作日期",
                "合作日期",
                "开始合作日期",
                "创建日期",
                "录入日期",
            ],
            &[
                "Customer since",
                "Since",
                "Start date",
                "Created",
                "Created on",
            ],
        ),
        (_, F::Owner) => (
            &[
                "负责人",
                "客户经理",
                "业务员",
                "销售",
                "销售代表",
                "跟进人",
                "归属人",
                "所属销售",
            ],
            &[
                "Owner",
                "Account manager",
                "Sales rep",
                "Salesperson",
                "Rep",
            ],
        ),
        (_, F::CannotLose) => (
            &["重点保护客户", "不能丢", "重点保护", "重点客户"],
            &["Cannot lose", "Must keep", "Key account"],
        ),
        (_, F::Locked) => (&["锁定", "锁定客户", "是否锁定"], &["Locked", "Lock"]),
        (_, F::Referrals) => (
            &["转介绍数", "转介绍", "推荐客户数", "介绍客户数"],
            &["Referrals"],
        ),
        (K::Interactions, F::Notes) => NOTES,
        (K::Orders, F::Notes) => (
            &[
                "备注",
                "说明",
                "摘要",
                "商品",
                "产品",
                "商品名称",
                "产品名称",
            ],
            &[
                "Note",
                "Notes",
                "Remarks",
                "Comment",
                "Product",
                "Description",
            ],
        ),
        (_, F::Notes) => NOTES,
        (_, F::Title) => (
            &["职务", "职位", "头衔", "岗位", "角色"],
            &["Title", "Job title", "Position", "Role"],
        ),
        (_, F::Phone) => (
            &[
                "手机",
                "电话",
                "手机号",
                "手机号码",
                "联系电话",
                "电话号码",
                "联系方式",
            ],
            &[
                "Phone",
                "Mobile",
                "Tel",
                "Telephone",
                "Cell",
                "Phone number",
            ],
        ),
        (_, F::Mobile) => (
            &["手机", "手机号", "手机号码", "移动电话"],
            &["Mobile", "Cell", "Mobile phone", "Cell phone"],
        ),
        (_, F::CompanyPhone) => (
            &["公司电话", "总机", "单位电话", "公司座机"],
            &["Company phone", "Main phone", "Office phone", "Switchboard"],
        ),
        (_, F::Address) => (
            &[
                "地址",
                "公司地址",
                "详细地址",
                "联系地址",
                "通讯地址",
                "办公地址",
            ],
            &[
                "Address",
                "Street address",
                "Company address",
                "Office address",
            ],
        ),
        (_, F::WeChat) => (&["微信", "微信号"], &["WeChat", "WeChat ID", "Weixin"]),
        (_, F::Email) => (
            &["邮箱", "电子邮箱", "邮件", "电子邮件"],
            &["Email", "E-mail", "Mail"],
        ),
        (_, F::Birthday) => (
            &["生日", "出生日期"],
            &["Birthday", "Date of birth", "DOB", "Birth date"],
        ),
        (_, F::Channel) => (
            &["联系渠道", "渠道", "首选渠道", "偏好渠道", "来源渠道"],
            &["Channel", "Preferred channel"],
        ),
        (_, F::DecisionMaker) => (&["关键决策人", "决策人", "是否决策人"], &["Decision maker"]),
        (K::Interactions, F::Date) => (
            &[
                "日期",
                "联系日期",
                "拜访日期",
                "跟进日期",
                "跟进时间",
                "沟通日期",
                "时间",
            ],
            &["Date", "Contact date", "Visit date"],
        ),
        (_, F::Date) => (
            &[
                "下单日期",
                "订单日期",
                "日期",
                "下单时间",
                "订单时间",
                "成交日期",
                "交易日期",
                "销售日期",
                "开票日期",
                "发货日期",
            ],
            &["Date", "Order date", "Ordered on", "Invoice date"],
        ),
        (_, F::Amount) => (
            &[
                "金额",
                "订单金额",
                "销售额",
                "成交金额",
                "销售金额",
                "含税金额",
                "总金额",
                "价税合计",
                "实收金额",
                "合计",
            ],
            &[
                "Amount",
                "Order amount",
                "Total",
                "Revenue",
                "Sales",
                "Value",
            ],
        ),
        (_, F::Margin) => (
            &["毛利", "毛利额", "毛利润", "利润"],
            &["Margin", "Gross margin", "Profit", "Gross profit"],
        ),
        (_, F::Quantity) => (
            &["数量", "件数", "订购数量", "销售数量"],
            &["Quantity", "Qty", "Units"],
        ),
        (_, F::CostToServe) => (
            &["服务成本", "服务费用", "维护成本"],
            &["Cost to serve", "Service cost"],
        ),
        (K::Interactions, F::Staff) => (
            &[
                "跟进人",
                "业务员",
                "拜访人",
                "负责人",
                "客户经理",
                "销售",
                "经办人",
            ],
            &[
                "Staff",
                "By",
                "Rep",
                "Salesperson",
                "Account manager",
                "Owner",
            ],
        ),
        (_, F::Staff) => STAFF_OF_ORDER,
        (_, F::InteractionKind) => (
            &[
                "方式",
                "跟进方式",
                "沟通方式",
                "互动类型",
                "类型",
                "联系方式",
            ],
            &["Kind", "Type", "Method", "Channel"],
        ),
        (K::Customers, F::Contact) => (
            &["联系人", "联系人姓名", "主要联系人", "对接人"],
            &["Contact", "Contact name", "Contact person", "Main contact"],
        ),
        (_, F::Contact) => (
            &["联系人", "对接人", "拜访对象"],
            &["Contact", "Contact name", "Person"],
        ),
        (_, F::Summary) => (
            &[
                "内容",
                "跟进内容",
                "沟通内容",
                "拜访记录",
                "记录",
                "摘要",
                "备注",
                "说明",
            ],
            &[
                "Summary",
                "Content",
                "Details",
                "Notes",
                "Note",
                "Description",
            ],
        ),
        (_, F::NextContact) => (
            &[
                "下次联系日期",
                "下次联系",
                "下次跟进日期",
                "下次跟进时间",
                "下次跟进",
            ],
            &[
                "Next contact",
                "Next contact date",
                "Next follow-up",
                "Follow up on",
            ],
        ),
        (_, F::Role) => (
            &["岗位", "职务", "角色", "职位"],
            &["Role", "Position", "Title"],
        ),
        (_, F::HireDate) => (
            &["入职日期", "入职时间", "入职"],
            &["Hire date", "Hired", "Joined", "Start date"],
        ),
        (_, F::Regions) => (
            &["负责区域", "区域", "地区", "片区", "负责地区"],
            &["Regions", "Region", "Territory", "Territories", "Area"],
        ),
        (_, F::Industries) => (
            &["负责行业", "行业"],
            &["Industries", "Industry", "Sectors"],
        ),
        (_, F::Capacity) => (
            &["客户容量", "容量", "可负责客户数", "最多客户数"],
            &["Capacity", "Max customers"],
        ),
        (_, F::LeavingOn) => (
            &["离职日期", "离职时间"],
            &["Leaving on", "Left on", "Leaving date", "End date"],
        ),
    }
}

/// The header the export writes for a field, which the import always recognises.
pub fn default_header(kind: ImportKind, field: ImportField, language: Language) -> &'static str {
    let (zh, en) = synonyms(kind, field);
    let list = match language {
        Language::Zh => zh,
        Language::En => en,
    };
    list.first().copied().unwrap_or("")
}
