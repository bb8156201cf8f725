//! Turns engine and storage errors into sentences in the user's language.

use crate::i18n::I18n;
use crate::state::SyncProblem;
use crate::storage::lock::{LockError, MIN_PASSPHRASE};
use crate::storage::StorageError;
use liuke_engine::book::settings::SettingsError;
use liuke_engine::schema::SchemaError;
use liuke_engine::sync::connection::{Connection, ConnectionError, Fault};
use liuke_engine::sync::store::ResolveError;
use liuke_engine::sync::DocError;
use liuke_engine::{BookError, Field, Problem, RecordKind};

#[derive(Clone, Debug, PartialEq)]
pub enum UiError {
    Book(BookError),
    Storage(StorageError),
    Schema(SchemaError),
    /// The book is shared with a team: replacing it whole (a backup, the sample data,
    /// clearing) would replace the team's data; leave the team first.
    InTeam,
    /// The book is looked at as of another day: what is shown is not the book as it
    /// is, so nothing is changed from it (an edit would write back the older state).
    LookingBack,
    /// A conflict could not be settled as asked.
    Conflict(ResolveError),
    /// The user's role in the team book does not allow the change.
    Forbidden(liuke_engine::sync::role::Forbidden),
}

impl From<BookError> for UiError {
    fn from(e: BookError) -> Self {
        UiError::Book(e)
    }
}

impl From<SchemaError> for UiError {
    fn from(e: SchemaError) -> Self {
        UiError::Schema(e)
    }
}

impl UiError {
    /// The field the error belongs to, so a form can show it beside that input.
    pub fn field(&self) -> Option<Field> {
        match self {
            UiError::Book(BookError::Invalid { field, .. }) => Some(*field),
            // Beside the owner (or person) chosen.
            UiError::Forbidden(liuke_engine::sync::role::Forbidden::Owner) => Some(Field::Staff),
            _ => None,
        }
    }

    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            UiError::Book(e) => book_message(i18n, e),
            UiError::Storage(e) => storage_message(i18n, e),
            UiError::Schema(e) => schema_message(i18n, e),
            UiError::InTeam => i18n.t("error.in_team"),
            UiError::LookingBack => i18n.t("error.looking_back"),
            UiError::Forbidden(rule) => forbidden_message(i18n, *rule),
            UiError::Conflict(ResolveError::NoConflict) => i18n.t("conflict.gone"),
            UiError::Conflict(ResolveError::Invalid(DocError::Invalid { error, .. })) => {
                book_message(i18n, error)
            }
            UiError::Conflict(ResolveError::Invalid(e)) => {
                i18n.tf("conflict.invalid", &[("detail", e.to_string())])
            }
        }
    }
}

pub fn field_label(i18n: &I18n, field: Field) -> String {
    let key = serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    i18n.t(&format!("field.{key}"))
}

pub fn kind_label(i18n: &I18n, kind: RecordKind) -> String {
    i18n.t(&format!("kind.{}", kind.store()))
}

pub fn problem_message(i18n: &I18n, field: Field, problem: &Problem) -> String {
    let label = field_label(i18n, field);
    let args = |extra: Vec<(&'static str, String)>| {
        let mut all = vec![("field", label.clone())];
        all.extend(extra);
        all
    };
    match problem {
        Problem::Required => i18n.tf("error.required", &args(vec![])),
        Problem::TooLong { max } => {
            i18n.tf("error.too_long", &args(vec![("max", max.to_string())]))
        }
        Problem::Negative => i18n.tf("error.negative", &args(vec![])),
        Problem::InFuture => i18n.tf("error.in_future", &args(vec![])),
        // A satisfaction score is chosen by its words, not typed as a number.
        Problem::OutOfRange { .. } if field == Field::Score => i18n.t("error.score_choice"),
        Problem::OutOfRange { min, max } => i18n.tf(
            "error.out_of_range",
            &args(vec![("min", min.to_string()), ("max", max.to_string())]),
        ),
        Problem::YearOutOfRange { first, last } => i18n.tf(
            "error.year_out_of_range",
            &args(vec![
                ("first", first.to_string()),
                ("last", last.to_string()),
            ]),
        ),
        Problem::Duplicate => i18n.tf("error.duplicate", &args(vec![])),
        Problem::BeforeDate { other } => i18n.tf(
            "error.before_date",
            &args(vec![("other", field_label(i18n, *other))]),
        ),
        Problem::MarginAboveAmount => i18n.t("error.margin_above_amount"),
        Problem::PaidAboveAmount => i18n.t("error.paid_above_amount"),
        Problem::Void => i18n.t("error.instalment_void"),
        Problem::AlreadyPaid => i18n.t("error.instalment_already_paid"),
        Problem::Unknown { kind, .. } => i18n.tf(
            "error.unknown",
            &args(vec![("kind", kind_label(i18n, *kind))]),
        ),
        Problem::Invalid => i18n.tf("error.invalid", &args(vec![])),
    }
}

