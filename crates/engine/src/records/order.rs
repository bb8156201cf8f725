use super::{check_len, check_not_future, CustomerId, OrderId, StaffId, MAX_TEXT};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::money::Money;
use crate::Date;
use serde::{Deserialize, Serialize};

/// A purchase. Margin and cost to serve make "dog" customers visible (seed 004):
/// those whose service cost outgrows what their orders earn.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    pub customer: CustomerId,
    pub date: Date,
    pub amount: Money,
    #[serde(default)]
    pub quantity: u32,
    /// Gross margin: revenue minus cost of goods.
    #[serde(default)]
    pub margin: Money,
    #[serde(default)]
    pub cost_to_serve: Money,
    #[serde(default)]
    pub staff: Option<StaffId>,
    #[serde(default)]
    pub note: String,
}

impl Order {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        super::dates::check_amounts(&self.amounts())?;
        check_not_future(Field::Date, self.date, today)?;
        if self.amount.is_negative() {
            return Err(BookError::invalid(Field::Amount, Problem::Negative));
        }
        if self.cost_to_serve.is_negative() {
            return Err(BookError::invalid(Field::CostToServe, Problem::Negative));
        }
        if self.margin > self.amount {
            return Err(BookError::invalid(
                Field::Margin,
                Problem::MarginAboveAmount,
            ));
        }
        check_len(Field::Notes, &self.note, MAX_TEXT)
    }
}
