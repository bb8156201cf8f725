//! Who is in the book: staff, customers, who owns whom, and the people at each customer.

use super::calendar::shift;
use super::dice::{self, Dice};
use super::names::{self, INDUSTRIES, PERSON_INDUSTRIES, REGIONS};
use super::texts;
use super::{CustomerPlan, Draft, Fate, Segment, StaffPlan, HISTORY};
use crate::records::*;
use std::collections::HashSet;

pub(super) fn staff(d: &mut Draft, n: usize) {
    let directors = (n / 60).max(1);
    let seniors = (n * 18 / 100).max(2);
    let after_sales = (n * 12 / 100).max(1);
    let mut roles = Vec::with_capacity(n);
    roles.extend(std::iter::repeat_n(StaffRole::Director, directors));
    roles.extend(std::iter::repeat_n(StaffRole::SeniorManager, seniors));
    roles.extend(std::iter::repeat_n(StaffRole::AfterSales, after_sales));
    roles.resize(n.max(roles.len()), StaffRole::AccountManager);
    roles.truncate(n);

    let mut plans: Vec<StaffPlan> = roles
        .into_iter()
        .map(|role| {
            let hire_ago = match role {
                StaffRole::Director => d.dice.between(2200, 6500),
                StaffRole::SeniorManager => d.dice.between(1500, 5500),
                StaffRole::AfterSales => d.dice.between(180, 3600),
                StaffRole::AccountManager => d.dice.between(110, 2900),
            };
            StaffPlan {
                record: Staff {
                    role,
                    ..Staff::default()
                },
                hire_ago,
                left_ago: None,
                fresh_leaver: false,
                regions: Vec::new(),
            }
        })
        .collect();

    let mut sellers: Vec<usize> = (0..plans.len()).filter(|i| plans[*i].can_own()).collect();
    shuffle(&mut d.dice, &mut sellers);
    let left = (n * 12 / 100).max(2).min(sellers.len().saturating_sub(1));
    let leaving = (n * 3 / 100)
        .max(1)
        .min(sellers.len().saturating_sub(left + 1));
    for (k, i) in sellers.iter().take(left).enumerate() {
        let plan = &mut plans[*i];
        let left_ago = if k == 0 {
            plan.fresh_leaver = true;
            d.dice.between(3, 20)
        } else {
            d.dice.between(30, HISTORY)
        };
        plan.left_ago = Some(left_ago);
        plan.hire_ago = left_ago + d.dice.between(365, 2500);
    }
    for i in sellers.iter().skip(left).take(leaving) {
        let plan = &mut plans[*i];
        plan.hire_ago = plan.hire_ago.max(d.dice.between(900, 3000));
        let last_day = shift(d.cal.today(), i64::from(d.dice.between(10, 60)));
        plan.record.status = StaffStatus::Leaving(last_day);
    }

    let region_weights = names::region_weights();
    let mut next_region = 0;
    for plan in &mut plans {
        plan.regions = match plan.record.role {
            StaffRole::Director => (0..REGIONS.len()).collect(),
            StaffRole::AfterSales => distinct(&mut d.dice, &region_weights, 2),
            _ if plan.left_ago.is_some() => vec![d.dice.weighted(&region_weights)],
            _ => {
                let first = next_region % REGIONS.len();
                next_region += 1;
                let mut regions = vec![first];
                if d.dice.chance(0.3) {
                    let second = d.dice.weighted(&region_weights);
                    if second != first {
                        regions.push(second);
                    }
                }
                regions
            }
        };
        let industries = if plan.record.role == StaffRole::Director {
            Vec::new()
        } else {
            let count = d.dice.between(1, 3) as usize;
            distinct(&mut d.dice, &names::industry_weights(), count)
        };
        plan.record.regions = plan
            .regions
            .iter()
            .map(|r| REGIONS[*r].name.to_string())
            .collect();
        plan.record.industries = industries
            .iter()
            .map(|i| INDUSTRIES[*i].name.to_string())
            .collect();
        plan.record.hire_date = d.cal.date(plan.hire_ago);
        if let Some(left_ago) = plan.left_ago {
            plan.record.status = StaffStatus::Left(d.cal.date(left_ago));
        }
    }

    plans.sort_by_key(|p| std::cmp::Reverse(p.hire_ago));
    let mut taken = HashSet::new();
    for plan in &mut plans {
        let mut name = names::person(&mut d.dice);
        for _ in 0..20 {
            if !taken.contains(&name) {
                break;
            }
            name = names::person(&mut d.dice);
        }
        taken.insert(name.clone());
        plan.record.name = name;
        plan.record.id = StaffId(d.id());
    }
    d.staff = plans;
}