fn book_message(i18n: &I18n, e: &BookError) -> String {
    match e {
        BookError::Invalid { field, problem } => problem_message(i18n, *field, problem),
        BookError::NotFound { kind, .. } => {
            i18n.tf("error.not_found", &[("kind", kind_label(i18n, *kind))])
        }
        BookError::ComplaintStep { .. } => i18n.t("error.complaint_step"),
        BookError::InUse { count } => i18n.tf("error.in_use", &[("count", count.to_string())]),
        BookError::Conflict(_) => i18n.t("error.nothing_to_undo"),
        BookError::IdsExhausted => i18n.t("error.ids_exhausted"),
        BookError::Settings(e) => settings_message(i18n, e),
        BookError::Stale { fields } => {
            let names: Vec<String> = fields.iter().map(|f| field_label(i18n, *f)).collect();
            i18n.tf(
                "error.stale",
                &[("fields", names.join(&i18n.t("list.separator")))],
            )
        }
    }
}

fn storage_message(i18n: &I18n, e: &StorageError) -> String {
    match e {
        StorageError::Unavailable(_) => i18n.t("error.storage_unavailable"),
        StorageError::Conflict => i18n.t("error.storage_conflict"),
        StorageError::QuotaExceeded => i18n.t("error.storage_quota"),
        StorageError::Blocked => i18n.t("error.storage_blocked"),
        StorageError::Newer(v) => i18n.tf("error.storage_newer", &[("version", v.to_string())]),
        StorageError::Locked => i18n.t("error.storage_locked"),
        StorageError::KeyChanged => i18n.t("error.storage_key_changed"),
        StorageError::Lock(e) => lock_message(i18n, e),
        StorageError::Failed(detail) => {
            i18n.tf("error.storage_failed", &[("detail", detail.clone())])
        }
    }
}

pub fn lock_message(i18n: &I18n, e: &LockError) -> String {
    match e {
        LockError::Unavailable => i18n.t("lock.error.unavailable"),
        LockError::WrongPassphrase => i18n.t("lock.error.wrong"),
        LockError::TooShort => i18n.tf(
            "lock.error.too_short",
            &[("min", MIN_PASSPHRASE.to_string())],
        ),
        LockError::Mismatch => i18n.t("lock.error.mismatch"),
        LockError::Damaged => i18n.t("lock.error.damaged"),
        LockError::Failed(detail) => i18n.tf("error.storage_failed", &[("detail", detail.clone())]),
    }
}

fn schema_message(i18n: &I18n, e: &SchemaError) -> String {
    match e {
        SchemaError::NotJson(_) => i18n.t("error.backup_not_json"),
        SchemaError::Foreign => i18n.t("error.backup_foreign"),
        SchemaError::Newer { found, supported } => i18n.tf(
            "error.backup_newer",
            &[
                ("found", found.to_string()),
                ("supported", supported.to_string()),
            ],
        ),
        SchemaError::NoMigration(v) => {
            i18n.tf("error.backup_no_migration", &[("version", v.to_string())])
        }
        SchemaError::Corrupt { kind, index, .. } => i18n.tf(
            "error.backup_corrupt",
            &[
                ("kind", kind_label(i18n, *kind)),
                ("index", (index + 1).to_string()),
            ],
        ),
        SchemaError::Invalid { kind, id, error } => i18n.tf(
            "error.backup_invalid",
            &[
                ("kind", kind_label(i18n, *kind)),
                ("id", id.to_string()),
                ("reason", book_message(i18n, error)),
            ],
        ),
        SchemaError::DuplicateId(id) => {
            i18n.tf("error.backup_duplicate_id", &[("id", id.to_string())])
        }
        SchemaError::IdTooLarge { kind, id } => {
            let kind = kind.map_or_else(|| i18n.t("error.next_id"), |k| kind_label(i18n, k));
            i18n.tf(
                "error.backup_id_too_large",
                &[
                    ("kind", kind),
                    ("id", id.to_string()),
                    ("max", liuke_engine::ids::MAX_ID.to_string()),
                ],
            )
        }
        SchemaError::TooDeep => i18n.t("error.backup_too_deep"),
        SchemaError::Sealed => i18n.t("error.backup_sealed"),
        SchemaError::SealedDamaged => i18n.t("error.backup_sealed_damaged"),
        SchemaError::Settings(e) => i18n.tf(
            "error.backup_settings",
            &[("reason", settings_message(i18n, e))],
        ),
        SchemaError::SettingsCorrupt(_) => i18n.t("error.backup_settings_corrupt"),
    }
}

