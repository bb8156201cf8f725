//! An edit made in a form, checked against the record as the form showed it. If another
//! tab (or, with sync, another device) saved the record meanwhile, the edit is never
//! written blindly over it: the fields only one side changed are merged, and if both
//! sides changed the same field differently the edit is refused, naming those fields,
//! so the user can see what changed and choose to apply theirs on top.

use super::Change;
use crate::book::Book;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::records::Record;
use crate::schema::record_from_value;
use crate::Date;
use serde_json::{Map, Value};

impl Book {
    pub(super) fn plan_edit(
        &self,
        base: &Record,
        edited: &Record,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        if base.key() != edited.key() {
            return Err(BookError::invalid(Field::Record, Problem::Invalid));
        }
        let current = self.get(edited.key()).ok_or(BookError::NotFound {
            kind: edited.kind(),
            id: edited.id(),
        })?;
        let record = if current == *base {
            edited.clone()
        } else {
            merge(base, &current, edited)?
        };
        self.plan_replace(current, record, today, change)
    }
}

fn fields(record: &Record) -> Map<String, Value> {
    match serde_json::from_str::<Value>(&record.to_json()) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The current record with the fields the user changed from `base`, if no field was
/// changed differently on both sides; else which fields were.
fn merge(base: &Record, current: &Record, edited: &Record) -> BookResult<Record> {
    let (base, mut merged, edited) = (fields(base), fields(current), fields(edited));
    let mut clashes: Vec<Field> = Vec::new();
    for (key, mine) in &edited {
        let before = base.get(key).unwrap_or(&Value::Null);
        if mine == before {
            continue;
        }
        let theirs = merged.get(key).unwrap_or(&Value::Null);
        if let Some(value) = merge_value(before, theirs, mine) {
            merged.insert(key.clone(), value);
        } else {
            let field = field_of(key);
            if !clashes.contains(&field) {
                clashes.push(field);
            }
        }
    }
    if !clashes.is_empty() {
        return Err(BookError::Stale { fields: clashes });
    }
    record_from_value(current.kind(), Value::Object(merged))
        .map_err(|_| BookError::invalid(Field::Record, Problem::Invalid))
}

/// One field merged: the side that changed it wins; both changed alike is no clash; a
/// group of fields (a checklist) changed on both sides is merged field by field; else a
/// clash (`None`).
fn merge_value(before: &Value, theirs: &Value, mine: &Value) -> Option<Value> {
    if mine == before || theirs == mine {
        return Some(theirs.clone());
    }
    if theirs == before {
        return Some(mine.clone());
    }
    let (Value::Object(before), Value::Object(theirs), Value::Object(mine)) =
        (before, theirs, mine)
    else {
        return None;
    };
    let mut merged = theirs.clone();
    for key in mine.keys().chain(before.keys()) {
        let value = merge_value(
            before.get(key).unwrap_or(&Value::Null),
            theirs.get(key).unwrap_or(&Value::Null),
            mine.get(key).unwrap_or(&Value::Null),
        )?;
        if value.is_null() && !theirs.contains_key(key) {
            continue;
        }
        merged.insert(key.clone(), value);
    }
    Some(Value::Object(merged))
}

/// The form field a stored key is shown as.
fn field_of(key: &str) -> Field {
    match key {
        "note" => Field::Notes,
        other => serde_json::from_value(Value::String(other.to_string())).unwrap_or(Field::Record),
    }
}