pub(super) fn customers(d: &mut Draft, n: usize) {
    let region_weights = names::region_weights();
    let industry_weights = names::industry_weights();
    let mut plans: Vec<CustomerPlan> = (0..n)
        .map(|_| {
            let person = d.dice.chance(0.12);
            let region = d.dice.weighted(&region_weights);
            let industry = if person {
                *d.dice.pick(PERSON_INDUSTRIES)
            } else {
                d.dice.weighted(&industry_weights)
            };
            let english = !person && d.dice.chance(0.09);
            let roll = d.dice.unit();
            let since_ago = if roll < 0.68 {
                d.dice.between(HISTORY + 1, 4380)
            } else if roll < 0.96 {
                d.dice.between(60, HISTORY)
            } else {
                d.dice.between(5, 59)
            };
            let mut size = d
                .dice
                .log_normal(1.5)
                .clamp(dice::exp(-3.0), dice::exp(4.5))
                * INDUSTRIES[industry].scale;
            if person {
                size *= 0.25;
            }
            CustomerPlan {
                record: Customer {
                    kind: if person {
                        CustomerKind::Person
                    } else {
                        CustomerKind::Company
                    },
                    industry: INDUSTRIES[industry].name.to_string(),
                    region: REGIONS[region].name.to_string(),
                    since: d.cal.date(since_ago),
                    ..Customer::default()
                },
                region,
                industry,
                english,
                size,
                since_ago,
                fate: Fate::Steady,
                flagged: false,
                owners: Vec::new(),
                helpers: Vec::new(),
                contacts: Vec::new(),
            }
        })
        .collect();
    plans.sort_by_key(|p| std::cmp::Reverse(p.since_ago));

    let mut by_size: Vec<usize> = (0..plans.len()).collect();
    by_size.sort_by(|a, b| plans[*b].size.total_cmp(&plans[*a].size));
    let a_count = plans.len() / 10;
    let b_count = plans.len() / 4;
    for (rank, i) in by_size.into_iter().enumerate() {
        plans[i].record.tier = if rank < a_count {
            Tier::A
        } else if rank < a_count + b_count {
            Tier::B
        } else {
            Tier::C
        };
    }

    assign_fates(&mut d.dice, &mut plans);
    let mut taken = HashSet::new();
    for plan in &mut plans {
        let status = match plan.fate {
            Fate::Lost { .. } => CustomerStatus::Lost,
            Fate::WonBack { .. } => CustomerStatus::WonBack,
            Fate::Drifting { .. } if d.dice.chance(0.55) => CustomerStatus::AtRisk,
            Fate::Steady if d.dice.chance(0.03) => {
                plan.flagged = true;
                CustomerStatus::AtRisk
            }
            _ => CustomerStatus::Active,
        };
        plan.record.status = status;
        plan.record.name = customer_name(&mut d.dice, plan, &mut taken);
        plan.record.tags = tags(&mut d.dice, plan);
        plan.record.notes = notes(&mut d.dice, plan);
        plan.record.cannot_lose = match plan.record.tier {
            Tier::A => d.dice.chance(0.45),
            Tier::B => d.dice.chance(0.04),
            Tier::C => false,
        };
        let referral_chance = if plan.record.tier == Tier::A {
            0.3
        } else {
            0.12
        };
        if d.dice.chance(referral_chance) {
            plan.record.referrals = d.dice.between(1, 3) as u32;
        }
        plan.record.id = CustomerId(d.id());
    }
    d.customers = plans;
}

