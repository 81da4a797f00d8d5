//! Native timing of the crate's core on the benchmark payloads (one JSON array of strings on stdin).
use std::io::Read;
use std::time::Instant;

use graph_record_operation::{parse_any_bytes, validate_bytes, ParseOptions, RecordOperation};

fn main() {
    let mut raw = String::new();
    std::io::stdin().read_to_string(&mut raw).expect("stdin");
    // Input: payloads separated by a 0x1e record separator; the last record is the collection.
    let mut records: Vec<&str> = raw.split('\u{1e}').collect();
    let collection = records.pop().expect("collection");
    let options = ParseOptions::default();
    let mut sink = 0usize;
    let bytes: usize = records.iter().map(|r| r.len()).sum();
    for pass in 0..6 {
        let start = Instant::now();
        for r in &records {
            sink += validate_bytes(r.as_bytes(), &options).issues.len();
        }
        let validate = start.elapsed().as_nanos() as f64 / records.len() as f64;
        let start = Instant::now();
        for r in &records {
            if let Ok((op, _)) = RecordOperation::parse_bytes(r.as_bytes(), &options) {
                sink += op.into_owned().id.map_or(0, |s| s.len());
            }
        }
        let parse = start.elapsed().as_nanos() as f64 / records.len() as f64;
        let start = Instant::now();
        let any = parse_any_bytes(collection.as_bytes(), &options);
        sink += any.operations.len();
        drop(any);
        let any_ms = start.elapsed().as_secs_f64() * 1e3;
        if pass >= 1 {
            println!(
                "native: validate {validate:.0} ns/payload, parse+into_owned {parse:.0} ns/payload ({} payloads, mean {} bytes), parse_any {any_ms:.2} ms for the collection ({} bytes)",
                records.len(),
                bytes / records.len(),
                collection.len()
            );
        }
    }
    eprintln!("sink {}", sink % 7);
}
