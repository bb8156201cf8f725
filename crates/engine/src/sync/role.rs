//! Who may do what in a team book (数据权限): a manager may change anything; a rep may
//! not delete customers, move an owner (except claiming a customer from the pool for
//! themselves), apply a rotation plan or change the team settings. The team database
//! enforces the same rules on every write (`scripts/prepare-team-db.mjs`); the device
//! checks a change against them before saving it, so a rep is told at once and nothing
//! is saved that the server would refuse (a customer deleted with its file would have
//! the file's other records accepted and the customer refused).

use crate::command::Change;
use crate::records::{Record, RecordKey, RecordKind, RelationshipRole, StaffId};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The team database's role that makes a user a manager.
pub const MANAGER_ROLE: &str = "liuke-manager";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Manager,
    Rep,
}

impl Role {
    /// The role of a user with `roles` in the team database (its `_session`): the
    /// server's administrators are managers too.
    pub fn of(roles: &[String]) -> Role {
        if roles.iter().any(|r| r == MANAGER_ROLE || r == "_admin") {
            Role::Manager
        } else {
            Role::Rep
        }
    }
}

/// What a rep may not do, as the team database's rules say it. The server cannot read
/// one document from another: what it cannot see (a pool claim's cap and bar) is
/// checked on the device only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum Forbidden {
    #[error("only a manager may change the team settings")]
    TeamSettings,
    #[error("only a manager may delete a customer")]
    DeleteCustomer,
    /// Ending, moving or deleting an ownership that is not one's own, or taking a
    /// customer other than by claiming it from the pool.
    #[error("only a manager may change a customer's owner")]
    Owner,
    /// Handovers are made by applying a rotation plan.
    #[error("only a manager may apply a rotation plan")]
    Rotation,
    /// A rep must say who they are before taking or giving up customers.
    #[error("this device has not said which staff member it is")]
    WhoAmI,
}

impl Forbidden {
    /// The reason the team database's rules give for it (see the prepare script).
    pub fn code(self) -> &'static str {
        match self {
            Forbidden::TeamSettings => "liuke:team-settings",
            Forbidden::DeleteCustomer => "liuke:delete-customer",
            Forbidden::Owner => "liuke:owner",
            Forbidden::Rotation => "liuke:rotation",
            Forbidden::WhoAmI => "liuke:who-am-i",
        }
    }

    /// The rule a reason from the team database names, if it is one of ours.
    pub fn from_code(code: &str) -> Option<Forbidden> {
        [
            Forbidden::TeamSettings,
            Forbidden::DeleteCustomer,
            Forbidden::Owner,
            Forbidden::Rotation,
            Forbidden::WhoAmI,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

fn ownership(record: Option<&Record>) -> Option<&crate::records::Relationship> {
    match record {
        Some(Record::Relationship(r)) if r.role == RelationshipRole::Owner => Some(r),
        _ => None,
    }
}

/// Whether `role`, as staff member `me`, may make `change`.
pub fn check(change: &Change, role: Role, me: Option<StaffId>) -> Result<(), Forbidden> {
    if role == Role::Manager {
        return Ok(());
    }
    if change
        .settings
        .as_ref()
        .is_some_and(|s| s.before != s.after)
    {
        return Err(Forbidden::TeamSettings);
    }
    let before = |key: RecordKey| change.before.iter().find(|r| r.key() == key);
    for key in &change.deletes {
        if change.puts.iter().any(|r| r.key() == *key) {
            continue;
        }
        match key.kind {
            RecordKind::Customer => return Err(Forbidden::DeleteCustomer),
            RecordKind::Handover => return Err(Forbidden::Rotation),
            RecordKind::Relationship if ownership(before(*key)).is_some() => {
                return Err(Forbidden::Owner)
            }
            _ => {}
        }
    }
    for put in &change.puts {
        let old = before(put.key());
        match put {
            Record::Handover(_) if old.is_none() => return Err(Forbidden::Rotation),
            Record::Relationship(new) => {
                let was = ownership(old);
                let is = ownership(Some(put));
                if was.is_none() && is.is_none() {
                    continue;
                }
                let me = me.ok_or(Forbidden::WhoAmI)?;
                let allowed = match was {
                    // One's own ownership: kept or given back to the pool, never moved.
                    Some(was) => was.staff == me && new.staff == me,
                    // A new ownership: only oneself (a customer one adds, or claims
                    // from the pool; taking another's would end theirs, refused above).
                    None => new.staff == me,
                };
                if !allowed {
                    return Err(Forbidden::Owner);
                }
            }
            _ => {}
        }
    }
    Ok(())
}