/// Shares of the book that are lost, drifting away, and won back. Given by quota rather
/// than by chance so that even the small book shows every story.
const LOST: f64 = 0.055;
const DRIFTING: f64 = 0.13;
const WON_BACK: f64 = 0.025;

/// Drifting, lost and won-back customers need enough history to show it.
fn assign_fates(dice: &mut Dice, plans: &mut [CustomerPlan]) {
    let mut eligible: Vec<usize> = (0..plans.len())
        .filter(|i| plans[*i].start() >= 700)
        .collect();
    shuffle(dice, &mut eligible);
    let share = |f: f64| dice::round(plans.len() as f64 * f) as usize;
    let (lost, drifting, won_back) = (share(LOST), share(DRIFTING), share(WON_BACK));
    for (k, i) in eligible.into_iter().enumerate() {
        let start = plans[i].start();
        plans[i].fate = if k < lost {
            Fate::Lost {
                last: dice.between(240, 720.min(start - 200)),
            }
        } else if k < lost + drifting {
            Fate::Drifting {
                from: dice.between(180, 330),
                tau: dice.real(30.0, 75.0),
            }
        } else if k < lost + drifting + won_back {
            let to = dice.between(60, 240);
            Fate::WonBack {
                from: to + dice.between(150, 300),
                to,
            }
        } else {
            Fate::Steady
        };
    }
}

fn customer_name(dice: &mut Dice, plan: &CustomerPlan, taken: &mut HashSet<String>) -> String {
    let make = |dice: &mut Dice| {
        if plan.record.kind == CustomerKind::Person {
            names::person(dice)
        } else if plan.english {
            names::english_company(dice, plan.region, plan.industry)
        } else {
            names::chinese_company(dice, plan.region, plan.industry)
        }
    };
    let mut name = make(dice);
    for _ in 0..8 {
        if !taken.contains(&name) {
            break;
        }
        name = make(dice);
    }
    if taken.contains(&name) && plan.record.kind == CustomerKind::Company {
        for _ in 0..8 {
            let branch = if plan.english {
                format!("{name} ({})", dice.pick(REGIONS[plan.region].latin))
            } else {
                names::branch(dice, &name, plan.region)
            };
            if !taken.contains(&branch) {
                name = branch;
                break;
            }
        }
    }
    taken.insert(name.clone());
    name
}

fn tags(dice: &mut Dice, plan: &CustomerPlan) -> Vec<String> {
    let mut tags: Vec<&str> = Vec::new();
    if dice.chance(0.7) {
        tags.push(*dice.pick(texts::PAYMENT_TAGS));
    }
    if plan.record.tier == Tier::A {
        if dice.chance(0.5) {
            tags.push("战略合作");
        }
        if dice.chance(0.3) {
            tags.push("VIP");
        }
    }
    if plan.since_ago > 5 * 365 && dice.chance(0.5) {
        tags.push("老客户");
    }
    if plan.since_ago < 365 {
        tags.push("新客户");
    }
    if dice.chance(0.35) {
        let extra = *dice.pick(texts::OTHER_TAGS);
        if !tags.contains(&extra) {
            tags.push(extra);
        }
    }
    tags.into_iter().map(str::to_string).collect()
}

fn notes(dice: &mut Dice, plan: &CustomerPlan) -> String {
    match plan.fate {
        Fate::WonBack { .. } => "曾停止采购半年多，经挽回恢复合作".to_string(),
        Fate::Lost { .. } if dice.chance(0.5) => "已转向其他供应商采购".to_string(),
        _ if dice.chance(0.2) => dice.pick(texts::CUSTOMER_NOTES).to_string(),
        _ => String::new(),
    }
}

/// Cumulative owner weights, for drawing an owner in proportion to them.
type Weighted = Vec<(usize, f64)>;

fn draw(dice: &mut Dice, list: &Weighted) -> Option<usize> {
    let total = list.last()?.1;
    let u = dice.unit() * total;
    let i = list.partition_point(|(_, c)| *c <= u).min(list.len() - 1);
    Some(list[i].0)
}

