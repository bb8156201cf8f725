//! Every id a record holds, its own and those it names, rewritten by one function: how a
//! book kept on one device moves into its own id space when it joins a team book, with
//! every reference moved alike.

use super::*;

macro_rules! map {
    ($f:expr, $($id:expr),+ $(,)?) => {{$(
        $id.0 = $f($id.0);
    )+}};
}

macro_rules! map_some {
    ($f:expr, $($id:expr),+ $(,)?) => {{$(
        if let Some(id) = $id.as_mut() {
            id.0 = $f(id.0);
        }
    )+}};
}

impl Record {
    /// Rewrites the record's id and every id it refers to with `f`. A reference field
    /// added to a record must be added here, or the reference would break on a move
    /// (the test `moving_a_book_keeps_every_reference` fails if it does).
    pub fn map_ids(&mut self, f: &impl Fn(u64) -> u64) {
        match self {
            Record::Customer(c) => map!(f, c.id),
            Record::Contact(c) => {
                map!(f, c.id, c.customer);
                map_some!(f, c.reports_to);
            }
            Record::Staff(s) => map!(f, s.id),
            Record::Relationship(r) => map!(f, r.id, r.customer, r.staff),
            Record::Order(o) => {
                map!(f, o.id, o.customer);
                map_some!(f, o.staff);
            }
            Record::Interaction(i) => {
                map!(f, i.id, i.customer);
                map_some!(f, i.staff, i.contact);
            }
            Record::Complaint(c) => map!(f, c.id, c.customer),
            Record::Survey(s) => map!(f, s.id, s.customer),
            Record::Signal(s) => map!(f, s.id, s.customer),
            Record::KeyDate(k) => {
                map!(f, k.id, k.customer);
                map_some!(f, k.contact);
            }
            Record::Task(t) => {
                map!(f, t.id);
                map_some!(f, t.customer, t.staff);
            }
            Record::Handover(h) => {
                map!(f, h.id, h.customer, h.to);
                map_some!(f, h.from);
                for step in &mut h.steps {
                    map_some!(f, step.staff);
                }
            }
            Record::Instalment(i) => {
                map!(f, i.id, i.customer);
                map_some!(f, i.order);
            }
            Record::WinbackCase(w) => {
                map!(f, w.id, w.customer);
                map_some!(f, w.owner);
                for action in &mut w.actions {
                    map_some!(f, action.staff);
                }
            }
            Record::Announcement(a) => {
                map!(f, a.id);
                for told in &mut a.told {
                    map!(f, told.customer);
                }
            }
            Record::Deferral(d) => map!(f, d.id, d.customer),
        }
    }
}
