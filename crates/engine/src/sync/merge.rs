//! Two devices changed one document while apart. Where they changed different fields,
//! the versions merge by themselves against the version both started from, and the
//! merge is written as a new version after the winner with the losing version deleted:
//! the same revisions on every device that merges, so merging never makes a new
//! conflict. Where both changed one field differently, the conflict stays for a person
//! to settle (see `SyncStore::conflicts`).

use super::stamp;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Generations of history whose bodies are kept below each current version: the
/// versions a conflicting edit can have started from and still merge by itself. An
/// edit made further back than this is shown as a conflict to settle instead.
pub const BASE_GENERATIONS: usize = 8;

/// The merge of `ours` and `theirs`, both changed from `base`: each field as the side
/// that changed it left it. `Err` names the fields both sides changed differently.
/// Who made each version is no field to merge: the merge keeps `ours`' stamp, so every
/// device that merges the same versions writes the same merge.
pub fn three_way(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
) -> Result<Map<String, Value>, Vec<String>> {
    let fields: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = Map::new();
    let mut clashes = Vec::new();
    for field in fields {
        if field == stamp::FIELD {
            if let Some(value) = ours.get(field) {
                merged.insert(field.clone(), value.clone());
            }
            continue;
        }
        let (b, o, t) = (base.get(field), ours.get(field), theirs.get(field));
        let value = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            clashes.push(field.clone());
            continue;
        };
        if let Some(value) = value {
            merged.insert(field.clone(), value.clone());
        }
    }
    if clashes.is_empty() {
        Ok(merged)
    } else {
        Err(clashes)
    }
}

/// The fields in which two versions differ (who made them is not one).
pub fn changed_fields(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    let fields: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    fields
        .into_iter()
        .filter(|f| *f != stamp::FIELD && a.get(*f) != b.get(*f))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn different_fields_merge_and_the_same_field_clashes() {
        let base = map(json!({"name": "华联", "phone": "1", "note": "a"}));
        let ours = map(json!({"name": "华联商贸", "phone": "1", "note": "a"}));
        let theirs = map(json!({"name": "华联", "phone": "2", "note": "a", "city": "南京"}));
        let merged = three_way(&base, &ours, &theirs).unwrap();
        assert_eq!(
            Value::Object(merged.clone()),
            json!({"name": "华联商贸", "phone": "2", "note": "a", "city": "南京"})
        );
        // The same either way round.
        assert_eq!(three_way(&base, &theirs, &ours).unwrap(), merged);
        // A field one side removed is removed.
        let removed = map(json!({"name": "华联", "phone": "1"}));
        assert_eq!(
            Value::Object(three_way(&base, &ours, &removed).unwrap()),
            json!({"name": "华联商贸", "phone": "1"})
        );
        let clash = map(json!({"name": "华联集团", "phone": "1", "note": "a"}));
        assert_eq!(
            three_way(&base, &ours, &clash),
            Err(vec!["name".to_string()])
        );
        // The same change on both sides is no clash.
        assert_eq!(three_way(&base, &ours, &ours).unwrap(), ours);
    }

    #[test]
    fn who_made_a_version_is_kept_from_ours_and_never_clashes() {
        let base = map(json!({"name": "华联", "phone": "1", "changed": {"by": "a"}}));
        let ours = map(json!({"name": "华联商贸", "phone": "1", "changed": {"by": "b"}}));
        let theirs = map(json!({"name": "华联", "phone": "2", "changed": {"by": "c"}}));
        assert_eq!(
            Value::Object(three_way(&base, &ours, &theirs).unwrap()),
            json!({"name": "华联商贸", "phone": "2", "changed": {"by": "b"}})
        );
        assert_eq!(changed_fields(&ours, &theirs), vec!["name", "phone"]);
        let same = map(json!({"name": "华联商贸", "phone": "1", "changed": {"by": "c"}}));
        assert!(changed_fields(&ours, &same).is_empty());
    }
}