/// Gives every customer a current owner, for some a previous one (a rotation, or a
/// rep who left), and zero to two secondary contact points.
pub(super) fn ownership(d: &mut Draft) {
    let mut by_region: Vec<Weighted> = vec![Vec::new(); REGIONS.len()];
    let mut all: Weighted = Vec::new();
    let push = |list: &mut Weighted, i: usize, w: f64| {
        let total = list.last().map_or(0.0, |x| x.1);
        list.push((i, total + w));
    };
    let mut directors = Vec::new();
    let mut after_sales = Vec::new();
    let mut gone = Vec::new();
    let mut fallback = None;
    for (i, s) in d.staff.iter().enumerate() {
        match s.record.role {
            StaffRole::Director => directors.push(i),
            StaffRole::AfterSales => after_sales.push(i),
            _ => {}
        }
        if !s.can_own() {
            continue;
        }
        if s.left_ago.is_some() && !s.fresh_leaver {
            gone.push(i);
            continue;
        }
        let mut weight = if s.record.role == StaffRole::SeniorManager {
            1.4
        } else {
            1.0
        };
        if matches!(s.record.status, StaffStatus::Leaving(_)) {
            weight *= 1.8;
        }
        if s.fresh_leaver {
            weight *= 0.35;
        } else {
            fallback.get_or_insert(i);
        }
        push(&mut all, i, weight);
        for r in &s.regions {
            push(&mut by_region[*r], i, weight);
        }
    }
    let Some(fallback) = fallback.or_else(|| directors.first().copied()) else {
        return;
    };
    let staff = &d.staff;
    let dice = &mut d.dice;
    for c in &mut d.customers {
        let region = if by_region[c.region].is_empty() {
            &all
        } else {
            &by_region[c.region]
        };
        let acceptable = |i: usize| {
            let s = &staff[i];
            !(s.fresh_leaver && s.left_ago.is_some_and(|left| c.since_ago <= left + 30))
        };
        let mut owner = fallback;
        if c.record.tier == Tier::A && !directors.is_empty() && dice.chance(0.06) {
            owner = directors[dice.below(directors.len())];
        } else {
            for _ in 0..8 {
                match draw(dice, region) {
                    Some(i) if acceptable(i) => {
                        owner = i;
                        break;
                    }
                    _ => {}
                }
            }
        }
        let first_day = |i: usize| c.since_ago.min(staff[i].hire_ago);
        c.owners = vec![Segment {
            staff: owner,
            from: first_day(owner),
            until: None,
        }];
        let roll = dice.unit();
        if roll < 0.18 && !gone.is_empty() {
            for attempt in 0..6 {
                let previous = gone[dice.below(gone.len())];
                let p = &staff[previous];
                let Some(handover) = p.left_ago else { continue };
                let same_region = p.regions.contains(&c.region) || attempt >= 3;
                if same_region && c.since_ago > handover + 30 && staff[owner].hire_ago >= handover {
                    c.owners = vec![
                        Segment {
                            staff: previous,
                            from: first_day(previous),
                            until: Some(handover),
                        },
                        Segment {
                            staff: owner,
                            from: handover,
                            until: None,
                        },
                    ];
                    break;
                }
            }
        } else if roll < 0.30 {
            if let Some(previous) =
                draw(dice, region).filter(|p| *p != owner && !staff[*p].fresh_leaver)
            {
                let latest = first_day(previous).min(staff[owner].hire_ago) - 90;
                if latest > 14 {
                    let handover = dice.between(14, latest);
                    c.owners = vec![
                        Segment {
                            staff: previous,
                            from: first_day(previous),
                            until: Some(handover),
                        },
                        Segment {
                            staff: owner,
                            from: handover,
                            until: None,
                        },
                    ];
                }
            }
        }

        let chances = match c.record.tier {
            Tier::A => [0.1, 0.45],
            Tier::B => [0.35, 0.45],
            Tier::C => [0.55, 0.35],
        };
        let roll = dice.unit();
        let helpers = if roll < chances[0] {
            0
        } else if roll < chances[0] + chances[1] {
            1
        } else {
            2
        };
        c.helpers.clear();
        for _ in 0..helpers * 3 {
            if c.helpers.len() >= helpers {
                break;
            }
            let candidate = if after_sales.is_empty() || dice.chance(0.65) {
                draw(dice, region)
            } else {
                Some(after_sales[dice.below(after_sales.len())])
            };
            let Some(h) = candidate else { continue };
            let s = &staff[h];
            if h == owner || s.left_ago.is_some() || c.helpers.iter().any(|x| x.0 == h) {
                continue;
            }
            let from = (first_day(h) - dice.between(0, 365)).max(0);
            c.helpers.push((h, from));
        }
    }

    for ci in 0..d.customers.len() {
        let customer = d.customers[ci].record.id;
        let segments = d.customers[ci].owners.clone();
        for segment in segments {
            let record = Relationship {
                id: RelationshipId(d.id()),
                customer,
                staff: d.staff[segment.staff].record.id,
                role: RelationshipRole::Owner,
                since: d.cal.date(segment.from),
                until: segment.until.map(|u| d.cal.date(u)),
                ..Relationship::default()
            };
            d.relationships.push(record);
        }
        let helpers = d.customers[ci].helpers.clone();
        for (h, from) in helpers {
            let role = if d.staff[h].record.role == StaffRole::AfterSales {
                RelationshipRole::AfterSales
            } else if d.dice.chance(0.7) {
                RelationshipRole::Secondary
            } else {
                RelationshipRole::CoFollower
            };
            let record = Relationship {
                id: RelationshipId(d.id()),
                customer,
                staff: d.staff[h].record.id,
                role,
                since: d.cal.date(from),
                ..Relationship::default()
            };
            d.relationships.push(record);
        }
    }
}

