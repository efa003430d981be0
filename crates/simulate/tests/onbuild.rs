#![allow(clippy::unwrap_used, clippy::expect_used)]
//! ONBUILD: a stage built on a stage with ONBUILD triggers runs them first, in order, as if
//! they were written right after its FROM (BuildKit); the registering stage itself gets
//! nothing from them, and grandchildren do not run them again.

mod common;

use common::simulate;
use stagecraft_simulate::FileSource;

const TEXT: &str = "\
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20 AS base
ONBUILD COPY --from=build /out/app /usr/local/bin/app
ONBUILD RUN apk add --no-cache curl
RUN mkdir /data

FROM base AS child
USER nobody

FROM child
";

#[test]
fn triggers_run_in_the_child_stage_only() {
    let sim = simulate(TEXT, None);
    let layers = |i: usize| -> Vec<(u32, String)> {
        sim.stages[i]
            .layers
            .iter()
            .map(|l| (l.line, l.instruction.clone()))
            .collect()
    };
    // The registering stage: the ONBUILD lines add nothing.
    let base = &sim.stages[1];
    assert!(base
        .layers
        .iter()
        .filter(|l| l.line == 5 || l.line == 6)
        .all(|l| l.added.high == 0));
    assert!(!base.files.iter().any(|f| &*f.path == "/usr/local/bin/app"));
    assert!(!base.tools.iter().any(|t| &*t.name == "curl"));
    // The child: both triggers first, shown as the ONBUILD instructions, then its own.
    assert_eq!(
        layers(2),
        [
            (
                5,
                "ONBUILD COPY --from=build /out/app /usr/local/bin/app".to_string()
            ),
            (6, "ONBUILD RUN apk add --no-cache curl".to_string()),
            (10, "USER nobody".to_string()),
        ]
    );
    let child = &sim.stages[2];
    let app = child
        .files
        .iter()
        .find(|f| &*f.path == "/usr/local/bin/app")
        .expect("the trigger's COPY --from=build lands in the child");
    assert_eq!(app.source, FileSource::Stage(0));
    assert_eq!(app.why.first().map(|w| (w.stage, w.line)), Some((2, 5)));
    assert!(child.layers.first().is_some_and(|l| l.added.high > 0));
    let curl = child
        .tools
        .iter()
        .find(|t| &*t.name == "curl")
        .expect("curl");
    assert_eq!(curl.why.first().map(|w| w.line), Some(6));
    // The grandchild inherits the results but does not run the triggers again.
    assert_eq!(sim.stages[3].layers.len(), 0);
    let fin = sim.final_image.as_ref().unwrap();
    assert!(fin.files.iter().any(|f| &*f.path == "/usr/local/bin/app"));
    assert_eq!(fin.size, child.size);
}
