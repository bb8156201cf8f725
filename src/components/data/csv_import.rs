use crate::errors::problem_message;
use crate::i18n::{t, use_i18n, variant, I18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::interchange::csv_import::{
    decode, guess_mapping, mixed_utf8_line, sniff, sniff_encoding, Encoding, Head, ImportError,
    ImportField, ImportKind, ImportProblem, Importer, Mapping, Preview, RowProblem,
    MAX_IMPORT_BYTES,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Rows read between two pauses that let the page redraw the progress bar.
const STEP_ROWS: usize = 5_000;
/// Problems listed on screen; the summary counts all of them.
const SHOWN_PROBLEMS: usize = 200;

/// Bytes to text: UTF-8 (with or without BOM) by the engine, GBK by the browser.
fn to_text(bytes: &[u8]) -> Option<String> {
    match sniff_encoding(bytes) {
        Encoding::Gbk => {
            let decoder = web_sys::TextDecoder::new_with_label("gbk").ok()?;
            decoder.decode_with_u8_array(bytes).ok()
        }
        _ => decode(bytes).ok().map(|d| d.text.into_owned()),
    }
}

/// Lets the browser paint between slices of a long import.
async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Why an import could not start, in the user's language.
/// Why a file could not be read or previewed; put in words at render time, so a
/// language switch re-renders it.
#[derive(Clone, Debug, PartialEq)]
enum FileFailure {
    Unreadable,
    Empty,
    /// The file's size in bytes, above [`MAX_IMPORT_BYTES`].
    TooLarge(usize),
    /// The first line that is UTF-8 in a file otherwise GBK (or the reverse).
    MixedEncoding(usize),
    Import(ImportError),
}

impl FileFailure {
    fn message(&self, i18n: &I18n) -> String {
        let mb = |n: usize| format!("{:.0}", n as f64 / 1024.0 / 1024.0);
        match self {
            FileFailure::Unreadable => i18n.t("import.unreadable_file"),
            FileFailure::Empty => i18n.t("import.empty_file"),
            FileFailure::TooLarge(size) => i18n.tf(
                "import.error.too_large",
                &[("size", mb(*size)), ("max", mb(MAX_IMPORT_BYTES))],
            ),
            FileFailure::MixedEncoding(row) => {
                i18n.tf("import.error.mixed_encoding", &[("row", row.to_string())])
            }
            FileFailure::Import(e) => import_error(i18n, e),
        }
    }
}

fn import_error(i18n: &I18n, e: &ImportError) -> String {
    let field = |f: &ImportField| i18n.t(&format!("import.field.{}", f.key()));
    match e {
        ImportError::Empty => i18n.t("import.empty_file"),
        ImportError::MissingColumns { fields } => {
            let names: Vec<String> = fields.iter().map(field).collect();
            let list = names.join(&i18n.t("list.separator"));
            i18n.tf("import.error.missing_columns", &[("fields", list)])
        }
        ImportError::NoSuchColumn { field: f, .. } => {
            i18n.tf("import.error.no_such_column", &[("field", field(f))])
        }
        ImportError::UnterminatedQuote { row } => i18n.tf(
            "import.error.unterminated_quote",
            &[("row", row.to_string())],
        ),
    }
}

pub fn problem_text(i18n: &I18n, p: &ImportProblem) -> String {
    let key = format!("import.problem.{}", variant(p));
    match p {
        ImportProblem::BadDate { value }
        | ImportProblem::BadNumber { value }
        | ImportProblem::Negative { value }
        | ImportProblem::UnknownValue { value } => i18n.tf(&key, &[("value", value.clone())]),
        ImportProblem::UnknownCustomer { name }
        | ImportProblem::UnknownStaff { name }
        | ImportProblem::StaffNotActive { name }
        | ImportProblem::UnknownContact { name }
        | ImportProblem::AlreadyInBook { name }
        | ImportProblem::OrderInBook { name }
        | ImportProblem::FollowUpInBook { name } => i18n.tf(&key, &[("name", name.clone())]),
        ImportProblem::AmbiguousCustomer { name, count }
        | ImportProblem::AmbiguousStaff { name, count }
        | ImportProblem::AmbiguousContact { name, count } => i18n.tf(
            &key,
            &[("name", name.clone()), ("count", count.to_string())],
        ),
        ImportProblem::DuplicateInFile { first_row } => {
            i18n.tf(&key, &[("row", first_row.to_string())])
        }
        ImportProblem::TooLong { max } => i18n.tf(&key, &[("max", max.to_string())]),
        ImportProblem::Invalid { field, detail } => problem_message(i18n, *field, detail),
        ImportProblem::Required | ImportProblem::Unreadable => i18n.t(&key),
    }
}

#[derive(Clone)]
struct Loaded {
    text: String,
    head: Head,
}

/// Import from a CSV saved by Excel or another CRM: choose the kind and the file, check
/// which column fills which field, see every problem by row, then write all valid rows
/// in one change — or nothing.
#[component]
pub fn CsvImport() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let kind = RwSignal::new(ImportKind::Customers);
    let loaded: RwSignal<Option<Loaded>, LocalStorage> = RwSignal::new_local(None);
    let mapping: RwSignal<Option<Mapping>> = RwSignal::new(None);
    let progress = RwSignal::new(None::<(u64, u64)>);
    let preview: RwSignal<Option<Preview>> = RwSignal::new(None);
    let error = RwSignal::new(None::<FileFailure>);

    let remap = move || {
        let m = loaded.with_untracked(|l| {
            l.as_ref()
                .map(|l| guess_mapping(kind.get_untracked(), &l.head.headers))
        });
        mapping.set(m);
        preview.set(None);
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        error.set(None);
        preview.set(None);
        spawn_local(async move {
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => return error.set(Some(FileFailure::Unreadable)),
            };
            if bytes.len() > MAX_IMPORT_BYTES {
                return error.set(Some(FileFailure::TooLarge(bytes.len())));
            }
            if let Some(row) = mixed_utf8_line(&bytes) {
                return error.set(Some(FileFailure::MixedEncoding(row)));
            }
            let Some(text) = to_text(&bytes) else {
                return error.set(Some(FileFailure::Unreadable));
            };
            let Some(head) = sniff(&text) else {
                return error.set(Some(FileFailure::Empty));
            };
            loaded.set(Some(Loaded { text, head }));
            remap();
        });
    };
    let run_preview = move |_| {
        let (Some(l), Some(m)) = (loaded.get_untracked(), mapping.get_untracked()) else {
            return;
        };
        let importer = state.stored.with_untracked(|b| {
            Importer::new(l.text, l.head.dialect, m, b, state.calendar_today())
        });
        let mut importer = match importer {
            Ok(i) => i,
            Err(e) => return error.set(Some(FileFailure::Import(e))),
        };
        error.set(None);
        spawn_local(async move {
            loop {
                let p = importer.step(STEP_ROWS);
                progress.set(Some((p.bytes_done, p.bytes_total.max(1))));
                if p.finished {
                    break;
                }
                pause().await;
            }
            progress.set(None);
            preview.set(Some(importer.finish()));
        });
    };
    let confirm = move |_| {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match state.dispatch(p.command()).await {
                Ok(_) => {
                    preview.set(None);
                    state.notice.set(Some(Notice::Saved("import.saved")));
                }
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };

    view! {
        <section class="card csv-import">
            <h2>{t("import.title")}</h2>
            <p class="hint">{t("import.lead")}</p>
            <div class="toolbar">
                <select name="import_kind" aria-label=t("import.kind") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(k) = ImportKind::ALL.into_iter().find(|k| variant(k) == value) { kind.set(k); remap(); }
                }>
                    {ImportKind::ALL.into_iter().map(|k| {
                        let key = format!("import.kind.{}", variant(&k));
                        view! { <option value=variant(&k)>{move || i18n.t(&key)}</option> }
                    }).collect_view()}
                </select>
                <label class="button">
                    {t("import.choose_file")}
                    <input type="file" name="csv" accept=".csv,.txt,text/csv" class="visually-hidden" on:change=on_file/>
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(&i18n)}</p> })}
            {move || mapping.get().map(|m| {
                let headers = loaded.with(|l| l.as_ref().map(|l| l.head.headers.clone()).unwrap_or_default());
                let k = kind.get();
                view! {
                    <div class="mapping">
                        <h3>{t("import.mapping")}</h3>
                        <div class="settings-grid">
                            {k.fields().iter().map(|field| {
                                let field = *field;
                                let required = k.required().contains(&field);
                                let chosen = m.column(field);
                                let key = format!("import.field.{}", field.key());
                                view! {
                                    <label class="setting" data-field=field.key()>
                                        <span>{move || i18n.t(&key)}{required.then_some(" *")}</span>
                                        <select on:change=move |ev| {
                                            let column = event_target_value(&ev).parse::<usize>().ok();
                                            mapping.update(|m| if let Some(m) = m { m.set(field, column) });
                                            preview.set(None);
                                        }>
                                            <option value="">"—"</option>
                                            {headers.iter().enumerate().map(|(i, h)| view! { <option value=i.to_string() selected=chosen == Some(i)>{h.clone()}</option> }).collect_view()}
                                        </select>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                        {
                            let unused: Vec<String> = m.unused(headers.len()).into_iter().filter_map(|c| headers.get(c).cloned()).collect();
                            if unused.is_empty() {
                                view! { <p class="hint unused-columns" data-count=0>{t("import.all_columns_used")}</p> }.into_any()
                            } else {
                                let count = unused.len();
                                let names = unused.join(&i18n.t("list.separator"));
                                view! { <p class="hint unused-columns" data-count=count>{move || i18n.tf("import.unused_columns", &[("names", names.clone())])}</p> }.into_any()
                            }
                        }
                        <button type="button" class="primary preview-import" on:click=run_preview>{t("import.preview")}</button>
                    </div>
                }
            })}
            {move || progress.get().map(|(done, total)| view! {
                <progress max=total.to_string() value=done.to_string() aria-label=move || i18n.t("import.reading")></progress>
            })}
            {move || preview.get().map(|p| {
                let shown: Vec<RowProblem> = p.problems.iter().take(SHOWN_PROBLEMS).cloned().collect();
                let valid = p.valid.len();
                view! {
                    <div class="import-preview" data-valid=valid data-problems=p.rows_with_problems>
                        <p class="summary">{i18n.tf("import.summary", &[("rows", p.rows_total.to_string()), ("valid", valid.to_string()), ("bad", p.rows_with_problems.to_string())])}</p>
                        {(p.kind == ImportKind::Orders).then(|| view! { <p class="hint orders-rule">{i18n.t("import.orders_rule")}</p> })}
                        {(!p.contacts.is_empty()).then(|| view! {
                            <p class="hint contacts-made">{i18n.tf("import.contacts_made", &[("count", p.contacts.len().to_string())])}</p>
                        })}
                        {(!p.customer_updates.is_empty()).then(|| view! {
                            <p class="hint since-moved">{i18n.tf("import.since_moved", &[("count", p.customer_updates.len().to_string())])}</p>
                        })}
                        {(!p.unknown_customers.is_empty()).then(|| view! {
                            <p class="hint">{i18n.tf("import.unknown_customers", &[("names", p.unknown_customers.iter().take(5).map(|u| u.name.clone()).collect::<Vec<_>>().join("、"))])}</p>
                        })}
                        {
                            let total = p.problems.len() + p.problems_not_listed;
                            let listed = p.problems.clone();
                            (total > shown.len()).then(|| view! {
                                <p class="hint problems-count" data-total=total>
                                    {i18n.tf("import.problems_listed", &[("total", i18n.count(total)), ("shown", i18n.count(shown.len()))])}
                                    " "
                                    <button type="button" class="link download-problems" on:click=move |_| {
                                        let rows = listed.iter().map(|rp| vec![
                                            rp.row.to_string(),
                                            rp.column.clone().unwrap_or_default(),
                                            problem_text(&i18n, &rp.problem),
                                        ]);
                                        let text = crate::csv_file::table(&i18n, &["import.row", "import.column", "import.problem"], rows);
                                        crate::csv_file::offer(state, "liuke-import-problems.csv", &text);
                                    }>{t("import.problems_download")}</button>
                                </p>
                            })
                        }
                        {(!shown.is_empty()).then(|| view! {
                            <div class="table-wrap">
                                <table class="list problems">
                                    <thead><tr><th>{t("import.row")}</th><th>{t("import.column")}</th><th>{t("import.problem")}</th></tr></thead>
                                    <tbody>
                                        {shown.into_iter().map(|rp| view! {
                                            <tr data-row=rp.row>
                                                <td class="num">{rp.row}</td>
                                                <td>{rp.column.clone().unwrap_or_default()}</td>
                                                <td>{problem_text(&i18n, &rp.problem)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                        <button type="button" class="primary confirm-import" disabled=valid == 0 on:click=confirm>
                            {i18n.tf("import.confirm", &[("count", valid.to_string())])}
                        </button>
                    </div>
                }
            })}
        </section>
    }
}