/// The people at each customer, with the key dates worth remembering.
pub(super) fn contacts(d: &mut Draft) {
    for ci in 0..d.customers.len() {
        let (kind, tier, english, since_ago) = {
            let c = &d.customers[ci];
            (c.record.kind, c.record.tier, c.english, c.since_ago)
        };
        let customer = d.customers[ci].record.id;
        let company = d.customers[ci].record.name.clone();
        let count = match (kind, tier) {
            (CustomerKind::Person, _) => 1,
            (_, Tier::A) => d.dice.between(2, 4),
            (_, Tier::B) => d.dice.between(1, 3),
            (_, Tier::C) => d.dice.between(1, 2),
        };
        let mut ids = Vec::new();
        for j in 0..count {
            let dice = &mut d.dice;
            let name = match kind {
                CustomerKind::Person => company.clone(),
                CustomerKind::Company if english => names::english_person(dice),
                CustomerKind::Company => names::person(dice),
            };
            let title = match (kind, english, j) {
                (CustomerKind::Person, _, _) => "老板",
                (_, true, 0) => dice.pick(texts::ENGLISH_DECISION_TITLES),
                (_, true, _) => dice.pick(texts::ENGLISH_TITLES),
                (_, false, 0) => dice.pick(texts::DECISION_TITLES),
                (_, false, _) => dice.pick(texts::TITLES),
            };
            let email = if english {
                let local: String = name
                    .split_whitespace()
                    .map(|w| {
                        w.chars()
                            .filter(char::is_ascii_alphabetic)
                            .collect::<String>()
                            .to_lowercase()
                    })
                    .collect::<Vec<_>>()
                    .join(".");
                format!("{local}@{}", names::domain(&company))
            } else if dice.chance(0.35) {
                if dice.chance(0.5) {
                    format!("{}@qq.com", dice.digits(9).trim_start_matches('0'))
                } else {
                    format!("cg{}@163.com", dice.digits(4))
                }
            } else {
                String::new()
            };
            let birthday = dice
                .chance(0.6)
                .then(|| shift(d.cal.today(), -i64::from(dice.between(25 * 365, 60 * 365))));
            let channel = if english {
                [Channel::Email, Channel::WeChat, Channel::Phone][dice.weighted(&[0.4, 0.35, 0.25])]
            } else {
                [
                    Channel::WeChat,
                    Channel::Phone,
                    Channel::Visit,
                    Channel::Email,
                    Channel::Sms,
                ][dice.weighted(&[0.55, 0.3, 0.07, 0.05, 0.03])]
            };
            let notes = if dice.chance(0.12) {
                dice.pick(texts::CONTACT_NOTES).to_string()
            } else {
                String::new()
            };
            let phone = if dice.chance(0.92) {
                names::mobile(dice)
            } else {
                String::new()
            };
            let contact = Contact {
                id: ContactId(d.id()),
                customer,
                name,
                title: title.to_string(),
                phone,
                email,
                birthday,
                channel,
                decision_maker: j == 0 || d.dice.chance(0.08),
                reports_to: None,
                notes,
            };
            if let Some(birthday) = contact.birthday.filter(|_| d.dice.chance(0.7)) {
                let label = format!("{}生日", contact.name);
                let key_date = KeyDate {
                    id: KeyDateId(d.id()),
                    customer,
                    contact: Some(contact.id),
                    kind: KeyDateKind::Birthday,
                    date: birthday,
                    recurring: true,
                    label,
                };
                d.key_dates.push(key_date);
            }
            ids.push(contact.id);
            d.contacts.push(contact);
        }
        d.customers[ci].contacts = ids;

        let key_date = |d: &mut Draft, kind: KeyDateKind, date, label: &str| {
            let record = KeyDate {
                id: KeyDateId(d.id()),
                customer,
                contact: None,
                kind,
                date,
                recurring: true,
                label: label.to_string(),
            };
            d.key_dates.push(record);
        };
        if kind == CustomerKind::Company && d.dice.chance(0.4) {
            let founded = shift(d.cal.today(), -i64::from(d.dice.between(5 * 365, 30 * 365)));
            key_date(d, KeyDateKind::Founding, founded, "公司成立纪念日");
        }
        if tier == Tier::A || (tier == Tier::B && d.dice.chance(0.4)) {
            let renewed = d.cal.date(since_ago % 365);
            key_date(d, KeyDateKind::Renewal, renewed, "年度供货合同续签");
        }
        if kind == CustomerKind::Person && d.dice.chance(0.15) {
            let married = shift(d.cal.today(), -i64::from(d.dice.between(3 * 365, 30 * 365)));
            key_date(d, KeyDateKind::Wedding, married, "结婚纪念日");
        }
    }
}

