//! The customer list: one line per customer with what it is searched, filtered and sorted
//! by, computed once per book change so that each keystroke only filters and sorts.

use crate::book::Book;
use crate::money::Money;
use crate::records::*;
use crate::risk::Band;
use crate::Date;
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq)]
pub struct CustomerLine {
    pub id: CustomerId,
    pub name: String,
    /// Lower-cased name and tags, and the name's pinyin in full and as initials: what a
    /// search matches against.
    search: String,
    /// Pinyin-order keys of the name, region, industry and owner's name, what the list
    /// sorts by (see [`crate::spelling`]).
    keys: [String; 4],
    pub tier: Tier,
    pub status: CustomerStatus,
    pub region: String,
    pub industry: String,
    pub tags: Vec<String>,
    pub owner: Option<StaffId>,
    pub owner_name: String,
    pub last_order: Option<Date>,
    pub last_contact: Option<Date>,
    pub revenue_12m: Money,
    pub cannot_lose: bool,
}

/// Lines for every customer, in id order. Revenue counts the 365 days up to `today`.
pub fn customer_lines(book: &Book, today: Date) -> Vec<CustomerLine> {
    let last_12_months = crate::period::Period::last_12_months(today);
    book.customers()
        .iter()
        .map(|c| {
            let owner = book.owner_of(c.id);
            let mut search = c.name.to_lowercase();
            if let Some((full, initials)) = crate::spelling::search_forms(&c.name) {
                search.push('\n');
                search.push_str(&full);
                search.push('\n');
                search.push_str(&initials);
            }
            for tag in &c.tags {
                search.push('\n');
                search.push_str(&tag.to_lowercase());
            }
            // The customer's and its contacts' numbers, digits only: a rep who gets a call
            // types the number as shown on the phone.
            let phones = std::iter::once(c.phone.as_str())
                .chain(book.contacts().of_customer(c.id).map(|p| p.phone.as_str()));
            for phone in phones.filter(|p| !p.is_empty()) {
                search.push('\n');
                search.push_str(&phone_digits(phone));
            }
            let (mut last_order, mut revenue_12m) = (None, Money::ZERO);
            for o in book.orders().of_customer(c.id) {
                last_order = last_order.max(Some(o.date));
                if last_12_months.contains(o.date) {
                    revenue_12m += o.amount;
                }
            }
            let owner_name = owner
                .and_then(|s| book.staff().get(s.0))
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let key = crate::spelling::sort_key;
            CustomerLine {
                id: c.id,
                name: c.name.clone(),
                search,
                keys: [
                    key(&c.name),
                    key(&c.region),
                    key(&c.industry),
                    key(&owner_name),
                ],
                tier: c.tier,
                status: c.status,
                region: c.region.clone(),
                industry: c.industry.clone(),
                tags: c.tags.clone(),
                owner,
                owner_name,
                last_order,
                last_contact: book.last_interaction(c.id),
                revenue_12m,
                cannot_lose: c.cannot_lose,
            }
        })
        .collect()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Tier,
    Status,
    Region,
    Industry,
    Owner,
    LastOrder,
    LastContact,
    Revenue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerFilter {
    /// Customers with no owner (the pool).
    Pool,
    Staff(StaffId),
}

/// What the user asked the list for. Empty fields filter nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerQuery {
    pub text: String,
    pub tier: Option<Tier>,
    pub status: Option<CustomerStatus>,
    pub owner: Option<OwnerFilter>,
    pub region: Option<String>,
    pub industry: Option<String>,
    pub tag: Option<String>,
    /// Risk band at least this; the caller supplies the bands (scoring is not free).
    pub band: Option<Band>,
    pub sort: SortKey,
    pub descending: bool,
}

