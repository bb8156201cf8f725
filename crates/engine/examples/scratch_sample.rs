use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use std::time::Instant;

fn main() {
    let today = Date::from_ymd_opt(2026, 3, 15).unwrap();
    let size = match std::env::args().nth(1).as_deref() {
        Some("L") => SampleSize::L,
        Some("M") => SampleSize::M,
        _ => SampleSize::S,
    };
    let t = Instant::now();
    let book = sample_book(size, today);
    println!("generate {:?}: {:?}", size, t.elapsed());
    for kind in RecordKind::ALL {
        println!("{:?}: {}", kind, book.count(kind));
    }
    let t = Instant::now();
    let text = interchange::backup::export(&book, today);
    println!("export: {:?} ({} MB)", t.elapsed(), text.len() / 1_000_000);
    let t = Instant::now();
    let back = interchange::backup::restore(&text).unwrap();
    println!("restore: {:?} equal={}", t.elapsed(), back == book);
    let t = Instant::now();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    println!("raw parse: {:?}", t.elapsed());
    let t = Instant::now();
    let b2 = schema::read_book(v).unwrap();
    println!("value read_book: {:?} equal={}", t.elapsed(), b2 == book);
    if size != SampleSize::S {
        return;
    }
    for c in book.customers().iter().take(12) {
        println!("{:?}", c);
    }
    for s in book.staff().iter() {
        println!("{:?}", s);
    }
    let mut by_tier = std::collections::BTreeMap::new();
    for o in book.orders().iter() {
        let t = book.customers().get(o.customer.0).unwrap().tier;
        *by_tier.entry(format!("{:?}", t)).or_insert(0i64) += o.amount.0;
    }
    println!("revenue by tier {:?}", by_tier);
    let mut status = std::collections::BTreeMap::new();
    for c in book.customers().iter() {
        *status.entry(format!("{:?}", c.status)).or_insert(0) += 1;
    }
    println!("status {:?}", status);
    for o in book.orders().iter().rev().take(5) {
        println!("{:?}", o);
    }
    for o in book.interactions().iter().rev().take(8) {
        println!("{:?}", o);
    }
    for o in book.complaints().iter().rev().take(8) {
        println!("{:?}", o);
    }
    for o in book.signals().iter().rev().take(5) {
        println!("{:?}", o);
    }
    for o in book.contacts().iter().take(8) {
        println!("{:?}", o);
    }
    for o in book.key_dates().iter().take(8) {
        println!("{:?}", o);
    }
    let mut months = [0; 12];
    use chrono::Datelike;
    for o in book.orders().iter() {
        months[o.date.month0() as usize] += 1;
    }
    println!("orders by month {:?}", months);
}
