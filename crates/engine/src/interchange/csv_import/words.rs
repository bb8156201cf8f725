//! The words for the book's choices (tiers, statuses, kinds of contact…) as people write
//! them in a spreadsheet, in Chinese or English. The first word of each list is the one
//! the export writes; the engine's own snake_case names are accepted too.

use crate::records::{Channel, CustomerKind, CustomerStatus, InteractionKind, StaffRole, Tier};
use serde::{Deserialize, Serialize};

/// The language of exported headers and words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Zh,
    En,
}

/// One choice with its Chinese and English words.
type Choice<T> = (T, &'static [&'static str], &'static [&'static str]);

const KINDS: &[Choice<CustomerKind>] = &[
    (
        CustomerKind::Company,
        &["企业", "公司", "单位", "企业客户", "公司客户", "对公"],
        &["Company", "Business", "Corporate", "B2B"],
    ),
    (
        CustomerKind::Person,
        &["个人", "个人客户", "自然人", "散户"],
        &["Person", "Individual", "Personal", "B2C"],
    ),
];

const TIERS: &[Choice<Tier>] = &[
    (Tier::A, &["A", "A类", "A级", "A类客户", "A级客户"], &["A"]),
    (Tier::B, &["B", "B类", "B级", "B类客户", "B级客户"], &["B"]),
    (Tier::C, &["C", "C类", "C级", "C类客户", "C级客户"], &["C"]),
];

const STATUSES: &[Choice<CustomerStatus>] = &[
    (
        CustomerStatus::Active,
        &["正常", "活跃", "合作中", "在合作", "有效"],
        &["Active", "Normal"],
    ),
    (
        CustomerStatus::AtRisk,
        &["有风险", "风险", "预警", "流失风险", "濒临流失"],
        &["At risk", "Risk", "Warning"],
    ),
    (
        CustomerStatus::Lost,
        &["已流失", "流失", "丢失", "失效"],
        &["Lost", "Churned", "Inactive"],
    ),
    (
        CustomerStatus::WonBack,
        &["已挽回", "挽回", "赢回", "已召回", "召回"],
        &["Won back", "Winback", "Recovered"],
    ),
];

const INTERACTIONS: &[Choice<InteractionKind>] = &[
    (
        InteractionKind::Visit,
        &["拜访", "上门", "面访", "面谈", "上门拜访"],
        &["Visit", "Meeting"],
    ),
    (
        InteractionKind::Call,
        &["电话", "通话", "来电", "去电", "电话沟通"],
        &["Call", "Phone", "Phone call"],
    ),
    (
        InteractionKind::Message,
        &["消息", "微信", "短信", "邮件", "留言", "微信沟通"],
        &["Message", "WeChat", "SMS", "Email", "Text"],
    ),
    (
        InteractionKind::Gift,
        &["送礼", "礼品", "赠礼", "送礼品"],
        &["Gift"],
    ),
    (
        InteractionKind::Event,
        &["活动", "会议", "展会", "宴请", "聚会"],
        &["Event", "Conference", "Dinner"],
    ),
    (
        InteractionKind::Greeting,
        &["问候", "祝福", "节日问候", "生日祝福"],
        &["Greeting", "Greetings"],
    ),
    (
        InteractionKind::ReturnVisit,
        &["回访", "售后回访", "复访"],
        &["Return visit", "Follow-up", "Follow up"],
    ),
];

const CHANNELS: &[Choice<Channel>] = &[
    (
        Channel::Phone,
        &["电话", "手机", "座机"],
        &["Phone", "Call", "Mobile"],
    ),
    (
        Channel::WeChat,
        &["微信", "企业微信"],
        &["WeChat", "Weixin"],
    ),
    (
        Channel::Email,
        &["邮件", "邮箱", "电子邮件"],
        &["Email", "Mail"],
    ),
    (
        Channel::Visit,
        &["拜访", "上门", "面谈"],
        &["Visit", "In person"],
    ),
    (Channel::Sms, &["短信"], &["SMS", "Text"]),
];

const ROLES: &[Choice<StaffRole>] = &[
    (
        StaffRole::AccountManager,
        &["客户经理", "销售", "业务员", "销售代表", "销售员"],
        &["Account manager", "Sales", "Sales rep", "Salesperson"],
    ),
    (
        StaffRole::SeniorManager,
        &["高级经理", "高级客户经理", "资深客户经理", "大客户经理"],
        &[
            "Senior manager",
            "Senior account manager",
            "Key account manager",
        ],
    ),
    (
        StaffRole::AfterSales,
        &["售后服务", "售后", "客服", "技术支持"],
        &["After-sales", "After sales", "Support", "Customer service"],
    ),
    (
        StaffRole::Director,
        &["销售总监", "总监", "销售经理", "区域经理"],
        &["Director", "Sales director", "Sales manager"],
    ),
];

