//! Every fixture (the conformance corpus files BuildKit's parser accepts, and the seed
//! examples): the graph JSON is snapshotted and validated against schemas/graph.schema.json,
//! the DOT output is rendered by Graphviz, the SVG is parsed back as XML and the Mermaid output
//! is checked line by line against the shapes we emit.
#![allow(clippy::disallowed_methods)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use stagecraft_model::{
    render_dot, render_mermaid, render_svg, BuildOptions, Graph, SizeLabel, SvgOptions,
};

fn schema() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/graph.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/graph.schema.json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft202012::new(&value).expect("schema compiles")
}

#[test]
fn graph_json_snapshots_and_schema() {
    let validator = schema();
    let fixtures = common::all_fixtures();
    for f in &fixtures {
        let (_, graph) = f.lower(&BuildOptions::default());
        let json = graph.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).expect("output is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: schema violations: {errors:?}",
            f.name
        );
        // Round trip: the JSON reads back into the same Graph.
        let back: Graph = serde_json::from_str(&json).expect("Graph deserializes");
        assert_eq!(back, graph, "{}: JSON round trip", f.name);
        insta::with_settings!({
            snapshot_path => "snapshots",
            prepend_module_to_snapshot => false,
            description => f.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(f.name.clone(), json);
        });
    }
    println!("graph snapshots: {} fixtures", fixtures.len());
}

#[test]
fn dot_output_renders_with_graphviz() {
    if Command::new("dot").arg("-V").output().is_err() {
        eprintln!("SKIPPED: Graphviz `dot` is not installed (apt-get install -y graphviz)");
        return;
    }
    let fixtures = common::all_fixtures();
    for f in &fixtures {
        let (_, graph) = f.lower(&BuildOptions::default());
        let dot = render_dot(&graph);
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run dot");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(dot.as_bytes())
            .expect("write dot");
        let out = child.wait_with_output().expect("dot finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.trim().is_empty(),
            "{}: dot failed: {stderr}\n{dot}",
            f.name
        );
    }
    println!("dot: {} fixtures rendered", fixtures.len());
}

#[test]
fn svg_is_well_formed_with_one_node_per_stage() {
    let fixtures = common::all_fixtures();
    for f in &fixtures {
        let (_, graph) = f.lower(&BuildOptions::default());
        let sizes: Vec<Option<SizeLabel>> = graph
            .stages
            .iter()
            .map(|s| {
                (s.index % 2 == 0).then(|| SizeLabel {
                    text: format!("~{} MB <&>", s.index * 10),
                    fraction: 0.5,
                })
            })
            .collect();
        for svg in [
            render_svg(&graph, &SvgOptions::default()),
            render_svg(
                &graph,
                &SvgOptions {
                    sizes: &sizes,
                    id_prefix: Some("x"),
                },
            ),
        ] {
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{}: SVG is not XML: {e}", f.name));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            assert_eq!(root.attribute("data-testid"), Some("stage-graph"));
            let nodes: Vec<_> = doc
                .descendants()
                .filter(|n| n.attribute("data-testid") == Some("stage-node"))
                .collect();
            assert_eq!(
                nodes.len(),
                graph.stages.len(),
                "{}: one stage node per stage",
                f.name
            );
            for (n, s) in nodes.iter().zip(&graph.stages) {
                assert_eq!(
                    n.attribute("data-stage-name"),
                    Some(s.name.as_deref().unwrap_or(""))
                );
                assert_eq!(
                    n.attribute("data-reachable"),
                    Some(if s.reachable { "true" } else { "false" })
                );
                assert_eq!(
                    n.attribute("data-span"),
                    Some(format!("{},{}", s.span[0], s.span[1]).as_str())
                );
            }
            let images = doc
                .descendants()
                .filter(|n| n.attribute("data-testid") == Some("image-node"))
                .count();
            assert_eq!(images, graph.images.len(), "{}: one node per image", f.name);
        }
    }
}

