use super::{check_not_future, CustomerId, SurveyId};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyMethod {
    #[default]
    Questionnaire,
    Phone,
    FaceToFace,
    Sms,
    Email,
    WeChat,
}

impl SurveyMethod {
    /// A return visit (回访) is made by any of these: visit, phone, SMS, e-mail, WeChat.
    pub const ALL: [SurveyMethod; 6] = [
        SurveyMethod::Phone,
        SurveyMethod::FaceToFace,
        SurveyMethod::WeChat,
        SurveyMethod::Sms,
        SurveyMethod::Email,
        SurveyMethod::Questionnaire,
    ];
}

/// A satisfaction survey on the five-level scale Chinese CRMs use:
/// 5 很满意 … 1 很不满意.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub id: SurveyId,
    pub customer: CustomerId,
    pub date: Date,
    pub score: u8,
    #[serde(default)]
    pub method: SurveyMethod,
}

impl Survey {
    pub const MIN_SCORE: u8 = 1;
    pub const MAX_SCORE: u8 = 5;

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_not_future(Field::Date, self.date, today)?;
        if !(Self::MIN_SCORE..=Self::MAX_SCORE).contains(&self.score) {
            return Err(BookError::invalid(
                Field::Score,
                Problem::OutOfRange {
                    min: Self::MIN_SCORE.into(),
                    max: Self::MAX_SCORE.into(),
                },
            ));
        }
        Ok(())
    }
}
