use crate::components::{amount_texts, with_amounts, AmountTexts};
use crate::components::{
    ExitChecklistForm, FieldError, WinbackActions, WinbackCauses, WinbackClose,
};
use crate::errors::UiError;
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{Command, Field, Record, WinbackCase, WinbackId};

/// A case's unsaved input, the amounts as typed, and the case it was made against.
type Draft = (WinbackCase, [String; 4], WinbackCase);

thread_local! {
    /// Unsaved input of the cases left without 保存, so that coming back finds it. Kept in
    /// memory for the session only: written nowhere, so nothing leaves the sealed book.
    static DRAFTS: std::cell::RefCell<std::collections::HashMap<WinbackId, Draft>> =
        Default::default();
}

/// One win-back case: the cause, the customer's worth, the plan and its actions, the
/// leaving-customer checklist, and closing it. Edits gather in a draft saved in one go.
#[component]
pub fn WinbackCasePage(id: WinbackId) -> impl IntoView {
    let state = use_state();
    let saved = Memo::new(move |_| state.book.with(|b| b.winback_cases().get(id.0).cloned()));
    // The form is made once per case, not at every save (this tab's or another's):
    // remaking it would throw away what is typed and not yet saved.
    let exists = Memo::new(move |_| saved.with(Option::is_some));
    move || match exists.get().then(|| saved.get_untracked()).flatten() {
        None => view! {
            <section class="page">
                <h1>{t("winback.not_found")}</h1>
                <a href=Route::Winback.href()>{t("winback.back")}</a>
            </section>
        }
        .into_any(),
        Some(case) => view! { <CaseForm case=case saved=saved/> }.into_any(),
    }
}

