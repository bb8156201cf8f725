use super::{check_len, check_not_future, CustomerId, StaffId, WinbackId, MAX_NAME, MAX_TEXT};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::money::Money;
use crate::Date;
use serde::{Deserialize, Serialize};

/// Why customers leave: seed 003's taxonomy, then seed 001's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossCause {
    StaffTurnover,
    BrokenTrust,
    NoveltySeeking,
    NeglectedEmployees,
    BigCustomerBias,
    NaturalChurn,
    CompetitorPoaching,
    PriceFocus,
    PushyUpselling,
    UnsolvedProblems,
    NewCustomersFavoured,
}

impl LossCause {
    pub const ALL: [LossCause; 11] = [
        LossCause::StaffTurnover,
        LossCause::BrokenTrust,
        LossCause::NoveltySeeking,
        LossCause::NeglectedEmployees,
        LossCause::BigCustomerBias,
        LossCause::NaturalChurn,
        LossCause::CompetitorPoaching,
        LossCause::PriceFocus,
        LossCause::PushyUpselling,
        LossCause::UnsolvedProblems,
        LossCause::NewCustomersFavoured,
    ];
}

/// How the true cause was learned (seed 003 step 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LearnedVia {
    Phone,
    Visit,
    Forum,
    Questionnaire,
}

impl LearnedVia {
    pub const ALL: [LearnedVia; 4] = [
        LearnedVia::Phone,
        LearnedVia::Visit,
        LearnedVia::Forum,
        LearnedVia::Questionnaire,
    ];
}

/// One step of the win-back plan, with who does it and by when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WinbackAction {
    pub what: String,
    #[serde(default)]
    pub staff: Option<StaffId>,
    pub due: Date,
    #[serde(default)]
    pub done: Option<Date>,
}

/// How a case ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WinbackOutcome {
    #[default]
    Open,
    WonBack,
    NotWonBack,
}

/// The leaving-customer checklist of seed 004, kept on the case.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExitChecklist {
    /// The last conversation: tried to keep them, learned why, settled open items,
    /// settled claims.
    pub tried_to_retain: bool,
    pub learned_why: bool,
    pub open_items_settled: bool,
    pub claims_settled: bool,
    /// Kept bad news from spreading; told other customers the truth where useful.
    pub bad_news_contained: bool,
    pub others_informed: bool,
    /// The loss, limited and recorded.
    pub receivables: Money,
    pub compensation: Money,
    pub returns: Money,
    pub market_gap: Money,
    pub lessons: String,
}

impl ExitChecklist {
    /// What the customer's leaving cost, as recorded.
    pub fn loss(&self) -> Money {
        [
            self.receivables,
            self.compensation,
            self.returns,
            self.market_gap,
        ]
        .into_iter()
        .sum()
    }
}

/// A lost or leaving customer's case (流失挽回): the true cause, the plan and its
/// actions, the exit checklist and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WinbackCase {
    pub id: WinbackId,
    pub customer: CustomerId,
    pub opened: Date,
    /// Who runs the case.
    #[serde(default)]
    pub owner: Option<StaffId>,
    /// Every cause found; `primary` is the one that mattered most and is one of them.
    #[serde(default)]
    pub causes: Vec<LossCause>,
    #[serde(default)]
    pub primary: Option<LossCause>,
    #[serde(default)]
    pub learned_via: Option<LearnedVia>,
    /// Whether the customer is worth winning back, decided with the value in view.
    #[serde(default)]
    pub worth_it: Option<bool>,
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub actions: Vec<WinbackAction>,
    #[serde(default)]
    pub exit: ExitChecklist,
    #[serde(default)]
    pub outcome: WinbackOutcome,
    #[serde(default)]
    pub closed: Option<Date>,
    /// Why the customer did not come back.
    #[serde(default)]
    pub why_not: String,
}

/// Where a case stands, for the board: derived from what is recorded, so the board
/// never disagrees with the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WinbackStage {
    /// The true cause is not known yet.
    FindingCause,
    /// Cause known, no actions planned.
    Planning,
    /// Actions under way.
    Acting,
    WonBack,
    NotWonBack,
}

impl WinbackStage {
    pub const ALL: [WinbackStage; 5] = [
        WinbackStage::FindingCause,
        WinbackStage::Planning,
        WinbackStage::Acting,
        WinbackStage::WonBack,
        WinbackStage::NotWonBack,
    ];
}

pub const MAX_ACTIONS: usize = 30;

impl WinbackCase {
    pub fn stage(&self) -> WinbackStage {
        match self.outcome {
            WinbackOutcome::WonBack => WinbackStage::WonBack,
            WinbackOutcome::NotWonBack => WinbackStage::NotWonBack,
            WinbackOutcome::Open if self.primary.is_none() => WinbackStage::FindingCause,
            WinbackOutcome::Open if self.actions.is_empty() => WinbackStage::Planning,
            WinbackOutcome::Open => WinbackStage::Acting,
        }
    }

    pub fn is_open(&self) -> bool {
        self.outcome == WinbackOutcome::Open
    }

    /// Actions of the plan not yet done: closing the case leaves them undone, which the
    /// user is told before it closes.
    pub fn open_actions(&self) -> usize {
        self.actions.iter().filter(|a| a.done.is_none()).count()
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        super::dates::check_amounts(&self.amounts())?;
        check_not_future(Field::Date, self.opened, today)?;
        match self.primary {
            Some(primary) if !self.causes.contains(&primary) => {
                return Err(BookError::invalid(Field::PrimaryCause, Problem::Invalid));
            }
            None if !self.causes.is_empty() => {
                return Err(BookError::invalid(Field::PrimaryCause, Problem::Required));
            }
            _ => {}
        }
        let mut causes = self.causes.clone();
        causes.sort();
        causes.dedup();
        if causes.len() != self.causes.len() {
            return Err(BookError::invalid(Field::Cause, Problem::Duplicate));
        }
        check_len(Field::Notes, &self.plan, MAX_TEXT)?;
        if self.actions.len() > MAX_ACTIONS {
            return Err(BookError::invalid(
                Field::Title,
                Problem::TooLong { max: MAX_ACTIONS },
            ));
        }
        for action in &self.actions {
            if action.what.trim().is_empty() {
                return Err(BookError::invalid(Field::Title, Problem::Required));
            }
            check_len(Field::Title, &action.what, MAX_NAME)?;
            if let Some(done) = action.done {
                check_not_future(Field::Date, done, today)?;
            }
        }
        for amount in [
            self.exit.receivables,
            self.exit.compensation,
            self.exit.returns,
            self.exit.market_gap,
        ] {
            if amount.fen() < 0 {
                return Err(BookError::invalid(Field::Amount, Problem::Negative));
            }
        }
        check_len(Field::Lessons, &self.exit.lessons, MAX_TEXT)?;
        check_len(Field::WhyNot, &self.why_not, MAX_TEXT)?;
        match (self.outcome, self.closed) {
            (WinbackOutcome::Open, _) => {}
            (_, None) => return Err(BookError::invalid(Field::Date, Problem::Required)),
            (_, Some(closed)) => check_not_future(Field::Date, closed, today)?,
        }
        if self.outcome == WinbackOutcome::NotWonBack && self.why_not.trim().is_empty() {
            return Err(BookError::invalid(Field::WhyNot, Problem::Required));
        }
        if self.outcome != WinbackOutcome::Open && self.primary.is_none() {
            return Err(BookError::invalid(Field::PrimaryCause, Problem::Required));
        }
        Ok(())
    }
}