/// Sets each seller's capacity from the book they carry: most have some room, a few
/// are stretched, which is what a rotation plan has to work with.
pub(super) fn capacities(d: &mut Draft) {
    let mut owned = vec![0u32; d.staff.len()];
    let mut helping = vec![0u32; d.staff.len()];
    for c in &d.customers {
        if let Some(last) = c.owners.last() {
            owned[last.staff] += 1;
        }
        for (h, _) in &c.helpers {
            helping[*h] += 1;
        }
    }
    let sellers: Vec<u32> = d
        .staff
        .iter()
        .zip(&owned)
        .filter(|(s, _)| s.can_own() && s.left_ago.is_none())
        .map(|(_, n)| *n)
        .collect();
    let typical = (sellers.iter().sum::<u32>() / (sellers.len() as u32).max(1)).max(10);
    for (i, plan) in d.staff.iter_mut().enumerate() {
        let base = match plan.record.role {
            StaffRole::Director => 30,
            StaffRole::AfterSales => helping[i].max(typical),
            _ if plan.left_ago.is_some() && !plan.fresh_leaver => typical,
            _ => owned[i].max(10),
        };
        let stretch = if d.dice.chance(0.1) {
            d.dice.real(0.8, 0.95)
        } else {
            d.dice.real(1.05, 1.5)
        };
        let capacity = (dice::round(f64::from(base) * stretch / 5.0) * 5).clamp(10, 5000);
        plan.record.capacity = capacity as u32;
    }
}

fn shuffle(dice: &mut Dice, items: &mut [usize]) {
    for i in (1..items.len()).rev() {
        let j = dice.below(i + 1);
        items.swap(i, j);
    }
}

/// Up to `count` different indices drawn by weight.
fn distinct(dice: &mut Dice, weights: &[f64], count: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for _ in 0..count * 4 {
        if out.len() >= count {
            break;
        }
        let i = dice.weighted(weights);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
