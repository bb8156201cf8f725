//! Deterministic sample books: a believable building-materials and industrial-supplies
//! distributor, from a 200-customer demo to a 20,000-customer stress book.
//!
//! The same size and `today` always give the same book, on every platform (wasm and
//! native alike), so tests, benches and a user's "try the sample" click see the same data.
//! Every record is valid as of `today`, dated no later than `today` (only a leaving
//! staff member's last day lies ahead), and the book passes the same reference checks
//! as a restored backup. The book tells stories the engine must find: customers drifting
//! away, lost ones, won-back ones, reps who left or are leaving, complaints never
//! reported back, and a Pareto-shaped revenue with a few big A customers.

mod activity;
mod calendar;
mod cases;
mod dice;
mod names;
mod people;
mod texts;

use crate::book::Book;
use crate::records::*;
use crate::Date;
use calendar::Calendar;
use dice::Dice;

/// How big a sample book to make: S is the demo, L a big distributor (see PERFORMANCE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SampleSize {
    S,
    M,
    L,
}

/// How many records of each counted kind a sample book holds. Contacts, relationships,
/// signals and key dates follow from the customers and are not fixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SampleCounts {
    pub customers: usize,
    pub orders: usize,
    pub interactions: usize,
    pub complaints: usize,
    pub surveys: usize,
    pub staff: usize,
}

impl SampleSize {
    pub const ALL: [SampleSize; 3] = [SampleSize::S, SampleSize::M, SampleSize::L];

    pub fn counts(self) -> SampleCounts {
        let (customers, orders, interactions, complaints, surveys, staff) = match self {
            SampleSize::S => (200, 5_000, 2_000, 100, 300, 12),
            SampleSize::M => (5_000, 125_000, 50_000, 2_500, 5_000, 80),
            SampleSize::L => (20_000, 500_000, 200_000, 10_000, 20_000, 300),
        };
        SampleCounts {
            customers,
            orders,
            interactions,
            complaints,
            surveys,
            staff,
        }
    }

    /// Fixed per size, independent of `today`: the book of another day is the same
    /// book, moved in time.
    fn seed(self) -> u64 {
        match self {
            SampleSize::S => 0x6c69_756b_6501,
            SampleSize::M => 0x6c69_756b_6502,
            SampleSize::L => 0x6c69_756b_6503,
        }
    }
}

/// A sample book as of `today`. Same inputs, same book.
pub fn sample_book(size: SampleSize, today: Date) -> Book {
    let counts = size.counts();
    let mut draft = Draft {
        cal: Calendar::new(today),
        dice: Dice::new(size.seed()),
        next_id: 1,
        staff: Vec::new(),
        customers: Vec::new(),
        contacts: Vec::new(),
        relationships: Vec::new(),
        key_dates: Vec::new(),
        orders: Vec::new(),
        interactions: Vec::new(),
        complaints: Vec::new(),
        surveys: Vec::new(),
        signals: Vec::new(),
        cases: Vec::new(),
    };
    people::staff(&mut draft, counts.staff);
    people::customers(&mut draft, counts.customers);
    people::ownership(&mut draft);
    people::contacts(&mut draft);
    activity::orders(&mut draft, counts.orders);
    activity::interactions(&mut draft, counts.interactions);
    activity::complaints(&mut draft, counts.complaints);
    activity::surveys(&mut draft, counts.surveys);
    activity::signals(&mut draft);
    people::capacities(&mut draft);
    cases::winback_cases(&mut draft);
    draft.into_book()
}

/// Days of history a sample book covers with orders.
const HISTORY: i32 = 1095;

/// A book being made. Dates are kept as days ago (0 is today) until records are written.
struct Draft {
    cal: Calendar,
    dice: Dice,
    next_id: u64,
    staff: Vec<StaffPlan>,
    customers: Vec<CustomerPlan>,
    contacts: Vec<Contact>,
    relationships: Vec<Relationship>,
    key_dates: Vec<KeyDate>,
    orders: Vec<Order>,
    interactions: Vec<Interaction>,
    complaints: Vec<Complaint>,
    surveys: Vec<Survey>,
    signals: Vec<Signal>,
    cases: Vec<WinbackCase>,
}

impl Draft {
    fn id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn into_book(self) -> Book {
        let records = self
            .staff
            .into_iter()
            .map(|s| Record::Staff(s.record))
            .chain(
                self.customers
                    .into_iter()
                    .map(|c| Record::Customer(c.record)),
            )
            .chain(self.contacts.into_iter().map(Record::Contact))
            .chain(self.relationships.into_iter().map(Record::Relationship))
            .chain(self.key_dates.into_iter().map(Record::KeyDate))
            .chain(self.orders.into_iter().map(Record::Order))
            .chain(self.interactions.into_iter().map(Record::Interaction))
            .chain(self.complaints.into_iter().map(Record::Complaint))
            .chain(self.surveys.into_iter().map(Record::Survey))
            .chain(self.signals.into_iter().map(Record::Signal))
            .chain(self.cases.into_iter().map(Record::WinbackCase));
        Book::from_records(records, self.next_id)
    }
}

struct StaffPlan {
    record: Staff,
    hire_ago: i32,
    /// Set for staff who left; their last day, as days ago.
    left_ago: Option<i32>,
    /// The one who left so recently that their customers still list them as owner.
    fresh_leaver: bool,
    /// Index into `names::REGIONS`.
    regions: Vec<usize>,
}