/// Why the engine refused team settings.
pub fn settings_message(i18n: &I18n, e: &SettingsError) -> String {
    match e {
        SettingsError::BandOrder => i18n.t("settings.risk.band_order"),
        SettingsError::OutOfRange(field) => i18n.tf(
            "settings.field_out_of_range",
            &[("field", field.to_string())],
        ),
    }
}

/// Why a team-sync connection's settings cannot be used, as the form says it.
pub fn connection_message(i18n: &I18n, error: ConnectionError) -> String {
    let key = match error {
        ConnectionError::ServerMissing => "server_missing",
        ConnectionError::ServerNotUrl => "server_not_url",
        ConnectionError::ServerHasCredentials => "server_has_credentials",
        ConnectionError::NeedsHttps => "needs_https",
        ConnectionError::DatabaseName => "database_name",
        ConnectionError::UserMissing => "user_missing",
    };
    i18n.t(&format!("sync.invalid.{key}"))
}

/// What the connection check found wrong, with what to do about it.
pub fn fault_message(i18n: &I18n, fault: Fault, connection: &Connection) -> String {
    let key = match fault {
        Fault::Unreachable => "unreachable",
        Fault::Cors => "cors",
        Fault::WrongPassword => "wrong_password",
        Fault::NotCouch => "not_couch",
        Fault::NoDatabase => "no_database",
        Fault::NotMember => "not_member",
        Fault::Server(_) => "server",
    };
    let status = match fault {
        Fault::Server(status) => status.to_string(),
        _ => String::new(),
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    i18n.tf(
        &format!("sync.fault.{key}"),
        &[
            ("server", connection.server.clone()),
            ("database", connection.database.clone()),
            ("user", connection.user.clone()),
            ("status", status),
            ("origin", origin),
        ],
    )
}

/// Why a sync did not finish, and that what it did stays done.
pub fn sync_problem_message(
    i18n: &I18n,
    problem: &SyncProblem,
    connection: Option<&Connection>,
) -> String {
    match problem {
        SyncProblem::Fault(fault) => match connection {
            Some(connection) => fault_message(i18n, *fault, connection),
            None => i18n.t("sync.problem.no_connection"),
        },
        SyncProblem::NoConnection => i18n.t("sync.problem.no_connection"),
        SyncProblem::NoPassword => i18n.t("sync.problem.no_password"),
        SyncProblem::Running | SyncProblem::Woken => i18n.t("sync.problem.running"),
        SyncProblem::ChooseJoin { .. } => i18n.t("sync.problem.choose_join"),
        SyncProblem::Protocol(e) => i18n.tf("sync.problem.protocol", &[("detail", e.to_string())]),
        SyncProblem::Join(e) => i18n.tf("sync.problem.join", &[("detail", e.to_string())]),
        SyncProblem::Storage(e) => e.message(i18n),
    }
}

/// Why a rep may not make a change, in the user's language.
pub fn forbidden_message(i18n: &I18n, rule: liuke_engine::sync::role::Forbidden) -> String {
    use liuke_engine::sync::role::Forbidden;
    i18n.t(match rule {
        Forbidden::TeamSettings => "forbidden.team_settings",
        Forbidden::DeleteCustomer => "forbidden.delete_customer",
        Forbidden::Owner => "forbidden.owner",
        Forbidden::Rotation => "forbidden.rotation",
        Forbidden::WhoAmI => "forbidden.who_am_i",
    })
}

/// A change the team database refused, with its reason: ours in the user's language,
/// any other as the server gave it.
pub fn refusal_message(i18n: &I18n, reason: &str) -> String {
    let why = liuke_engine::sync::role::Forbidden::from_code(reason)
        .map_or_else(|| reason.to_string(), |rule| forbidden_message(i18n, rule));
    i18n.tf("sync.refused_change", &[("reason", why)])
}
