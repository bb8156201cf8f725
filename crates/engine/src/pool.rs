//! The customer pool (公海): customers without an owner, the rules that send an
//! unattended customer back to it, and claiming from it. No customer stays with an owner
//! who does not look after it, and no rep hoards what they cannot serve.
//!
//! Recycling is computed when the app opens, never by a background job: [`recycle`]
//! returns one undoable command that ends each due ownership and records why on it.

#[cfg(test)]
mod tests;

use crate::book::Book;
use crate::command::Command;
use crate::ids::IdHashMap;
use crate::records::*;
use crate::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One tier's limits in days; `None` switches that rule off for the tier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PoolRule {
    pub follow_up_days: Option<u32>,
    pub order_days: Option<u32>,
}

/// The pool's rules, the same for the whole team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PoolSettings {
    /// Off until a manager turns it on: recycling takes customers from people.
    pub enabled: bool,
    /// Limits for tiers A, B and C.
    pub tiers: [PoolRule; 3],
    /// The owner is warned this many days before the limit.
    pub warning_days: u32,
    /// Locked customers (锁定) are never recycled.
    pub exempt_locked: bool,
    /// Lost customers (file closed) are never recycled; win-back handles them.
    pub exempt_lost: bool,
    /// How many customers one person may own when claiming (0: no cap).
    pub claim_cap: u32,
    /// The owner a customer was recycled from may not claim it back for this many days.
    pub bar_days: u32,
}

impl Default for PoolSettings {
    /// Limits longer than the contact cadence (A 30, B 60, C 90 days), so a customer is
    /// recycled only after the owner missed several calls; top customers wait longest.
    fn default() -> Self {
        PoolSettings {
            enabled: false,
            tiers: [
                PoolRule {
                    follow_up_days: Some(60),
                    order_days: Some(365),
                },
                PoolRule {
                    follow_up_days: Some(90),
                    order_days: Some(365),
                },
                PoolRule {
                    follow_up_days: Some(120),
                    order_days: Some(365),
                },
            ],
            warning_days: 7,
            exempt_locked: true,
            exempt_lost: true,
            claim_cap: 300,
            bar_days: 30,
        }
    }
}

impl PoolSettings {
    pub fn rule(&self, tier: Tier) -> PoolRule {
        match tier {
            Tier::A => self.tiers[0],
            Tier::B => self.tiers[1],
            Tier::C => self.tiers[2],
        }
    }

    pub fn rule_mut(&mut self, tier: Tier) -> &mut PoolRule {
        match tier {
            Tier::A => &mut self.tiers[0],
            Tier::B => &mut self.tiers[1],
            Tier::C => &mut self.tiers[2],
        }
    }
}

/// Where one owned customer stands against the rule that fires first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub customer: CustomerId,
    pub owner: StaffId,
    /// The owner's relationship, ended when the customer is recycled.
    pub relationship: RelationshipId,
    pub rule: RecycleRule,
    /// Days since the later of the last follow-up (or order) and the day the owner got
    /// the customer: a transfer restarts the clock.
    pub idle_days: u32,
    pub limit_days: u32,
}

impl Clock {
    pub fn days_left(&self) -> u32 {
        self.limit_days.saturating_sub(self.idle_days)
    }

    pub fn is_due(&self) -> bool {
        self.idle_days >= self.limit_days
    }

    /// The day the customer returns to the pool if nothing happens.
    pub fn recycle_on(&self, today: Date) -> Date {
        crate::records::dates::plus_days(today, i64::from(self.days_left()))
    }

    pub fn recycled(&self) -> Recycled {
        Recycled {
            rule: self.rule,
            idle_days: self.idle_days,
            limit_days: self.limit_days,
        }
    }
}

fn days_between(from: Date, to: Date) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

