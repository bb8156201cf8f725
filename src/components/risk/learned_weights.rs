use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::risk::learn::{learn, LearnError, Learned, WEIGHTED};
use std::time::Duration;

/// Where the risk weights come from: the hand-set defaults, or weights learned from
/// what happened to this book's customers at past dates, with how each ranked.
#[component]
pub fn LearnedWeights() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let settings = insight.settings;
    let busy = RwSignal::new(false);
    let problem: RwSignal<Option<LearnError>> = RwSignal::new(None);
    let run = move |_| {
        busy.set(true);
        problem.set(None);
        // Let the page show that it is working before the book is read at past dates.
        set_timeout(
            move || {
                let risk = settings.with_untracked(|s| s.risk);
                let outcome = state
                    .book
                    .with_untracked(|b| learn(b, state.today(), &risk));
                match outcome {
                    Ok(learned) => {
                        settings.update_saying("settings.learn.done", |s| {
                            s.risk.learned = Some(learned);
                            s.risk.use_learned = true;
                        });
                    }
                    Err(e) => problem.set(Some(e)),
                }
                busy.set(false);
            },
            Duration::from_millis(30),
        );
    };
    let learned = move || settings.with(|s| s.risk.learned);
    let in_use = move || settings.with(|s| s.risk.use_learned && s.risk.learned.is_some());
    let choose = move |use_learned: bool| settings.update(|s| s.risk.use_learned = use_learned);
    view! {
        <div class="learned-weights">
            <h3>{t("settings.learn.title")}</h3>
            <p class="hint">{t("settings.learn.lead")}</p>
            <div class="choices" role="radiogroup">
                <label class="check">
                    <input type="radio" name="weights_source" value="hand_set" prop:checked=move || !in_use()
                        on:change=move |_| choose(false)/>
                    {t("settings.learn.hand_set")}
                </label>
                <label class="check">
                    <input type="radio" name="weights_source" value="learned" prop:checked=in_use
                        disabled=move || learned().is_none() on:change=move |_| choose(true)/>
                    {t("settings.learn.learned")}
                </label>
            </div>
            <div class="toolbar">
                <button type="button" class="learn" disabled=move || busy.get() on:click=run>{t("settings.learn.run")}</button>
                <Show when=move || busy.get()>
                    <span class="busy" role="status">{t("settings.learn.running")}</span>
                </Show>
            </div>
            {move || problem.get().map(|e| view! { <p class="form-error" role="alert">{explain(&i18n, &e)}</p> })}
            {move || learned().map(|l| view! { <div class="learned-summary">{summary(&i18n, &l)}</div> })}
            <Show when=in_use>
                <p class="hint in-use">{t("settings.learn.in_use")}</p>
            </Show>
        </div>
    }
}

/// How the weights were learned, how they ranked against the hand-set ones at the
/// latest past date, and the points each factor earned.
fn summary(i18n: &crate::i18n::I18n, l: &Learned) -> impl IntoView {
    let two = |v: f64| format!("{v:.2}");
    let how = i18n.tf(
        "settings.learn.summary",
        &[
            ("earliest", i18n.date_prose(l.earliest_cutoff)),
            ("latest", i18n.date_prose(l.latest_cutoff)),
            ("cases", i18n.count(l.cases)),
            ("churned", i18n.count(l.churned)),
            ("horizon", l.horizon_days.to_string()),
            ("learned", two(l.learned_auc)),
            ("hand", two(l.hand_set_auc)),
        ],
    );
    // Half a point of AUC is within the noise of a few hundred cases.
    let verdict = if l.learned_auc > l.hand_set_auc + 0.005 {
        i18n.t("settings.learn.better")
    } else if l.learned_auc < l.hand_set_auc - 0.005 {
        i18n.t("settings.learn.worse")
    } else {
        i18n.t("settings.learn.same")
    };
    let mut points: Vec<(String, f64)> = WEIGHTED
        .iter()
        .map(|f| {
            let name = i18n.t(&format!("factor.{}", variant(f)));
            (name, l.weights.weight(*f))
        })
        .filter(|(_, w)| *w >= 0.5)
        .collect();
    points.sort_by(|p, q| q.1.total_cmp(&p.1));
    let any_zero = WEIGHTED.iter().any(|f| l.weights.weight(*f) < 0.5);
    let items = points
        .into_iter()
        .map(|(name, w)| {
            let text = i18n.tf(
                "settings.learn.point",
                &[("factor", name), ("points", format!("{w:.0}"))],
            );
            view! { <li>{text}</li> }
        })
        .collect_view();
    view! {
        <p>{how}</p>
        <p class="verdict">{verdict}</p>
        <ul class="learned-points">{items}</ul>
        {any_zero.then(|| view! { <p class="hint">{i18n.t("settings.learn.zero")}</p> })}
    }
}

fn explain(i18n: &crate::i18n::I18n, e: &LearnError) -> String {
    let key = format!("settings.learn.error.{}", variant(e));
    match e {
        LearnError::TooLittleHistory {
            cases,
            churned,
            needed,
        } => i18n.tf(
            &key,
            &[
                ("cases", i18n.count(*cases)),
                ("churned", i18n.count(*churned)),
                ("needed", i18n.count(*needed)),
            ],
        ),
        LearnError::NothingPredicts => i18n.t(&key),
    }
}
