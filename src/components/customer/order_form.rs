use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Field, Money, Order, Record};

const FIELDS: &[Field] = &[
    Field::Date,
    Field::Amount,
    Field::Quantity,
    Field::Margin,
    Field::CostToServe,
    Field::Notes,
];

/// Logs an order for one customer. Defaults: today, and the customer's last amount.
#[component]
pub fn OrderForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<Order>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let usual = state.book.with_untracked(|b| {
        b.orders()
            .of_customer(customer)
            .max_by_key(|o| (o.date, o.id))
            .map(|o| o.amount.to_string())
    });
    let shown = |m: Money| {
        if editing {
            m.to_string()
        } else {
            String::new()
        }
    };
    let date = RwSignal::new(format_date(if editing { base.date } else { state.today() }));
    let amount = RwSignal::new(if editing {
        base.amount.to_string()
    } else {
        usual.unwrap_or_default()
    });
    let quantity = RwSignal::new(if editing {
        base.quantity.to_string()
    } else {
        String::new()
    });
    let margin = RwSignal::new(shown(base.margin));
    let cost = RwSignal::new(shown(base.cost_to_serve));
    let note = RwSignal::new(base.note.clone());
    let error: FormError = RwSignal::new(None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let order = (|| {
            Ok::<_, crate::errors::UiError>(Record::Order(Order {
                id: base.id,
                customer,
                date: forms::date(Field::Date, &date.get_untracked())?,
                amount: forms::money(Field::Amount, &amount.get_untracked())?,
                quantity: forms::whole(Field::Quantity, &quantity.get_untracked())?,
                margin: forms::money_or_zero(Field::Margin, &margin.get_untracked())?,
                cost_to_serve: forms::money_or_zero(Field::CostToServe, &cost.get_untracked())?,
                staff: if editing {
                    base.staff
                } else {
                    state.book.with_untracked(|b| b.owner_of(customer))
                },
                note: note.get_untracked().trim().to_string(),
            }))
        })();
        forms::save(
            state,
            error,
            order,
            editing.then(|| Record::Order(base.clone())),
            "order.saved",
            move || {
                note.set(String::new());
                forms::finish(on_done);
            },
        );
    };

    view! {
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            {(!editing).then(|| view! { <h2>{t("order.add")}</h2> })}
            <div class="grid">
                <TextField label="field.date" name="date" value=date error=error field=Field::Date input_type="date"/>
                <TextField label="field.amount_yuan" name="amount" value=amount error=error field=Field::Amount inputmode="decimal"/>
                <TextField label="field.quantity" name="quantity" value=quantity error=error field=Field::Quantity inputmode="numeric"/>
                <TextField label="field.margin_yuan" name="margin" value=margin error=error field=Field::Margin inputmode="decimal"/>
                <TextField label="field.cost_to_serve" name="cost_to_serve" value=cost error=error field=Field::CostToServe inputmode="decimal"/>
                <TextField label="field.notes" name="note" value=note error=error field=Field::Notes wide=true/>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions">
                <button type="submit" class="primary">{t("action.save")}</button>
            </div>
        </form>
    }
}
