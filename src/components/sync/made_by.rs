//! Who made a version of a record, in one line: the staff member (or the team
//! database's user, when the device has not said who it is), the device and the time.

use crate::i18n::{format_moment, I18n};
use liuke_engine::sync::Stamp;
use liuke_engine::Book;

pub fn made_by(i18n: &I18n, book: &Book, stamp: &Stamp) -> String {
    let who = stamp
        .staff
        .and_then(|id| book.staff().get(id))
        .map_or_else(|| stamp.by.clone(), |s| s.name.clone());
    i18n.tf(
        "change.made_by",
        &[
            ("who", who),
            ("device", stamp.device.to_string()),
            ("at", format_moment(stamp.at)),
        ],
    )
}