/// The name a value goes by in an address (its serde name: `a`, `lost`, `last_order`).
fn word<T: serde::Serialize>(value: T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The value a name in an address stands for; `None` for anything else.
fn from_word<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

impl CustomerQuery {
    /// The query as an address's parameters, leaving out what is as by default, so a
    /// list can be shared, reloaded and come back to with Back exactly as it was.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            out.push(("q", text.to_owned()));
        }
        out.extend(self.tier.and_then(word).map(|w| ("tier", w)));
        out.extend(self.band.and_then(word).map(|w| ("band", w)));
        out.extend(self.status.and_then(word).map(|w| ("status", w)));
        out.extend(self.owner.map(|o| {
            let value = match o {
                OwnerFilter::Pool => "pool".to_owned(),
                OwnerFilter::Staff(s) => s.0.to_string(),
            };
            ("owner", value)
        }));
        out.extend(self.region.clone().map(|r| ("region", r)));
        out.extend(self.industry.clone().map(|i| ("industry", i)));
        out.extend(self.tag.clone().map(|t| ("tag", t)));
        if self.sort != SortKey::default() {
            out.extend(word(self.sort).map(|w| ("sort", w)));
        }
        if self.descending {
            out.push(("desc", "1".to_owned()));
        }
        out
    }

    /// A query read back from an address's parameters. Anything unknown or unreadable
    /// (an old or hand-edited link) is left at its default rather than refused.
    pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = CustomerQuery::default();
        let text = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
        for (key, value) in params {
            match key {
                "q" => value.trim().clone_into(&mut q.text),
                "tier" => q.tier = from_word(value),
                "band" => q.band = from_word(value),
                "status" => q.status = from_word(value),
                "owner" => {
                    q.owner = match value {
                        "pool" => Some(OwnerFilter::Pool),
                        id => id.parse().ok().map(|id| OwnerFilter::Staff(StaffId(id))),
                    }
                }
                "region" => q.region = text(value),
                "industry" => q.industry = text(value),
                "tag" => q.tag = text(value),
                "sort" => q.sort = from_word(value).unwrap_or_default(),
                "desc" => q.descending = value == "1",
                _ => {}
            }
        }
        q
    }

    pub fn matches(&self, line: &CustomerLine, needle: &str) -> bool {
        (needle.is_empty() || line.search.contains(needle))
            && self.tier.is_none_or(|t| line.tier == t)
            && self.status.is_none_or(|s| line.status == s)
            && self.owner.is_none_or(|o| match o {
                OwnerFilter::Pool => line.owner.is_none(),
                OwnerFilter::Staff(s) => line.owner == Some(s),
            })
            && self.region.as_ref().is_none_or(|r| &line.region == r)
            && self.industry.as_ref().is_none_or(|i| &line.industry == i)
            && self.tag.as_ref().is_none_or(|t| line.tags.contains(t))
    }

    /// Positions in `lines` of the matching customers, in the asked order. Ties keep id order.
    pub fn run(&self, lines: &[CustomerLine]) -> Vec<usize> {
        self.run_with_bands(lines, |_| None)
    }

    /// As [`CustomerQuery::run`], with each customer's risk band from `band_of` for the
    /// band filter (a customer without a band never passes a band filter).
    pub fn run_with_bands(
        &self,
        lines: &[CustomerLine],
        band_of: impl Fn(CustomerId) -> Option<Band>,
    ) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let needle = phone_needle(&needle).unwrap_or(needle);
        let mut hits: Vec<usize> = (0..lines.len())
            .filter(|&i| self.matches(&lines[i], &needle))
            .filter(|&i| {
                self.band
                    .is_none_or(|b| band_of(lines[i].id).is_some_and(|x| x >= b))
            })
            .collect();
        let compare = |a: &CustomerLine, b: &CustomerLine| -> Ordering {
            match self.sort {
                // Chinese text in pinyin order, then as written so ties are stable.
                SortKey::Name => a.keys[0].cmp(&b.keys[0]).then(a.name.cmp(&b.name)),
                SortKey::Tier => a.tier.cmp(&b.tier),
                SortKey::Status => (a.status as u8).cmp(&(b.status as u8)),
                SortKey::Region => a.keys[1].cmp(&b.keys[1]),
                SortKey::Industry => a.keys[2].cmp(&b.keys[2]),
                SortKey::Owner => a.keys[3].cmp(&b.keys[3]),
                SortKey::LastOrder => a.last_order.cmp(&b.last_order),
                SortKey::LastContact => a.last_contact.cmp(&b.last_contact),
                SortKey::Revenue => a.revenue_12m.cmp(&b.revenue_12m),
            }
        };
        hits.sort_by(|&a, &b| {
            let order = compare(&lines[a], &lines[b]);
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        hits
    }
}

/// What a number is written with besides its digits ("0571-8888 6666", "（0571）",
/// "+86"); any other character ends the number. One rule for searching and dialling.
fn within_number(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')' | '（' | '）' | '+')
}

/// A phone field as searched: its digits, one number per line ("0571-8888 6666 /
/// 139 0571 0001" is two).
fn phone_digits(phone: &str) -> String {
    phone
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            c if within_number(c) => None,
            _ => Some('\n'),
        })
        .collect()
}