/// Mermaid's grammar, restricted to what we emit: a header, node declarations with quoted
/// labels, links with quoted labels, classDef/class/linkStyle lines.
fn check_mermaid(text: &str) -> Result<(), String> {
    let mut lines = text.lines();
    if lines.next() != Some("flowchart TB") {
        return Err("missing header".into());
    }
    let id_ok = |s: &str| {
        s == "scratch"
            || (s.len() > 1
                && (s.starts_with('s') || s.starts_with('i'))
                && s[1..].bytes().all(|b| b.is_ascii_digit()))
    };
    let label_ok = |s: &str| !s.contains('"') && !s.contains('\n');
    let mut ids = std::collections::BTreeSet::new();
    let mut links = 0usize;
    for line in lines {
        let Some(l) = line.strip_prefix("  ") else {
            return Err(format!("bad indentation: {line}"));
        };
        if let Some(rest) = l.strip_prefix("classDef ") {
            if rest.split_whitespace().count() < 2 {
                return Err(format!("bad classDef: {line}"));
            }
        } else if let Some(rest) = l.strip_prefix("class ") {
            let mut parts = rest.split(' ');
            let (Some(id), Some(_class), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(format!("bad class line: {line}"));
            };
            if !ids.contains(id) {
                return Err(format!("class for unknown node: {line}"));
            }
        } else if let Some(rest) = l.strip_prefix("linkStyle ") {
            let n: usize = rest
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or(format!("bad linkStyle: {line}"))?;
            if n >= links {
                return Err(format!("linkStyle for unknown link: {line}"));
            }
        } else if let Some((from, rest)) =
            l.split_once(' ').filter(|(id, _)| !id.contains(['[', '(']))
        {
            // A link: `a --> b`, `a -->|"label"| b`, `a -.->|"label"| b`.
            let (arrow, to) = rest.rsplit_once(' ').ok_or(format!("bad link: {line}"))?;
            let ok_arrow = arrow == "-->"
                || ["-->|\"", "-.->|\""].iter().any(|p| {
                    arrow.starts_with(p)
                        && arrow.ends_with("\"|")
                        && label_ok(&arrow[p.len()..arrow.len() - 2])
                });
            if !ok_arrow || !ids.contains(from) || !ids.contains(to) {
                return Err(format!("bad link: {line}"));
            }
            links += 1;
        } else {
            // A node: id["label"], id[/"label"/], id(["label"]).
            let open = l.find(['[', '(']).ok_or(format!("bad node: {line}"))?;
            let (id, shape) = l.split_at(open);
            let inner = ["[\"", "[/\"", "([\""]
                .iter()
                .zip(["\"]", "\"/]", "\"])"])
                .find_map(|(o, c)| shape.strip_prefix(o).and_then(|s| s.strip_suffix(c)))
                .ok_or(format!("bad node shape: {line}"))?;
            if !id_ok(id) || !label_ok(inner) {
                return Err(format!("bad node: {line}"));
            }
            ids.insert(id.to_string());
        }
    }
    Ok(())
}

#[test]
fn mermaid_output_has_the_expected_shape() {
    for f in &common::all_fixtures() {
        let (_, graph) = f.lower(&BuildOptions::default());
        let m = render_mermaid(&graph);
        if let Err(e) = check_mermaid(&m) {
            panic!("{}: {e}\n{m}", f.name);
        }
    }
}