#[component]
fn CaseForm(case: WinbackCase, saved: Memo<Option<WinbackCase>>) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let insight = use_insight();
    // Input left unsaved here earlier in the session comes back, with the case it was
    // typed against, so a save merges it with what changed since (an action done from
    // the agenda stays done).
    let kept = DRAFTS.with(|d| d.borrow().get(&case.id).cloned());
    let restored = RwSignal::new(kept.is_some());
    let (start, texts, opened) =
        kept.unwrap_or_else(|| (case.clone(), amount_texts(&case), case.clone()));
    let draft = RwSignal::new(start);
    let amounts: AmountTexts = RwSignal::new(texts);
    let error: RwSignal<Option<UiError>> = RwSignal::new(None);
    let customer = case.customer;
    let name = Memo::new(move |_| {
        state.book.with(|b| {
            b.customers()
                .get(customer.0)
                .map(|c| (c.name.clone(), variant(&c.status)))
                .unwrap_or_default()
        })
    });
    let worth = Memo::new(move |_| {
        insight.assessment.with(|a| {
            a.value_of(customer)
                .map(|v| (v.historic.revenue_12m, v.clv))
        })
    });
    // The case as saved when the draft last matched it: what a save is checked against.
    let base = StoredValue::new(opened);
    // Shows a saved case in the form, as the base of the next save.
    let show_saved = move |now: WinbackCase| {
        draft.set(now.clone());
        amounts.set(amount_texts(&now));
        base.set_value(now);
    };
    // A save elsewhere (another tab) refreshes a draft with nothing unsaved in it; a
    // draft with unsaved input is kept, and merged with that save when it is saved.
    Effect::new(move |_| {
        let Some(now) = saved.get() else {
            return;
        };
        let typed =
            amounts.with_untracked(|texts| draft.with_untracked(|d| with_amounts(d, texts)));
        let untouched = typed.ok().is_some_and(|d| d == base.get_value());
        if untouched && now != base.get_value() {
            show_saved(now);
        }
    });
    let stage = move || {
        saved.with(|c| {
            c.as_ref()
                .map(|c| format!("winback.stage.{}", variant(&c.stage())))
        })
    };
    let open = move || saved.with(|c| c.as_ref().is_some_and(WinbackCase::is_open));
    let save = move |_| {
        let record = amounts.with(|texts| draft.with(|d| with_amounts(d, texts)));
        let record = match record {
            Ok(c) => c,
            Err(e) => return error.set(Some(e)),
        };
        let opened = base.get_value();
        let sent = record.clone();
        spawn_local(async move {
            // Checked against the case as this page opened it: another tab's save
            // is merged, or named if it changed the same fields.
            let command = Command::Edit {
                base: Box::new(Record::WinbackCase(opened)),
                edited: Box::new(Record::WinbackCase(record)),
            };
            match state.dispatch(command).await {
                Ok(_) => {
                    // What was saved is the base of the next save (merged, it is the
                    // record now in the book).
                    let now = state
                        .book
                        .with_untracked(|b| b.winback_cases().get(case.id.0).cloned());
                    // Merged with another tab's save, the draft shows both.
                    show_saved(now.unwrap_or(sent));
                    error.set(None);
                    state.notice.set(Some(Notice::Saved("winback.saved")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let changed = move || {
        let typed = amounts.with(|texts| draft.with(|d| with_amounts(d, texts)));
        typed.map_or(true, |d| {
            Some(d)
                != state
                    .book
                    .with(|b| b.winback_cases().get(case.id.0).cloned())
        })
    };
    // Whatever is unsaved is kept for when the user comes back; a save clears it.
    let id = case.id;
    Effect::new(move |_| {
        let unsaved = changed();
        let kept = (draft.get(), amounts.get(), base.get_value());
        DRAFTS.with(|d| {
            let mut d = d.borrow_mut();
            if unsaved {
                d.insert(id, kept);
            } else {
                d.remove(&id);
            }
            crate::unsaved::drafts_kept(!d.is_empty());
        });
    });
    let discard = move |_| {
        DRAFTS.with(|d| {
            let mut d = d.borrow_mut();
            d.remove(&id);
            crate::unsaved::drafts_kept(!d.is_empty());
        });
        restored.set(false);
        if let Some(now) = saved.get_untracked() {
            show_saved(now);
        }
    };
    view! {
        <section class="page winback-case" data-stage=move || saved.with(|c| c.as_ref().map(|c| variant(&c.stage())))>
            <p class="crumbs"><a href=Route::Winback.href()>{t("nav.winback")}</a></p>
            <div class="page-head">
                <h1>
                    <a href=Route::Customer(customer).href()>{move || name.get().0}</a>
                    " " <span class="badge stage">{move || stage().map(|k| i18n.t(&k))}</span>
                </h1>
            </div>
            <dl class="facts">
                <dt>{t("customer.status")}</dt>
                <dd>{move || i18n.t(&format!("customer.status.{}", name.get().1))}</dd>
                <dt>{t("customers.revenue_12m")}</dt>
                <dd>{move || worth.get().map(|w| i18n.money(w.0)).unwrap_or_default()}</dd>
                <dt>{t("value.clv")}</dt>
                <dd>{move || worth.get().and_then(|w| w.1).map_or_else(|| i18n.t("winback.no_clv"), |v| i18n.yuan(v))}</dd>
                <dt>{t("winback.opened")}</dt>
                <dd>{i18n.date(case.opened)}</dd>
                {move || saved.with(|c| c.as_ref().and_then(|c| c.closed)).map(|d| view! { <dt>{t("winback.closed_on")}</dt><dd>{i18n.date(d)}</dd> })}
                {move || saved.with(|c| c.as_ref().map(|c| c.why_not.clone()).filter(|w| !w.is_empty())).map(|w| view! { <dt>{t("field.why_not")}</dt><dd>{w}</dd> })}
            </dl>
            <Show when=move || restored.get() && changed()>
                <p class="hint draft-restored" role="status">
                    {t("winback.draft_restored")} " "
                    <button type="button" class="link" name="discard-draft" on:click=discard>{t("winback.discard_draft")}</button>
                </p>
            </Show>
            <WinbackCauses draft=draft error=error/>
            <WinbackActions draft=draft error=error/>
            <ExitChecklistForm draft=draft amounts=amounts error=error/>
            <FieldError error=error fields=&[Field::Cause, Field::PrimaryCause, Field::Title, Field::Amount, Field::Lessons, Field::WhyNot]/>
            <div class="form-actions sticky">
                <button type="button" class="primary" name="save-case" on:click=save>{t("action.save")}</button>
                <Show when=changed><span class="muted unsaved">{t("winback.unsaved")}</span></Show>
            </div>
            <Show when=open>
                <WinbackClose draft=draft amounts=amounts error=error/>
            </Show>
        </section>
    }
}
