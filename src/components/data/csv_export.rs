use crate::browser::confirm;
use crate::i18n::{t, use_i18n, variant, I18n, Lang};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::interchange::csv_export::export_csv;
use liuke_engine::interchange::csv_import::{ImportKind, Language};
use liuke_engine::{Book, Date};

/// What the data page exports: a kind the import reads back, or a list to read in Excel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListKind {
    Import(ImportKind),
    Complaints,
    Instalments,
}

impl ListKind {
    fn all() -> Vec<ListKind> {
        let mut all: Vec<ListKind> = ImportKind::ALL.into_iter().map(ListKind::Import).collect();
        all.extend([ListKind::Complaints, ListKind::Instalments]);
        all
    }

    fn key(self) -> String {
        match self {
            ListKind::Import(k) => variant(&k),
            ListKind::Complaints => "complaints".into(),
            ListKind::Instalments => "instalments".into(),
        }
    }
}

/// Every complaint, oldest first: where it stands and when each step was taken.
fn complaints_csv(i18n: &I18n, book: &Book, today: Date) -> String {
    let headers = [
        "field.customer",
        "field.received",
        "field.subject",
        "field.severity",
        "field.channel",
        "field.status",
        "export.col.next_due",
        "export.col.resolved_on",
        "field.resolution",
        "export.col.reported_back_on",
    ];
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows = book.complaints().iter().map(|c| {
        let mut due = date(c.next_due());
        if c.is_overdue(today) {
            due = format!("{due} ({})", i18n.t("agenda.overdue"));
        }
        vec![
            book.customer_name(c.customer),
            c.received.to_string(),
            c.subject.clone(),
            i18n.t(&format!("severity.{}", variant(&c.severity))),
            c.channel.clone(),
            i18n.t(&format!("complaint.status.{}", variant(&c.status()))),
            due,
            date(c.resolved_on),
            c.resolution.clone(),
            date(c.reported_back_on),
        ]
    });
    crate::csv_file::table(i18n, &headers, rows)
}

/// Every instalment of every payment plan (回款计划): what is due, paid and still owed.
fn instalments_csv(i18n: &I18n, book: &Book, today: Date) -> String {
    let headers = [
        "field.customer",
        "field.due",
        "field.amount",
        "field.paid",
        "export.col.outstanding",
        "export.col.paid_on",
        "field.status",
        "field.notes",
    ];
    let rows = book.instalments().iter().map(|i| {
        vec![
            book.customer_name(i.customer),
            i.due.to_string(),
            i.amount.to_string(),
            i.paid.to_string(),
            i.outstanding().to_string(),
            i.paid_on.map(|d| d.to_string()).unwrap_or_default(),
            i18n.t(&format!("instalment.status.{}", variant(&i.status(today)))),
            i.note.clone(),
        ]
    });
    crate::csv_file::table(i18n, &headers, rows)
}

/// Lists as CSV for Excel (UTF-8 with BOM): the kinds the import reads back, with the same
/// headers, and the complaints and payment plans to read or hand on.
#[component]
pub fn CsvExport() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let kind = RwSignal::new(ListKind::Import(ImportKind::Customers));
    let export = move |_| {
        // The lock keeps the book encrypted on this device; a CSV file never is.
        if state.lock_on.get_untracked() && !confirm(&i18n.t("export.confirm_plain")) {
            return;
        }
        let kind = kind.get_untracked();
        let language = match i18n.lang.get_untracked() {
            Lang::Zh => Language::Zh,
            Lang::En => Language::En,
        };
        let today = state.calendar_today();
        let text = state.stored.with_untracked(|b| match kind {
            ListKind::Import(kind) => export_csv(b, kind, today, language, &|c| {
                c.default_header(kind, language).to_string()
            }),
            ListKind::Complaints => complaints_csv(&i18n, b, today),
            ListKind::Instalments => instalments_csv(&i18n, b, today),
        });
        crate::csv_file::offer(state, &format!("liuke-{}-{today}.csv", kind.key()), &text);
    };
    view! {
        <section class="card csv-export">
            <h2>{t("export.title")}</h2>
            <p class="hint">{t("export.lead")}</p>
            <div class="toolbar">
                <select name="export_kind" aria-label=t("import.kind") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(k) = ListKind::all().into_iter().find(|k| k.key() == value) { kind.set(k) }
                }>
                    {ListKind::all().into_iter().map(|k| {
                        let key = match k {
                            ListKind::Import(_) => format!("import.kind.{}", k.key()),
                            _ => format!("export.kind.{}", k.key()),
                        };
                        view! { <option value=k.key()>{move || i18n.t(&key)}</option> }
                    }).collect_view()}
                </select>
                <button type="button" class="export-list" on:click=export>{t("export.button")}</button>
            </div>
        </section>
    }
}
