use crate::components::status_text;
use crate::components::StaffForm;
use crate::i18n::{t, use_i18n, variant};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{StaffId, StaffStatus};

#[derive(Clone, PartialEq)]
struct Row {
    id: StaffId,
    name: String,
    role: String,
    status: StaffStatus,
    owned: usize,
    capacity: u32,
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let adding = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        state.book.with(|b| {
            b.staff()
                .iter()
                .map(|s| Row {
                    id: s.id,
                    name: s.name.clone(),
                    role: variant(&s.role),
                    status: s.status,
                    owned: b.owned_by(s.id).count(),
                    capacity: s.capacity,
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{t("nav.staff")}</h1>
                <button type="button" class="primary" on:click=move |_| adding.update(|a| *a = !*a)>
                    {move || if adding.get() { i18n.t("action.close") } else { i18n.t("staff.add") }}
                </button>
            </div>
            <Show when=move || adding.get()>
                <StaffForm/>
            </Show>
            <Show when=move || !rows.with(Vec::is_empty) fallback=move || view! { <p class="card hint">{t("staff.none")}</p> }>
                <div class="table-wrap">
                    <table class="list">
                        <thead><tr>
                            <th>{t("field.name")}</th>
                            <th>{t("field.role")}</th>
                            <th>{t("field.status")}</th>
                            <th class="num">{t("staff.customers")}</th>
                            <th class="num">{t("staff.capacity")}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| (r.id, r.owned, r.status, r.name.clone()) let:row>
                                <tr>
                                    <td><a href=Route::StaffMember(row.id).href()>{row.name.clone()}</a></td>
                                    <td>{let key = format!("staff.role.{}", row.role); move || i18n.t(&key)}</td>
                                    <td>{status_text(row.status)}</td>
                                    <td class="num">{row.owned}</td>
                                    <td class="num">{row.capacity}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