/// Each owned, non-exempt customer's clock, customer order. Empty when the pool is off.
pub fn clocks(book: &Book, settings: &PoolSettings, today: Date) -> Vec<Clock> {
    if !settings.enabled {
        return Vec::new();
    }
    let mut last_touch: IdHashMap<CustomerId, Date> = IdHashMap::default();
    for i in book.interactions().iter().filter(|i| i.date <= today) {
        let slot = last_touch.entry(i.customer).or_insert(i.date);
        *slot = (*slot).max(i.date);
    }
    let mut last_order: IdHashMap<CustomerId, Date> = IdHashMap::default();
    for o in book.orders().iter().filter(|o| o.date <= today) {
        let slot = last_order.entry(o.customer).or_insert(o.date);
        *slot = (*slot).max(o.date);
    }
    let mut out = Vec::new();
    for r in book.relationships().iter() {
        if !r.is_live() || r.role != RelationshipRole::Owner {
            continue;
        }
        let Some(customer) = book.customers().get(r.customer.0) else {
            continue;
        };
        if (settings.exempt_locked && customer.locked)
            || (settings.exempt_lost && customer.status == CustomerStatus::Lost)
        {
            continue;
        }
        let rule = settings.rule(customer.tier);
        let start = |last: Option<&Date>| last.map_or(r.since, |d| (*d).max(r.since));
        let candidates = [
            rule.follow_up_days.map(|limit| {
                (
                    RecycleRule::NoFollowUp,
                    days_between(start(last_touch.get(&customer.id)), today),
                    limit,
                )
            }),
            rule.order_days.map(|limit| {
                (
                    RecycleRule::NoOrder,
                    days_between(start(last_order.get(&customer.id)), today),
                    limit,
                )
            }),
        ];
        let first = candidates
            .into_iter()
            .flatten()
            .min_by_key(|(_, idle, limit)| i64::from(*limit) - i64::from(*idle));
        if let Some((rule, idle_days, limit_days)) = first {
            out.push(Clock {
                customer: customer.id,
                owner: r.staff,
                relationship: r.id,
                rule,
                idle_days,
                limit_days,
            });
        }
    }
    out.sort_by_key(|c| c.customer);
    out
}

/// Clocks in the warning zone: fewer than `warning_days` left, not yet due.
pub fn warnings(book: &Book, settings: &PoolSettings, today: Date) -> Vec<Clock> {
    clocks(book, settings, today)
        .into_iter()
        .filter(|c| !c.is_due() && c.days_left() <= settings.warning_days)
        .collect()
}

/// The customers due to return to the pool today, and the one command that returns
/// them all (ending each ownership today with its reason) and records `settings` as the
/// rules last said yes to, or `None` when none is due. Undoing the run undoes the yes.
pub fn recycle(book: &Book, settings: &PoolSettings, today: Date) -> Option<(Vec<Clock>, Command)> {
    let due: Vec<Clock> = clocks(book, settings, today)
        .into_iter()
        .filter(Clock::is_due)
        .collect();
    let commands: Vec<Command> = due
        .iter()
        .filter_map(|c| {
            let mut ended = book.relationships().get(c.relationship.0)?.clone();
            ended.until = Some(today.max(ended.since));
            ended.recycled = Some(c.recycled());
            Some(Command::Update {
                record: Record::Relationship(ended),
            })
        })
        .collect();
    if commands.is_empty() {
        return None;
    }
    let mut commands = commands;
    if book.settings().pool_confirmed.as_ref() != Some(settings) {
        let mut team = book.settings().clone();
        team.pool_confirmed = Some(*settings);
        commands.push(Command::SetSettings {
            settings: Box::new(team),
        });
    }
    Some((due, Command::Batch { commands }))
}

/// A run that moves more than this share of the owned customers waits for a yes …
pub const ASK_ABOVE_SHARE: f64 = 0.1;
/// … unless it moves no more than this many (in a small book one customer is a large
/// share, and the daily run of a few is what the rules are for).
pub const ASK_ABOVE_COUNT: usize = 5;

/// Why a run of the rules waits for a manager's yes instead of moving customers at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskFirst {
    /// The rules were switched on or changed since a run last moved customers under
    /// them: the manager sees what the new rules would move before they do.
    RulesChanged,
    /// Customers marked cannot-lose would move.
    CannotLose(usize),
    /// More than [`ASK_ABOVE_SHARE`] of the owned customers would move.
    LargeShare { moving: usize, owned: usize },
}

/// Whether moving `due` under `settings` must be asked first; `confirmed` are the rules
/// a manager last said yes to (or that last ran with nothing to move).
pub fn ask_first(
    book: &Book,
    settings: &PoolSettings,
    confirmed: Option<&PoolSettings>,
    due: &[Clock],
) -> Vec<AskFirst> {
    let mut ask = Vec::new();
    if due.is_empty() {
        return ask;
    }
    if confirmed != Some(settings) {
        ask.push(AskFirst::RulesChanged);
    }
    let cannot_lose = due
        .iter()
        .filter(|c| {
            book.customers()
                .get(c.customer.0)
                .is_some_and(|x| x.cannot_lose)
        })
        .count();
    if cannot_lose > 0 {
        ask.push(AskFirst::CannotLose(cannot_lose));
    }
    let owned = book
        .customers()
        .iter()
        .filter(|c| book.owner_of(c.id).is_some())
        .count();
    if due.len() > ASK_ABOVE_COUNT && due.len() as f64 > ASK_ABOVE_SHARE * owned as f64 {
        ask.push(AskFirst::LargeShare {
            moving: due.len(),
            owned,
        });
    }
    ask
}

