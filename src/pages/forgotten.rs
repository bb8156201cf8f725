use crate::i18n::{t, use_i18n};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::report::{forgotten_list, FORGOTTEN_DAYS};

const PAGE: usize = 100;

/// Forgotten customers (遗忘客户): who has gone without follow-up for more than 7, 15, 30,
/// 90 or 180 days, and whose promised next contact has passed.
#[component]
pub fn ForgottenPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    // `None` lists missed next contacts.
    // The list chosen lives in the address (`?days=90`, `?days=missed`): Back and a
    // reload come back to it. Anything else opens on 30 days.
    let bucket: RwSignal<Option<i64>> = RwSignal::new(
        crate::route::query_params()
            .iter()
            .find(|(k, _)| k == "days")
            .and_then(|(_, v)| match v.as_str() {
                "missed" => Some(None),
                days => days
                    .parse::<i64>()
                    .ok()
                    .filter(|d| FORGOTTEN_DAYS.contains(d))
                    .map(Some),
            })
            .unwrap_or(Some(30)),
    );
    Effect::new(move |_| {
        let params = match bucket.get() {
            Some(30) => Vec::new(),
            Some(d) => vec![("days", d.to_string())],
            None => vec![("days", "missed".to_string())],
        };
        crate::route::replace_params(Route::Forgotten, &params);
    });
    let shown = RwSignal::new(PAGE);
    let list = Memo::new(move |_| {
        let days = bucket.get();
        state.book.with(|b| {
            forgotten_list(b, state.today(), days)
                .into_iter()
                .map(|f| {
                    let name = b
                        .customers()
                        .get(f.customer.0)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    let owner = b.staff_name(b.owner_of(f.customer));
                    (f, name, owner)
                })
                .collect::<Vec<_>>()
        })
    });
    // The whole list as shown (every row, not only the first hundred), for Excel.
    let export = move |_| {
        if state.lock_on.get_untracked()
            && !crate::browser::confirm(&i18n.t("export.confirm_plain"))
        {
            return;
        }
        let headers = [
            "field.customer",
            "field.owner",
            "customer.last_contact",
            "forgotten.days",
            "forgotten.promised",
        ];
        let rows: Vec<Vec<String>> = list.with_untracked(|l| {
            l.iter()
                .map(|(f, name, owner)| {
                    vec![
                        name.clone(),
                        owner.clone(),
                        f.last.map(|d| d.to_string()).unwrap_or_default(),
                        f.silent_days.to_string(),
                        f.missed_next_contact
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ]
                })
                .collect()
        });
        let text = crate::csv_file::table(&i18n, &headers, rows);
        let which = bucket
            .get_untracked()
            .map_or_else(|| "missed".to_string(), |d| format!("{d}d"));
        let name = format!("liuke-forgotten-{which}-{}.csv", state.today());
        crate::csv_file::offer(state, &name, &text);
    };
    let choose = move |days: Option<i64>| {
        bucket.set(days);
        shown.set(PAGE);
    };
    view! {
        <section class="page forgotten">
            <div class="page-head">
                <h1>{t("forgotten.title")}</h1>
                <button type="button" class="export-csv" on:click=export>{t("register.export")}</button>
            </div>
            <p class="hint">{t("forgotten.lead")}</p>
            <div class="chips" role="group" aria-label=t("forgotten.title")>
                {FORGOTTEN_DAYS.into_iter().map(|d| view! {
                    <button type="button" class="chip" data-days=d aria-pressed=move || (bucket.get() == Some(d)).to_string()
                        on:click=move |_| choose(Some(d))>{move || i18n.tf("forgotten.more_than", &[("days", d.to_string())])}</button>
                }).collect_view()}
                <button type="button" class="chip" data-days="missed" aria-pressed=move || bucket.get().is_none().to_string()
                    on:click=move |_| choose(None)>{t("forgotten.missed")}</button>
            </div>
            <p class="count">{move || i18n.tf("forgotten.count", &[("count", i18n.count(list.with(Vec::len)))])}</p>
            <div class="table-wrap">
                <table class="list forgotten-list">
                    <thead><tr>
                        <th>{t("field.customer")}</th><th>{t("field.owner")}</th>
                        <th>{t("customer.last_contact")}</th><th class="num">{t("forgotten.days")}</th>
                        <th>{t("forgotten.promised")}</th>
                    </tr></thead>
                    <tbody>
                        {move || list.with(|l| l.iter().take(shown.get()).map(|(f, name, owner)| view! {
                            <tr>
                                <td><a href=Route::Customer(f.customer).href()>{name.clone()}</a></td>
                                <td>{owner.clone()}</td>
                                <td>{f.last.map_or_else(|| i18n.t("register.never"), |d| i18n.date(d))}</td>
                                <td class="num">{f.silent_days}</td>
                                <td>{f.missed_next_contact.map(|d| i18n.date(d)).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <Show when=move || { list.with(Vec::len) > shown.get() }>
                <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE)>{t("forgotten.show_more")}</button>
            </Show>
        </section>
    }
}
