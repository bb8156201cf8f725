//! Small hand-made books for rotation tests.

use liuke_engine::*;

pub fn today() -> Date {
    Date::from_ymd_opt(2026, 3, 15).expect("valid")
}

pub fn ago(days: i64) -> Date {
    today() - chrono::Duration::days(days)
}

pub fn ahead(days: i64) -> Date {
    today() + chrono::Duration::days(days)
}

#[derive(Default)]
pub struct Fixture {
    records: Vec<Record>,
    next: u64,
}

/// A staff member as the tests describe one.
pub struct Person<'a> {
    pub role: StaffRole,
    pub regions: &'a [&'a str],
    pub industries: &'a [&'a str],
    pub capacity: u32,
    pub status: StaffStatus,
    pub years: i64,
}

impl Default for Person<'_> {
    fn default() -> Self {
        Person {
            role: StaffRole::AccountManager,
            regions: &["East"],
            industries: &["Steel"],
            capacity: 50,
            status: StaffStatus::Active,
            years: 3,
        }
    }
}

impl Fixture {
    fn id(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    pub fn staff(&mut self, name: &str, p: Person) -> StaffId {
        let id = StaffId(self.id());
        self.records.push(Record::Staff(Staff {
            id,
            name: name.into(),
            role: p.role,
            hire_date: ago(365 * p.years + 10),
            regions: p
                .regions
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            industries: p
                .industries
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            capacity: p.capacity,
            status: p.status,
        }));
        id
    }

    pub fn customer(&mut self, name: &str, tier: Tier, region: &str) -> CustomerId {
        let id = CustomerId(self.id());
        self.records.push(Record::Customer(Customer {
            id,
            name: name.into(),
            tier,
            region: region.into(),
            industry: "Steel".into(),
            since: ago(3000),
            ..Customer::default()
        }));
        id
    }

    pub fn cannot_lose(&mut self, customer: CustomerId) {
        for r in &mut self.records {
            if let Record::Customer(c) = r {
                if c.id == customer {
                    c.cannot_lose = true;
                }
            }
        }
    }

    pub fn relate(
        &mut self,
        customer: CustomerId,
        staff: StaffId,
        role: RelationshipRole,
        days: i64,
    ) {
        let id = RelationshipId(self.id());
        self.records.push(Record::Relationship(Relationship {
            id,
            customer,
            staff,
            role,
            since: ago(days),
            ..Relationship::default()
        }));
    }

    pub fn own(&mut self, customer: CustomerId, staff: StaffId) {
        self.relate(customer, staff, RelationshipRole::Owner, 400);
    }

    pub fn interact(&mut self, customer: CustomerId, staff: StaffId, days: i64) {
        let id = InteractionId(self.id());
        self.records.push(Record::Interaction(Interaction {
            id,
            customer,
            date: ago(days),
            staff: Some(staff),
            ..Interaction::default()
        }));
    }

    pub fn order(&mut self, customer: CustomerId, yuan: i64, days: i64) {
        let id = OrderId(self.id());
        self.records.push(Record::Order(Order {
            id,
            customer,
            date: ago(days),
            amount: Money::from_yuan(yuan),
            quantity: 1,
            margin: Money::from_yuan(yuan / 5),
            cost_to_serve: Money::ZERO,
            staff: None,
            note: String::new(),
        }));
    }

    pub fn book(&self) -> Book {
        let book = Book::from_records(self.records.clone(), self.next + 1);
        for r in &self.records {
            assert_eq!(r.validate(today()), Ok(()), "fixture record {r:?}");
        }
        book
    }
}