#[test]
fn mermaid_output_parses_with_mermaids_own_parser() {
    // Optional: needs `npm install mermaid@11 jsdom@24` somewhere; point
    // STAGECRAFT_MERMAID_DIR at that directory's node_modules.
    let Some(modules) = std::env::var_os("STAGECRAFT_MERMAID_DIR") else {
        eprintln!("SKIPPED: set STAGECRAFT_MERMAID_DIR=<dir>/node_modules (mermaid@11, jsdom@24) to run Mermaid's parser");
        return;
    };
    let out = std::env::temp_dir().join(format!("stagecraft-mermaid-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    for f in &common::all_fixtures() {
        let (_, graph) = f.lower(&BuildOptions::default());
        std::fs::write(out.join(format!("{}.mmd", f.name)), render_mermaid(&graph)).expect("write");
    }
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid_parse.mjs");
    let res = Command::new("node")
        .arg(&script)
        .arg(&out)
        .env("NODE_PATH", &modules)
        .output()
        .expect("run node");
    let _ = std::fs::remove_dir_all(&out);
    let stdout = String::from_utf8_lossy(&res.stdout);
    println!("{stdout}");
    assert!(
        res.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn renderers_escape_hostile_text() {
    // Stage names cannot hold markup (BuildKit's name rule), but image references and raw
    // FROM words can hold anything the parser accepts.
    let text = "FROM \"a<b>&'c\\\"\" AS x\nFROM x\nCOPY --from=evil\"]-->x /a /b\n";
    let parse = stagecraft_syntax::parse(text);
    let model = stagecraft_model::lower(&parse, &BuildOptions::default());
    let graph = Graph::new(&model, text);
    let svg = render_svg(&graph, &SvgOptions::default());
    roxmltree::Document::parse(&svg).expect("well-formed");
    assert!(!svg.contains("<b>"));
    check_mermaid(&render_mermaid(&graph)).expect("mermaid stays well-formed");
    let dot = render_dot(&graph);
    assert!(
        dot.contains("\\\"") || !dot.contains("evil\""),
        "quotes escaped in DOT: {dot}"
    );
}

#[test]
fn seed_renderings_snapshots() {
    // DOT, Mermaid and SVG of the seed examples, so layout or styling changes show in review.
    for f in common::dockerfiles(&common::seeds_dir(), "seeds__", false) {
        let (_, graph) = f.lower(&BuildOptions::default());
        insta::with_settings!({
            snapshot_path => "snapshots/render",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{}.dot", f.name), render_dot(&graph));
            insta::assert_snapshot!(format!("{}.mermaid", f.name), render_mermaid(&graph));
            insta::assert_snapshot!(format!("{}.svg", f.name), render_svg(&graph, &SvgOptions::default()));
        });
    }
}

#[test]
fn svg_opens_in_chromium() {
    // Chromium's XML parser is stricter about some things than roxmltree; a page that fails to
    // parse comes back as a <parsererror> document.
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!("SKIPPED: no Chromium (apt-get install -y chromium)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("stagecraft-svg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut picks: Vec<common::Fixture> =
        common::dockerfiles(&common::seeds_dir(), "seeds__", false);
    picks.extend(
        common::dockerfiles(&common::corpus_dir(), "corpus__", true)
            .into_iter()
            .filter(|f| {
                f.name.contains("moby_moby__Dockerfile") || f.name.contains("adv_from_weird_args")
            }),
    );
    for f in &picks {
        let (_, graph) = f.lower(&BuildOptions::default());
        let path = dir.join(format!("{}.svg", f.name));
        std::fs::write(&path, render_svg(&graph, &SvgOptions::default())).expect("write svg");
        let profile = dir.join("profile");
        let out = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("--dump-dom")
            .arg(format!("file://{}", path.display()))
            .output()
            .expect("run chromium");
        let dom = String::from_utf8_lossy(&out.stdout);
        assert!(
            dom.contains("data-testid=\"stage-graph\""),
            "{}: Chromium did not load the SVG: {dom}",
            f.name
        );
        assert!(
            !dom.contains("parsererror"),
            "{}: Chromium could not parse the SVG: {dom}",
            f.name
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wide_files_wrap_into_rows_instead_of_shrinking() {
    // 40 independent stages on one base plus a final stage copying from all: one layer of 40
    // must wrap (6 boxes per row), keeping the drawing narrow and the text at full size.
    let mut text = String::from("FROM alpine AS base\n");
    for i in 0..40 {
        text.push_str(&format!("FROM base AS part{i}\nRUN make part{i}\n"));
    }
    text.push_str("FROM scratch\n");
    for i in 0..40 {
        text.push_str(&format!("COPY --from=part{i} /out /out/{i}\n"));
    }
    let parse = stagecraft_syntax::parse(&text);
    let graph = Graph::new(
        &stagecraft_model::lower(&parse, &BuildOptions::default()),
        &text,
    );
    let svg = render_svg(&graph, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let width: f64 = doc
        .root_element()
        .attribute("width")
        .and_then(|w| w.parse().ok())
        .expect("width");
    assert!(width < 2200.0, "drawing is {width} px wide");
    // Stage boxes sit on several distinct rows.
    let rows: std::collections::BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.attribute("data-testid") == Some("stage-node"))
        .filter_map(|n| {
            n.attribute("transform")
                .and_then(|t| t.split(',').nth(1))
                .map(str::to_string)
        })
        .collect();
    assert!(
        rows.len() >= 7 + 2,
        "40 parts need at least 7 rows, plus base and final: {rows:?}"
    );
    assert!(svg.contains(".sc-name{font-size:13px"));
}

#[test]
fn svg_edges_carry_the_span_of_their_reference() {
    let text = "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\nRUN --mount=type=cache,from=build,target=/c true\n";
    let parse = stagecraft_syntax::parse(text);
    let model = stagecraft_model::lower(&parse, &BuildOptions::default());
    let graph = Graph::new(&model, text);
    let svg = render_svg(&graph, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let edges: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.attribute("data-testid") == Some("stage-edge"))
        .map(|n| {
            let span = n.attribute("data-span").expect("data-span");
            let (a, b) = span.split_once(',').expect("start,end");
            let (a, b): (usize, usize) = (a.parse().expect("start"), b.parse().expect("end"));
            (
                n.attribute("data-kind").unwrap_or_default().to_string(),
                text[a..b].to_string(),
                n.attribute("data-line").unwrap_or_default().to_string(),
            )
        })
        .collect();
    let has = |kind: &str, line: &str, needle: &str| {
        edges
            .iter()
            .any(|(k, t, l)| k == kind && l == line && t.contains(needle))
    };
    assert!(has("from", "1", "golang:1.22"), "{edges:?}");
    assert!(has("from", "4", "alpine:3.20"), "{edges:?}");
    assert!(has("copy", "5", "build"), "{edges:?}");
    assert!(has("mount", "6", "build"), "{edges:?}");
    // Every edge is clickable through a wide hit path, which has no handler of its own.
    assert!(doc
        .descendants()
        .filter(|n| n.attribute("data-testid") == Some("stage-edge"))
        .all(|n| n.children().any(|c| c.attribute("class") == Some("sc-hit"))));
}
