//! A chain of stages, each `FROM` the previous one and copying the previous one's `/app` onto
//! its own: the visible files must not double at every stage (they did, exponentially: 22 such
//! stages took 92 s and 5 GB).

use stagecraft_model::{lower, BuildOptions};
use stagecraft_simulate::run;

fn chain(stages: usize) -> String {
    let mut s = String::from(
        "FROM python:3.12-slim AS s0\nWORKDIR /app\nRUN pip install flask==3.0.3\nCOPY app.py .\n",
    );
    for k in 1..stages {
        s.push_str(&format!(
            "FROM s{} AS s{k}\nRUN pip install requests\nCOPY --from=s{} /app /app\n",
            k - 1,
            k - 1
        ));
    }
    s
}

fn final_files(stages: usize) -> Vec<String> {
    let text = chain(stages);
    let parse = stagecraft_syntax::parse(&text);
    let model = lower(&parse, &BuildOptions::default());
    let sim = run(&parse, &model, None);
    let fin = sim.final_image.expect("a final image");
    fin.files.iter().map(|f| f.path.to_string()).collect()
}

#[test]
fn copying_the_parent_stage_onto_itself_does_not_multiply_files() {
    let three = final_files(3);
    let twelve = final_files(12);
    assert!(!three.is_empty());
    // Same visible paths whatever the chain's length: each copy overwrites what it copies.
    assert_eq!(twelve, three);
}

/// Each stage copies the previous stage's `/app` into a subdirectory of its own `/app`: the
/// real file count doubles at every stage. The simulation summarises beyond its bounds instead
/// of following (60 such stages took a minute and 24 GB before).
#[test]
fn copies_nested_into_themselves_stay_bounded() {
    let mut text =
        String::from("FROM alpine AS s0\nWORKDIR /app\nRUN echo hi > a.txt\nCOPY x.txt .\n");
    for k in 1..60 {
        text.push_str(&format!(
            "FROM s{} AS s{k}\nCOPY --from=s{} /app /app/sub{k}\n",
            k - 1,
            k - 1
        ));
    }
    let parse = stagecraft_syntax::parse(&text);
    let model = lower(&parse, &BuildOptions::default());
    let sim = run(&parse, &model, None);
    let fin = sim.final_image.expect("a final image");
    assert!(fin.files.len() <= 5000, "{} files", fin.files.len());
    assert!(fin.files.iter().any(|f| f.what.contains("(summarised)")));
    assert!(fin.files.iter().all(|f| f.why.len() <= 16));
}