impl StaffPlan {
    fn can_own(&self) -> bool {
        matches!(
            self.record.role,
            StaffRole::AccountManager | StaffRole::SeniorManager
        )
    }
}

/// What happens to a customer over the sample's history.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fate {
    /// Orders at its own steady rate.
    Steady,
    /// Orders fade from `from` days ago, by a factor e every `tau` days.
    Drifting { from: i32, tau: f64 },
    /// No orders after `last` days ago.
    Lost { last: i32 },
    /// Stopped between `from` and `to` days ago, then came back.
    WonBack { from: i32, to: i32 },
}

/// One stretch of a customer's ownership.
#[derive(Clone, Copy, Debug)]
struct Segment {
    staff: usize,
    from: i32,
    until: Option<i32>,
}

struct CustomerPlan {
    record: Customer,
    region: usize,
    industry: usize,
    english: bool,
    /// Expected yearly revenue, relative; tiers follow from it.
    size: f64,
    since_ago: i32,
    fate: Fate,
    /// A steady customer the manager marked at risk after something recent went wrong.
    flagged: bool,
    owners: Vec<Segment>,
    /// Secondary contact points: staff index and since when (days ago).
    helpers: Vec<(usize, i32)>,
    contacts: Vec<ContactId>,
}

impl CustomerPlan {
    /// The first day of the order history, as days ago.
    fn start(&self) -> i32 {
        self.since_ago.min(HISTORY)
    }

    /// The last day the customer orders on, as days ago.
    fn order_end(&self) -> i32 {
        match self.fate {
            Fate::Lost { last } => last,
            _ => 0,
        }
    }

    /// How keen the customer is to order on a day, before the season: 1 is its usual rate.
    fn order_trend(&self, ago: i32) -> f64 {
        match self.fate {
            Fate::Steady => 1.0,
            Fate::Drifting { from, tau } => {
                if ago >= from {
                    1.0
                } else {
                    dice::exp(-f64::from(from - ago) / tau).max(0.03)
                }
            }
            Fate::Lost { last } => {
                if ago < last {
                    0.0
                } else if ago < last + 120 {
                    0.6
                } else {
                    1.0
                }
            }
            Fate::WonBack { from, to } => {
                if ago <= from && ago >= to {
                    0.0
                } else if ago < to {
                    0.8
                } else {
                    1.0
                }
            }
        }
    }

    /// The sum of season × order trend over the order history: how many ordinary
    /// days' worth of ordering the customer does. Constant stretches come from the
    /// calendar's running totals; only a drift's fading tail is summed day by day.
    fn order_days(&self, cal: &Calendar) -> f64 {
        let (start, end) = (self.start(), self.order_end());
        match self.fate {
            Fate::Steady => cal.season_sum(end, start),
            Fate::Drifting { from, .. } => {
                let fading: f64 = (end..from.min(start + 1))
                    .map(|ago| cal.season(ago) * self.order_trend(ago))
                    .sum();
                fading + cal.season_sum(from.max(end), start)
            }
            Fate::Lost { last } => {
                0.6 * cal.season_sum(last, (last + 119).min(start))
                    + cal.season_sum(last + 120, start)
            }
            Fate::WonBack { from, to } => {
                0.8 * cal.season_sum(end, to - 1) + cal.season_sum(from + 1, start)
            }
        }
    }

    /// The sum of the contact trend over the history, like [`CustomerPlan::order_days`].
    fn contact_days(&self) -> f64 {
        let start = self.start();
        let span = |from: i32, to: i32| f64::from((to.min(start) - from.max(0) + 1).max(0));
        match self.fate {
            Fate::Steady => span(0, start),
            Fate::Drifting { from, .. } => 0.45 * span(0, from - 1) + span(from, start),
            Fate::Lost { last } => 0.5 * span(last - 90, last - 1) + span(last, start),
            Fate::WonBack { from, to } => {
                0.6 * span(to, from) + span(0, to - 1) + span(from + 1, start)
            }
        }
    }

    /// How often our people are in touch on a day: neglect comes with drifting away,
    /// and a lost customer gets a last few win-back calls.
    fn contact_trend(&self, ago: i32) -> f64 {
        match self.fate {
            Fate::Steady => 1.0,
            Fate::Drifting { from, .. } => {
                if ago >= from {
                    1.0
                } else {
                    0.45
                }
            }
            Fate::Lost { last } => {
                if ago < last - 90 {
                    0.0
                } else if ago < last {
                    0.5
                } else {
                    1.0
                }
            }
            Fate::WonBack { from, to } => {
                if ago <= from && ago >= to {
                    0.6
                } else {
                    1.0
                }
            }
        }
    }

    /// The staff member who owned the customer on a day; `None` before anyone did,
    /// or after an owner left without a successor.
    fn owner_at(&self, ago: i32, staff: &[StaffPlan]) -> Option<StaffId> {
        let segment = self
            .owners
            .iter()
            .rev()
            .find(|s| s.from >= ago && s.until.is_none_or(|u| ago >= u))?;
        let member = staff.get(segment.staff)?;
        match member.left_ago {
            Some(left) if ago < left => None,
            _ => Some(member.record.id),
        }
    }
}
