//! Claiming a device number in a team database: the first free number from 1 up, taken
//! with a document only one device can create (the server answers 409 to the others),
//! so two devices joining at once never get the same number and so never give out the
//! same ids (see [`crate::ids::Device`]).

use super::document::device_doc_id;
use super::replicator::{Method, Request, Response, SyncError};
use crate::ids::{Device, MAX_DEVICE};
use serde_json::json;

/// Numbers tried before giving up: a team has far fewer devices.
const TRIES: u32 = 1000;

/// What to do next while claiming.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimStep {
    Send(Request),
    Claimed(Device),
}

/// One claim, from number 1 up.
#[derive(Clone, Debug)]
pub struct DeviceClaim {
    trying: u32,
    /// Says which device this is, for people reading the database.
    label: String,
}

impl DeviceClaim {
    pub fn new(label: &str) -> DeviceClaim {
        DeviceClaim {
            trying: 1,
            label: label.chars().take(100).collect(),
        }
    }

    fn request(&self) -> Request {
        let device = Device::new(self.trying).unwrap_or(Device::LOCAL);
        Request {
            method: Method::Put,
            path: device_doc_id(device),
            body: Some(json!({ "label": self.label })),
        }
    }

    /// The first request: claim number 1.
    pub fn start(&mut self) -> Request {
        self.trying = 1;
        self.request()
    }

    /// Reads the answer: the number is this device's, or taken (try the next), or the
    /// server refused.
    pub fn step(&mut self, response: &Response) -> Result<ClaimStep, SyncError> {
        match response.status {
            200..=299 => Device::new(self.trying)
                .map(ClaimStep::Claimed)
                .ok_or(SyncError::Malformed("a device claim")),
            409 if self.trying < TRIES.min(MAX_DEVICE) => {
                self.trying += 1;
                Ok(ClaimStep::Send(self.request()))
            }
            status => Err(SyncError::Http {
                status,
                error: response
                    .body
                    .get("error")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            }),
        }
    }
}
