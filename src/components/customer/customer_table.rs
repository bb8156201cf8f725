use crate::i18n::{format_date, t, use_i18n, variant};
use crate::route::Route;
use leptos::prelude::*;
use liuke_engine::directory::{CustomerLine, CustomerQuery, SortKey};

/// Every row has this height, so the visible window follows from the scroll position.
const ROW_HEIGHT: f64 = 52.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 15;
/// Never more rows than this in the page, however tall the screen.
const MAX_ROWS: usize = 200;

const COLUMNS: [(SortKey, &str, &str); 8] = [
    (SortKey::Name, "field.name", ""),
    (SortKey::Tier, "field.tier", ""),
    (SortKey::Status, "field.status", "hide-narrow"),
    (SortKey::Region, "field.region", "hide-narrow"),
    (SortKey::Industry, "field.industry", "hide-narrow"),
    (SortKey::Owner, "field.owner", ""),
    (SortKey::LastOrder, "customers.last_order", ""),
    (SortKey::Revenue, "column.revenue_12m", "num"),
];

/// The customer list, virtualized: only the rows in view (plus a margin) are in the page.
#[component]
pub fn CustomerTable(
    lines: Memo<Vec<CustomerLine>>,
    hits: Memo<Vec<usize>>,
    query: RwSignal<CustomerQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(720.0_f64);
    let window = Memo::new(move |_| {
        let total = hits.with(Vec::len);
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize)
            .saturating_sub(OVERSCAN)
            .min(total);
        let count = ((viewport.get() / ROW_HEIGHT) as usize + 2 * OVERSCAN).min(MAX_ROWS);
        (first, (first + count).min(total), total)
    });
    let rows = move || {
        let (first, last, _) = window.get();
        hits.with(|h| {
            lines.with(|l| {
                h[first..last]
                    .iter()
                    .map(|&i| l[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let on_scroll = move |ev: leptos::ev::Event| {
        let el: web_sys::HtmlElement = event_target(&ev);
        scroll_top.set(f64::from(el.scroll_top()));
        viewport.set(f64::from(el.client_height()));
    };
    let sort_by = move |key: SortKey| {
        query.update(|q| {
            if q.sort == key {
                q.descending = !q.descending;
            } else {
                q.sort = key;
                q.descending = matches!(key, SortKey::Revenue | SortKey::LastOrder);
            }
        });
    };
    view! {
        <div class="table-wrap virtual" on:scroll=on_scroll>
            <table class="list customers">
                <thead>
                    <tr>
                        {COLUMNS.into_iter().map(|(key, label, class)| {
                            let sorted = move || query.with(|q| (q.sort == key).then_some(if q.descending { "descending" } else { "ascending" }));
                            view! {
                                <th class=class aria-sort=move || sorted().unwrap_or("none")>
                                    <button type="button" class="sort" on:click=move |_| sort_by(key)>
                                        {t(label)}
                                        <span aria-hidden="true">{move || match sorted() { Some("descending") => " ↓", Some(_) => " ↑", None => "" }}</span>
                                    </button>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", window.get().0 as f64 * ROW_HEIGHT)></tr>
                    <For each=rows key=|l| (l.id, l.revenue_12m, l.last_order, l.owner, l.name.clone(), l.status, l.tier) let:line>
                        <tr class="row">
                            <td class="name"><a href=Route::Customer(line.id).href()>{line.name.clone()}</a>
                                {line.cannot_lose.then(|| view! { <span class="badge cannot-lose">{t("customer.cannot_lose")}</span> })}</td>
                            <td><span class="tier">{format!("{:?}", line.tier)}</span></td>
                            <td class="hide-narrow">{let key = format!("customer.status.{}", variant(&line.status)); move || i18n.t(&key)}</td>
                            <td class="hide-narrow">{line.region.clone()}</td>
                            <td class="hide-narrow">{line.industry.clone()}</td>
                            <td>{line.owner_name.clone()}</td>
                            <td>{line.last_order.map(format_date).unwrap_or_default()}</td>
                            <td class="num">{move || i18n.amount(line.revenue_12m)}</td>
                        </tr>
                    </For>
                    <tr class="spacer" aria-hidden="true" style:height=move || {
                        let (_, last, total) = window.get();
                        format!("{}px", (total - last) as f64 * ROW_HEIGHT)
                    }></tr>
                </tbody>
            </table>
        </div>
    }
}