const YES_NO: &[Choice<bool>] = &[
    (
        true,
        &["是", "对", "有", "√", "✓", "✔"],
        &["Yes", "Y", "True", "1", "X"],
    ),
    (
        false,
        &["否", "不是", "无", "×", "✗"],
        &["No", "N", "False", "0"],
    ),
];

/// Lower-case, no spaces, underscores or dashes: "At risk", "at_risk" and "AT-RISK" agree.
pub(crate) fn fold(word: &str) -> String {
    folded(word).collect()
}

fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
}

/// Compares without allocating: the import calls this for every cell of a word column.
fn find<T: Copy>(choices: &[Choice<T>], word: &str) -> Option<T> {
    let wanted = fold(word);
    choices
        .iter()
        .find(|(_, zh, en)| {
            zh.iter()
                .chain(en.iter())
                .any(|w| folded(w).eq(wanted.chars()))
        })
        .map(|(value, _, _)| *value)
}

fn say<T: Copy + PartialEq>(choices: &[Choice<T>], value: T, language: Language) -> &'static str {
    choices
        .iter()
        .find(|(v, _, _)| *v == value)
        .and_then(|(_, zh, en)| match language {
            Language::Zh => zh.first(),
            Language::En => en.first(),
        })
        .copied()
        .unwrap_or("")
}

/// The engine's snake_case name of a unit enum value, which the import accepts too.
fn serde_name<T: Serialize + Copy>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(fold))
        .unwrap_or_default()
}

fn find_or_serde<T: Copy + Serialize>(choices: &[Choice<T>], word: &str) -> Option<T> {
    find(choices, word).or_else(|| {
        let wanted = fold(word);
        choices
            .iter()
            .map(|(v, _, _)| *v)
            .find(|v| serde_name(*v) == wanted)
    })
}

pub(crate) fn customer_kind(word: &str) -> Option<CustomerKind> {
    find_or_serde(KINDS, word)
}
pub(crate) fn tier(word: &str) -> Option<Tier> {
    find_or_serde(TIERS, word)
}
pub(crate) fn status(word: &str) -> Option<CustomerStatus> {
    find_or_serde(STATUSES, word)
}
pub(crate) fn interaction_kind(word: &str) -> Option<InteractionKind> {
    find_or_serde(INTERACTIONS, word)
}
pub(crate) fn channel(word: &str) -> Option<Channel> {
    find_or_serde(CHANNELS, word)
}
pub(crate) fn role(word: &str) -> Option<StaffRole> {
    find_or_serde(ROLES, word)
}
pub(crate) fn yes_no(word: &str) -> Option<bool> {
    find(YES_NO, word)
}

/// The words the export writes.
impl Language {
    pub fn customer_kind(self, v: CustomerKind) -> &'static str {
        say(KINDS, v, self)
    }
    pub fn tier(self, v: Tier) -> &'static str {
        say(TIERS, v, self)
    }
    pub fn status(self, v: CustomerStatus) -> &'static str {
        say(STATUSES, v, self)
    }
    pub fn interaction_kind(self, v: InteractionKind) -> &'static str {
        say(INTERACTIONS, v, self)
    }
    pub fn channel(self, v: Channel) -> &'static str {
        say(CHANNELS, v, self)
    }
    pub fn role(self, v: StaffRole) -> &'static str {
        say(ROLES, v, self)
    }
    pub fn yes_no(self, v: bool) -> &'static str {
        say(YES_NO, v, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_in_both_languages() {
        assert_eq!(tier(" a类 "), Some(Tier::A));
        assert_eq!(status("at_risk"), Some(CustomerStatus::AtRisk));
        assert_eq!(status("At Risk"), Some(CustomerStatus::AtRisk));
        assert_eq!(
            interaction_kind("return_visit"),
            Some(InteractionKind::ReturnVisit)
        );
        assert_eq!(interaction_kind("微信"), Some(InteractionKind::Message));
        assert_eq!(channel("we_chat"), Some(Channel::WeChat));
        assert_eq!(role("after_sales"), Some(StaffRole::AfterSales));
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(customer_kind("？"), None);
    }

    #[test]
    fn every_exported_word_reads_back() {
        for language in [Language::Zh, Language::En] {
            for (v, _, _) in STATUSES {
                assert_eq!(status(language.status(*v)), Some(*v));
            }
            for (v, _, _) in INTERACTIONS {
                assert_eq!(interaction_kind(language.interaction_kind(*v)), Some(*v));
            }
            for (v, _, _) in CHANNELS {
                assert_eq!(channel(language.channel(*v)), Some(*v));
            }
            for (v, _, _) in ROLES {
                assert_eq!(role(language.role(*v)), Some(*v));
            }
            for (v, _, _) in KINDS {
                assert_eq!(customer_kind(language.customer_kind(*v)), Some(*v));
            }
            for v in [true, false] {
                assert_eq!(yes_no(language.yes_no(v)), Some(v));
            }
        }
    }
}