/// What was typed, as a number to find, when it is one: three digits or more, written
/// with the usual spaces, dashes or brackets.
pub(crate) fn phone_needle(typed: &str) -> Option<String> {
    let digits = phone_digits(typed);
    (digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Whether the customer's own number or one of its contacts' holds `digits` (a
/// [`phone_needle`]), as the customer list's search finds it.
pub(crate) fn has_number(book: &Book, customer: CustomerId, digits: &str) -> bool {
    let own = book.customers().get(customer.0).map(|c| c.phone.as_str());
    own.into_iter()
        .chain(
            book.contacts()
                .of_customer(customer)
                .map(|p| p.phone.as_str()),
        )
        .any(|phone| !phone.is_empty() && phone_digits(phone).contains(digits))
}

/// The number a phone field dials (`tel:`): the first number's digits, with its leading
/// + ("0571-8888 6666 转 123" dials 057188886666); `None` for too few digits.
pub fn dial_number(phone: &str) -> Option<String> {
    let first = phone
        .split(|c: char| !c.is_ascii_digit() && !within_number(c))
        .next()
        .unwrap_or_default();
    let digits: String = first.chars().filter(char::is_ascii_digit).collect();
    let plus = first
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .any(|c| c == '+');
    (digits.len() >= 3).then(|| if plus { format!("+{digits}") } else { digits })
}

/// An existing value that a typed one most likely means, when they differ only by a
/// region's or an industry's usual suffix, case or spacing (华东 and 华东区, 建材 and
/// 建材行业): saved as typed, the two would split every filter. `None` when the typed
/// value is one of `existing` or like none of them.
pub fn near_duplicate<'a>(existing: &'a [String], typed: &str) -> Option<&'a str> {
    const SUFFIXES: [&str; 8] = ["地区", "区域", "行业", "片区", "区", "省", "市", "业"];
    let plain = |s: &str| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        SUFFIXES
            .iter()
            .find_map(|suffix| s.strip_suffix(suffix).filter(|rest| !rest.is_empty()))
            .map_or_else(|| s.clone(), str::to_owned)
    };
    let typed = typed.trim();
    if typed.is_empty() || existing.iter().any(|e| e == typed) {
        return None;
    }
    let wanted = plain(typed);
    existing
        .iter()
        .find(|e| plain(e) == wanted)
        .map(String::as_str)
}

/// The distinct values the list can be filtered by, in pinyin order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub regions: Vec<String>,
    pub industries: Vec<String>,
    pub tags: Vec<String>,
}

pub fn facets(lines: &[CustomerLine]) -> Facets {
    facets_of(
        lines
            .iter()
            .map(|l| (l.region.as_str(), l.industry.as_str(), l.tags.as_slice())),
    )
}

/// The same choices read straight from the book's customers, for a form that offers
/// them without building the list.
pub fn book_facets(book: &Book) -> Facets {
    facets_of(
        book.customers()
            .iter()
            .map(|c| (c.region.as_str(), c.industry.as_str(), c.tags.as_slice())),
    )
}

