//! Counts words on stdin and prints the most frequent ones as JSON.
use std::collections::HashMap;
use std::io::Read;

use anyhow::{Context, Result};
use serde::Serialize;

#[derive(Serialize)]
struct Entry<'a> {
    word: &'a str,
    count: usize,
}

fn main() -> Result<()> {
    let top: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().context("top must be a number"))
        .transpose()?
        .unwrap_or(10);
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(w).or_default() += 1;
    }
    let mut entries: Vec<Entry> = counts.into_iter().map(|(word, count)| Entry { word, count }).collect();
    entries.sort_by(|a, b| b.count.cmp(&a.count).then(a.word.cmp(b.word)));
    entries.truncate(top);
    println!("{}", serde_json::to_string_pretty(&entries)?);
    Ok(())
}
