use crate::components::cause_bars;
use crate::components::{BackupReminder, Bar, BarChart, SampleButtons, StatTile};
use crate::i18n::{t, use_i18n};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::use_state;
use chrono::Datelike;
use leptos::prelude::*;
use liuke_engine::agenda::{agenda, view as agenda_view};
use liuke_engine::register::total_value_at_risk;
use liuke_engine::report::{self, forgotten, monthly_revenue, FORGOTTEN_DAYS};
use liuke_engine::report::{churn_by_month, STOPPED_BUYING_DAYS};
use liuke_engine::risk::Band;
use liuke_engine::rotation::{concentration, PlanInputs};
use liuke_engine::winback::review as winback_review;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let summary = Memo::new(move |_| state.book.with(|b| report::summary(b, state.today())));
    let empty = Memo::new(move |_| state.book.with(liuke_engine::Book::is_empty));
    let insight = use_insight();
    let deferred = RwSignal::new(false);
    set_timeout(move || deferred.set(true), std::time::Duration::ZERO);
    let bands = Memo::new(move |_| {
        insight
            .assessment
            .with(liuke_engine::register::Assessment::band_counts)
    });
    // As the register shows by default: customers in the watch band and above.
    let at_risk = Memo::new(move |_| {
        insight.register.with(|r| {
            let watched: Vec<_> = r
                .iter()
                .filter(|l| l.band >= Band::Watch)
                .cloned()
                .collect();
            total_value_at_risk(&watched)
        })
    });
    let months = Memo::new(move |_| state.book.with(|b| monthly_revenue(b, state.today(), 12)));
    let overdue = Memo::new(move |_| {
        let risk = insight.settings.with(|s| s.risk);
        let settings = insight.agenda_settings();
        state.book.with(|b| {
            let items = agenda(b, state.today(), &risk, &settings);
            agenda_view(&items, state.today(), None).overdue.len()
        })
    });
    // Each rep's share of the book's revenue, largest first: where a departure would hurt.
    let shares = Memo::new(move |_| {
        insight.assessment.with(|a| {
            let inputs = PlanInputs::from_views(&a.values, &a.risks);
            state.book.with(|b| {
                let mut lines: Vec<(String, f64)> = concentration(b, state.today(), &inputs)
                    .into_iter()
                    .map(|l| (b.staff_name(Some(l.staff)), l.revenue_share * 100.0))
                    .collect();
                lines.sort_by(|x, y| y.1.total_cmp(&x.1));
                lines
            })
        })
    });
    let concentration = move || {
        shares.with(|s| {
            s.first()
                .map_or_else(|| "—".into(), |(name, share)| format!("{name} {share:.0}%"))
        })
    };
    let churn = Memo::new(move |_| state.book.with(|b| churn_by_month(b, state.today())));
    let review = Memo::new(move |_| state.book.with(|b| winback_review(b, state.today())));
    let pooled = Memo::new(move |_| state.book.with(|b| liuke_engine::pool::entries(b).len()));
    let about_to_return = Memo::new(move |_| {
        let rules = insight.pool.get();
        state
            .book
            .with(|b| liuke_engine::pool::warnings(b, &rules, state.today()).len())
    });
    let churn_bars = move || {
        churn.with(|c| {
            c.iter()
                .map(|m| {
                    Bar::maybe(
                        i18n.month_name(m.month.month()),
                        m.rate().map(|r| r * 100.0),
                    )
                    .so_far(m.so_far)
                })
                .collect::<Vec<_>>()
        })
    };
    // A month with no case closed has no rate: "—", not 0 %.
    let winback_bars = move || {
        review.with(|r| {
            r.by_month
                .iter()
                .map(|(m, t)| Bar::maybe(i18n.month_name(m.month()), t.rate().map(|r| r * 100.0)))
                .collect::<Vec<_>>()
        })
    };
    let cause_bars = move || review.with(|r| cause_bars(&i18n, r));
    let forgotten_bars = move || {
        let counts = state.book.with(|b| forgotten(b, state.today()));
        FORGOTTEN_DAYS
            .iter()
            .zip(counts)
            .map(|(d, n)| {
                Bar::new(
                    i18n.tf("dashboard.more_than_days", &[("days", d.to_string())]),
                    n as f64,
                )
            })
            .collect::<Vec<_>>()
    };
    let band_bars = move || {
        let c = bands.get();
        ["low", "watch", "high", "critical"]
            .iter()
            .enumerate()
            .map(|(i, b)| Bar::new(i18n.t(&format!("band.{b}")), c[i] as f64))
            .collect::<Vec<_>>()
    };
    let month_bars = move || {
        let count = months.with(Vec::len);
        months
            .get()
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Bar::new(i18n.month_name(m.month), m.revenue.yuan()).so_far(i == count - 1)
            })
            .collect::<Vec<_>>()
    };
    let s = move || summary.get();
    let change = move || {
        s().revenue_trend()
            .map(|t| i18n.trend(t))
            .unwrap_or_default()
    };

    view! {
        <section class="page">
            <h1>{t("nav.dashboard")}</h1>
            <BackupReminder/>
            <Show
                when=move || !empty.get()
                fallback=move || view! {
                    <div class="card welcome">
                        <h2>{t("welcome.title")}</h2>
                        <p>{t("welcome.body")}</p>
                        <SampleButtons/>
                        <p class="hint">
                            {t("welcome.or")} " "
                            <a href=Route::Customers.href()>{t("welcome.add_first")}</a> " · "
                            <a href=Route::Data.href()>{t("welcome.restore")}</a>
                        </p>
                    </div>
                }
            >
                <div class="stats">
                    <a class="stat-link customers-tile" href=Route::Customers.href()>
                        <StatTile label=Signal::derive(t("dashboard.customers")) value=Signal::derive(move || i18n.count(s().customers))
                            detail=Signal::derive(move || i18n.tf("dashboard.at_risk_lost", &[("risk", i18n.count(s().at_risk)), ("lost", i18n.count(s().lost)), ("won", i18n.count(s().won_back))]))/>
                    </a>
                    <StatTile label=Signal::derive(t("dashboard.revenue_12m")) value=Signal::derive(move || i18n.money_compact(s().revenue_12m))
                        detail=Signal::derive(change)/>
                    <StatTile label=Signal::derive(t("dashboard.orders_12m")) value=Signal::derive(move || i18n.count(s().orders_12m))/>
                    <StatTile label=Signal::derive(t("dashboard.open_complaints")) value=Signal::derive(move || i18n.count(s().open_complaints))/>
                    <StatTile label=Signal::derive(t("dashboard.staff")) value=Signal::derive(move || i18n.count(s().staff_active))
                        detail=Signal::derive(move || i18n.tf("dashboard.staff_detail", &[("leaving", i18n.count(s().staff_leaving)), ("left", i18n.count(s().staff_left))]))/>
                </div>

                // Scoring and the agenda take a moment on a big book: the plain figures
                // show first, these follow on the next tick.
                <Show when=move || deferred.get() fallback=|| view! { <p class="hint computing" role="status">{t("dashboard.computing")}</p> }>
                <div class="stats">
                    <a class="stat-link" href=Route::Register.href()>
                        <StatTile label=Signal::derive(t("tile.value_at_risk")) value=Signal::derive(move || i18n.yuan_compact(at_risk.get()))
                            detail=Signal::derive(move || i18n.tf("dashboard.high_and_critical", &[("count", i18n.count(bands.get()[2] + bands.get()[3]))]))/>
                    </a>
                    <a class="stat-link" href=Route::Agenda.href()>
                        <StatTile label=Signal::derive(t("dashboard.overdue_agenda")) value=Signal::derive(move || i18n.count(overdue.get()))/>
                    </a>
                    <a class="stat-link" href=Route::WinbackReview.href()>
                        <StatTile label=Signal::derive(t("winback.loss")) value=Signal::derive(move || i18n.money_compact(review.with(|r| r.loss)))
                            detail=Signal::derive(move || i18n.tf("dashboard.winback_detail", &[("open", i18n.count(review.with(|r| r.open as usize))), ("won", i18n.count(review.with(|r| r.total.won as usize)))]))/>
                    </a>
                    <a class="stat-link" href=Route::Pool.href()>
                        <StatTile label=Signal::derive(t("dashboard.pool")) value=Signal::derive(move || i18n.count(pooled.get()))
                            detail=Signal::derive(move || i18n.tf("dashboard.pool_detail", &[("count", i18n.count(about_to_return.get()))]))/>
                    </a>
                    <a class="stat-link" href=Route::Rotation.href()>
                        <StatTile label=Signal::derive(t("dashboard.concentration")) value=Signal::derive(concentration)
                            detail=Signal::derive(t("dashboard.concentration_detail"))/>
                    </a>
                </div>
                <div class="charts">
                    <div class="card">
                        <BarChart title=Signal::derive(t("dashboard.by_band")) bars=Signal::derive(band_bars)
                            label=Callback::new(move |v: f64| i18n.count(v as usize))/>
                    </div>
                    <div class="card">
                        <BarChart title=Signal::derive(t("dashboard.revenue_by_month")) bars=Signal::derive(month_bars)
                            label=Callback::new(move |v: f64| i18n.yuan_short(v))/>
                    </div>
                    <div class="card shares">
                        <BarChart title=Signal::derive(t("dashboard.revenue_share")) bars=Signal::derive(move || crate::components::bars(shares.get()))
                            label=Callback::new(move |v: f64| format!("{v:.0}%"))/>
                    </div>
                    <div class="card churn">
                        <BarChart title=Signal::derive(t("dashboard.churn_by_month")) bars=Signal::derive(churn_bars)
                            label=Callback::new(move |v: f64| format!("{v:.1}%"))/>
                        <p class="hint chart-note">{move || i18n.tf("dashboard.churn_definition", &[("days", STOPPED_BUYING_DAYS.to_string())])}</p>
                    </div>
                    <div class="card winback-rate">
                        <BarChart title=Signal::derive(t("winback.rate_by_month")) bars=Signal::derive(winback_bars)
                            label=Callback::new(move |v: f64| format!("{v:.0}%"))/>
                    </div>
                    <div class="card causes">
                        <Show when=move || review.with(|r| !r.causes.is_empty())
                            fallback=|| view! { <p class="chart-title">{t("winback.pareto")}</p><p class="muted">{t("dashboard.no_cases")}</p> }>
                            <BarChart title=Signal::derive(t("winback.pareto")) bars=Signal::derive(cause_bars)
                                label=Callback::new(move |v: f64| i18n.count(v as usize))/>
                        </Show>
                    </div>
                    <div class="card forgotten">
                        <a class="card-link" href=Route::Forgotten.href()>{t("forgotten.open_list")}</a>
                        <BarChart title=Signal::derive(t("dashboard.forgotten")) bars=Signal::derive(forgotten_bars)
                            label=Callback::new(move |v: f64| i18n.count(v as usize))/>
                    </div>
                </div>
                </Show>
            </Show>
        </section>
    }
}