/// Distinct non-empty regions, industries and tags, each in pinyin order.
fn facets_of<'a>(customers: impl Iterator<Item = (&'a str, &'a str, &'a [String])>) -> Facets {
    let mut regions = std::collections::BTreeSet::new();
    let mut industries = std::collections::BTreeSet::new();
    let mut tags = std::collections::BTreeSet::new();
    for (region, industry, its_tags) in customers {
        if !region.is_empty() {
            regions.insert(region.to_owned());
        }
        if !industry.is_empty() {
            industries.insert(industry.to_owned());
        }
        tags.extend(its_tags.iter().cloned());
    }
    let in_pinyin_order = |set: std::collections::BTreeSet<String>| {
        let mut list: Vec<String> = set.into_iter().collect();
        list.sort_by_cached_key(|s| (crate::spelling::sort_key(s), s.clone()));
        list
    };
    Facets {
        regions: in_pinyin_order(regions),
        industries: in_pinyin_order(industries),
        tags: in_pinyin_order(tags),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_field_dials_its_first_number() {
        assert_eq!(
            dial_number("0571-8888 6666 转 123").as_deref(),
            Some("057188886666")
        );
        assert_eq!(
            dial_number("+86 139 0571 0001").as_deref(),
            Some("+8613905710001")
        );
        assert_eq!(
            dial_number("13905718899 / 0571-88776655").as_deref(),
            Some("13905718899")
        );
        assert_eq!(
            dial_number("（0571）8888-6666").as_deref(),
            Some("057188886666")
        );
        assert_eq!(dial_number("总机"), None);
        assert_eq!(dial_number(""), None);
    }
    use crate::command::Command;

    fn day(d: u32) -> Date {
        Date::from_ymd_opt(2026, 11, d).expect("valid")
    }

    fn book() -> Book {
        let mut book = Book::new();
        for (name, tier, region, tags) in [
            ("杭州宏达建材有限公司", Tier::A, "华东", vec!["老客户"]),
            ("Blue Harbor Trading", Tier::B, "华南", vec![]),
            ("张伟", Tier::C, "华东", vec!["个人"]),
        ] {
            let mut c = Customer::new(name, day(1));
            c.tier = tier;
            c.region = region.into();
            c.tags = tags.into_iter().map(String::from).collect();
            book.apply(
                &Command::Create {
                    record: Record::Customer(c),
                },
                day(22),
            )
            .expect("valid");
        }
        let order = Order {
            customer: CustomerId(2),
            date: day(20),
            amount: Money(50_000),
            ..Order::default()
        };
        book.apply(
            &Command::Create {
                record: Record::Order(order),
            },
            day(22),
        )
        .expect("valid");
        book
    }

    /// Issue 18.9: a number finds its customer, as it is written on the phone that rings:
    /// the customer's own, or one of its contacts'.
    #[test]
    fn searches_the_customers_and_its_contacts_numbers() {
        let mut book = book();
        let mut edited = book.customers().get(2).cloned().expect("customer 2");
        edited.phone = "0571-8888 6666 转 123".into();
        book.apply(
            &Command::Update {
                record: Record::Customer(edited),
            },
            day(22),
        )
        .expect("valid");
        let contact = Contact {
            customer: CustomerId(3),
            name: "张伟".into(),
            phone: "139 0571 0001 / 0571-1234567".into(),
            ..Contact::default()
        };
        book.apply(
            &Command::Create {
                record: Record::Contact(contact),
            },
            day(22),
        )
        .expect("valid");
        let lines = customer_lines(&book, day(22));
        let found = |text: &str| -> Vec<String> {
            let q = CustomerQuery {
                text: text.into(),
                ..CustomerQuery::default()
            };
            q.run(&lines)
                .into_iter()
                .map(|i| lines[i].name.clone())
                .collect()
        };
        assert_eq!(found("88886666"), vec!["Blue Harbor Trading"]);
        assert_eq!(found("0571 8888-6666"), vec!["Blue Harbor Trading"]);
        assert_eq!(found("13905710001"), vec!["张伟"]);
        assert_eq!(found("139-0571"), vec!["张伟"]);
        assert_eq!(found("05711234567"), vec!["张伟"]);
        // Two numbers in one field are two numbers, not one run of digits.
        assert!(found("000105711").is_empty());
        assert!(found("99999").is_empty());
    }

    #[test]
    fn searches_names_and_tags_ignoring_case() {
        let lines = customer_lines(&book(), day(22));
        let names = |q: &CustomerQuery| -> Vec<String> {
            q.run(&lines)
                .into_iter()
                .map(|i| lines[i].name.clone())
                .collect()
        };
        let mut q = CustomerQuery {
            text: "blue".into(),
            ..CustomerQuery::default()
        };
        assert_eq!(names(&q), vec!["Blue Harbor Trading"]);
        q.text = "宏达".into();
        assert_eq!(names(&q), vec!["杭州宏达建材有限公司"]);
        q.text = "个人".into();
        assert_eq!(names(&q), vec!["张伟"]);
        // By pinyin, in full or by initials, as a Chinese user types.
        q.text = "hangzhou".into();
        assert_eq!(names(&q), vec!["杭州宏达建材有限公司"]);
        q.text = "HZHD".into();
        assert_eq!(names(&q), vec!["杭州宏达建材有限公司"]);
        q.text = "zw".into();
        assert_eq!(names(&q), vec!["张伟"]);
        // Names sort in pinyin order, Latin names among them: Blue, hang…, zhang.
        q.text = String::new();
        assert_eq!(
            names(&q),
            vec!["Blue Harbor Trading", "杭州宏达建材有限公司", "张伟"]
        );
        q.text = String::new();
        q.region = Some("华东".into());
        assert_eq!(names(&q).len(), 2);
        q.region = None;
        q.owner = Some(OwnerFilter::Pool);
        assert_eq!(names(&q).len(), 3);
    }

    #[test]
    fn a_query_goes_into_an_address_and_comes_back_the_same() {
        let q = CustomerQuery {
            text: "南京 宏利".into(),
            tier: Some(Tier::A),
            status: Some(CustomerStatus::AtRisk),
            owner: Some(OwnerFilter::Staff(StaffId(7))),
            region: Some("华东".into()),
            industry: Some("建材".into()),
            tag: Some("老客户".into()),
            band: Some(Band::High),
            sort: SortKey::LastOrder,
            descending: true,
        };
        let params = q.to_params();
        assert!(params.contains(&("sort", "last_order".to_owned())));
        assert!(params.contains(&("status", "at_risk".to_owned())));
        let back = CustomerQuery::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        // The default query is a bare address; the pool and unknown words read sanely.
        assert!(CustomerQuery::default().to_params().is_empty());
        let odd = CustomerQuery::from_params([
            ("owner", "pool"),
            ("tier", "Z"),
            ("sort", "height"),
            ("utm", "x"),
        ]);
        assert_eq!(
            odd,
            CustomerQuery {
                owner: Some(OwnerFilter::Pool),
                ..CustomerQuery::default()
            }
        );
    }

    proptest::proptest! {
        /// Whatever an address says, reading it gives a query that writes back to an
        /// address reading as the same query.
        #[test]
        fn any_address_reads_as_a_query_that_round_trips(
            pairs in proptest::collection::vec(
                (proptest::sample::select(vec!["q", "tier", "band", "status", "owner", "region",
                    "industry", "tag", "sort", "desc", "x"]), ".{0,12}"),
                0..12,
            )
        ) {
            let q = CustomerQuery::from_params(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            let params = q.to_params();
            let back = CustomerQuery::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
            proptest::prop_assert_eq!(back, q);
        }
    }

    #[test]
    fn a_value_that_differs_only_by_its_suffix_is_taken_for_the_existing_one() {
        let regions: Vec<String> = ["华东", "华南", "Jiangsu"].map(String::from).to_vec();
        assert_eq!(near_duplicate(&regions, "华东区"), Some("华东"));
        assert_eq!(near_duplicate(&regions, " 华南 地区"), Some("华南"));
        assert_eq!(near_duplicate(&regions, "jiangsu"), Some("Jiangsu"));
        assert_eq!(near_duplicate(&regions, "华东"), None);
        assert_eq!(near_duplicate(&regions, "华北"), None);
        assert_eq!(near_duplicate(&regions, ""), None);
        let industries: Vec<String> = vec!["建材行业".into()];
        assert_eq!(near_duplicate(&industries, "建材"), Some("建材行业"));
        // A suffix alone is not a value.
        assert_eq!(near_duplicate(&industries, "行业"), None);
    }

    #[test]
    fn sorts_by_revenue_both_ways() {
        let lines = customer_lines(&book(), day(22));
        let mut q = CustomerQuery {
            sort: SortKey::Revenue,
            descending: true,
            ..CustomerQuery::default()
        };
        assert_eq!(lines[q.run(&lines)[0]].name, "Blue Harbor Trading");
        assert_eq!(lines[q.run(&lines)[0]].revenue_12m, Money(50_000));
        q.descending = false;
        assert_eq!(
            lines[*q.run(&lines).last().expect("three")].name,
            "Blue Harbor Trading"
        );
    }

    #[test]
    fn facets_are_distinct_and_sorted() {
        let f = facets(&customer_lines(&book(), day(22)));
        assert_eq!(f.regions, vec!["华东", "华南"]);
        assert_eq!(f.tags, vec!["个人", "老客户"]);
    }

    #[test]
    fn the_band_filter_keeps_that_band_and_above() {
        let book = book();
        let lines = customer_lines(&book, day(30));
        let band_of = |id: CustomerId| {
            Some(if id.0.is_multiple_of(2) {
                Band::High
            } else {
                Band::Low
            })
        };
        let query = CustomerQuery {
            band: Some(Band::Watch),
            ..CustomerQuery::default()
        };
        let hits = query.run_with_bands(&lines, band_of);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|&i| lines[i].id.0.is_multiple_of(2)));
        assert!(
            query.run(&lines).is_empty(),
            "no bands known, nothing passes"
        );
    }
}
