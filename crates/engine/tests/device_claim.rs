//! Issue 17.1: each device of a team claims its own number in the team database with a
//! document only one device can create; two devices never get the same number, and the
//! claims travel in the database without reaching anyone's book.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/couch.rs"]
mod couch;
#[path = "support/devices.rs"]
mod devices;

use couch::Couch;
use devices::{claim, run};
use liuke_engine::ids::Device;
use liuke_engine::sync::device::DeviceClaim;
use liuke_engine::sync::replicator::{Direction, Response};
use liuke_engine::sync::store::SyncStore;
use liuke_engine::sync::Incoming;
use liuke_engine::Book;

#[test]
fn devices_claim_different_numbers_and_the_claims_stay_out_of_the_book() {
    let mut couch = Couch::new();
    let tablet = claim("王芳的平板", |r| couch.handle(r));
    let laptop = claim("总监笔记本", |r| couch.handle(r));
    let third = claim("李娜的平板", |r| couch.handle(r));
    assert_eq!(
        [tablet.number(), laptop.number(), third.number()],
        [1, 2, 3]
    );
    let mut store = SyncStore::new();
    let pulled = run(Direction::Pull, "x-1", &mut store, None, |r| {
        couch.handle(r)
    })
    .expect("done");
    assert!(pulled.refused.is_empty(), "{:?}", pulled.refused);
    assert_eq!(pulled.written, 3);
    assert!(pulled
        .received
        .iter()
        .all(|i| matches!(i, Incoming::Device(_))));
    let book = Book::new();
    let arrival = book.plan_arrival(pulled.received);
    assert!(arrival.change.is_empty() && arrival.waiting.is_empty());
}

#[test]
fn a_server_that_refuses_the_claim_says_so() {
    let mut claim = DeviceClaim::new("平板");
    claim.start();
    let refused = claim.step(&Response {
        status: 401,
        body: serde_json::json!({"error": "unauthorized"}),
    });
    assert!(refused.is_err());
}

#[test]
fn only_real_device_numbers_read_as_claims() {
    use liuke_engine::sync::document::{key_of, DocKey};
    assert_eq!(
        key_of("device:7").expect("a claim"),
        DocKey::Device(Device::new(7).expect("a device"))
    );
    for bad in [
        "device:0",
        "device:07",
        "device:-1",
        "device:",
        "device:2097152",
    ] {
        assert!(key_of(bad).is_err(), "{bad}");
    }
}
