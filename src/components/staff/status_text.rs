use crate::i18n::use_i18n;
use liuke_engine::StaffStatus;

/// "Active", "Leaving on 2026-12-31", "Left on 2026-03-01", in the user's language.
pub fn status_text(status: StaffStatus) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || match status {
        StaffStatus::Active => i18n.t("staff.status.active"),
        StaffStatus::Leaving(on) => {
            i18n.tf("staff.status.leaving", &[("date", i18n.date_prose(on))])
        }
        StaffStatus::Left(on) => i18n.tf("staff.status.left", &[("date", i18n.date_prose(on))]),
    }
}