/// A customer in the pool, with how it got there.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolEntry {
    pub customer: CustomerId,
    /// The last owner, if it ever had one.
    pub previous: Option<StaffId>,
    /// When it entered the pool (the last ownership's end).
    pub since: Option<Date>,
    /// Set when a rule recycled it (rather than a manager releasing it).
    pub recycled: Option<Recycled>,
}

/// Every customer without an owner, the longest waiting first.
pub fn entries(book: &Book) -> Vec<PoolEntry> {
    let mut last: IdHashMap<CustomerId, &Relationship> = IdHashMap::default();
    let mut owned: std::collections::HashSet<CustomerId> = Default::default();
    for r in book.relationships().iter() {
        if r.role != RelationshipRole::Owner {
            continue;
        }
        if r.is_live() {
            owned.insert(r.customer);
            continue;
        }
        let slot = last.entry(r.customer).or_insert(r);
        if (r.until, r.id) > (slot.until, slot.id) {
            *slot = r;
        }
    }
    let mut out: Vec<PoolEntry> = book
        .customers()
        .iter()
        .filter(|c| !owned.contains(&c.id))
        .map(|c| {
            let ended = last.get(&c.id);
            PoolEntry {
                customer: c.id,
                previous: ended.map(|r| r.staff),
                since: ended.and_then(|r| r.until),
                recycled: ended.and_then(|r| r.recycled),
            }
        })
        .collect();
    out.sort_by_key(|e| (e.since, e.customer));
    out
}

/// The day `staff` may claim `customer` again, if a rule recycled it from them recently.
pub fn barred_until(
    book: &Book,
    settings: &PoolSettings,
    customer: CustomerId,
    staff: StaffId,
) -> Option<Date> {
    book.relationships()
        .of_customer(customer)
        .filter(|r| r.staff == staff && r.role == RelationshipRole::Owner)
        .filter(|r| r.recycled.is_some())
        .filter_map(|r| r.until)
        .max()
        .map(|until| crate::records::dates::plus_days(until, i64::from(settings.bar_days)))
}

/// How many customers `staff` owns now.
pub fn holding(book: &Book, staff: StaffId) -> usize {
    book.owned_by(staff).count()
}

/// Why a claim is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ClaimError {
    #[error("the customer has an owner")]
    NotInPool,
    #[error("{holding} customers held, the cap is {cap}")]
    CapReached { holding: usize, cap: u32 },
    #[error("recycled from this person; may claim again on {until}")]
    Barred { until: Date },
    #[error("not employed on that day")]
    NotActive,
    #[error("unknown customer or staff")]
    Unknown,
}

/// The command by which `staff` claims `customer` today, or why they may not.
pub fn claim(
    book: &Book,
    settings: &PoolSettings,
    customer: CustomerId,
    staff: StaffId,
    today: Date,
) -> Result<Command, ClaimError> {
    if !book.customers().contains(customer.0) {
        return Err(ClaimError::Unknown);
    }
    let member = book.staff().get(staff.0).ok_or(ClaimError::Unknown)?;
    if !member.status.is_active_on(today) {
        return Err(ClaimError::NotActive);
    }
    if book.owner_of(customer).is_some() {
        return Err(ClaimError::NotInPool);
    }
    if let Some(until) = barred_until(book, settings, customer, staff) {
        if today < until {
            return Err(ClaimError::Barred { until });
        }
    }
    let holding = holding(book, staff);
    if settings.claim_cap > 0 && holding >= settings.claim_cap as usize {
        return Err(ClaimError::CapReached {
            holding,
            cap: settings.claim_cap,
        });
    }
    Ok(Command::Create {
        record: Record::Relationship(Relationship {
            customer,
            staff,
            role: RelationshipRole::Owner,
            since: today,
            claimed: true,
            ..Relationship::default()
        }),
    })
}
