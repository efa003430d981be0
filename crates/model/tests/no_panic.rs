//! Garbage in, diagnostics out: random Dockerfile-ish text never makes lowering or any renderer
//! panic, and outputs stay well-formed. Deterministic (a fixed-seed xorshift generator).

use stagecraft_model::{
    lower, render_dot, render_mermaid, render_svg, BuildOptions, Graph, SvgOptions,
};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "FROM ",
    "from ",
    "FROM --platform=$BUILDPLATFORM ",
    "FROM --platform=",
    "AS ",
    "as ",
    " AS x",
    "ARG ",
    "ENV ",
    "COPY ",
    "COPY --from=",
    "COPY --from=0 ",
    "COPY --from=1 ",
    "COPY --from=-1 ",
    "ADD --from=a ",
    "RUN ",
    "RUN --mount=",
    "type=cache,target=/x ",
    "from=",
    "FROM=",
    ",from=b",
    "\"type=bind,from=a\" ",
    "ONBUILD ",
    "ONBUILD COPY --from=",
    "scratch",
    "alpine",
    "Alpine",
    "a",
    "b",
    "builder",
    "BUILDER",
    "x",
    "stage-1",
    "9bad",
    "${",
    "}",
    "$",
    "${A:-",
    "${A:?err}",
    "${A#*}",
    "$TARGETARCH",
    "=",
    "==",
    "'",
    "\"",
    "\\",
    "`",
    "\n",
    "\n",
    "\n",
    " ",
    "  ",
    "\t",
    "\\\n",
    "# escape=`\n",
    "# comment\n",
    "[\"a\", \"b\"]",
    "<<EOF\nbody\nEOF\n",
    "0",
    "1",
    "99999999999999999999",
    "+1",
    "é",
    "🐳",
    "\u{0}",
    "\u{1b}",
    "\r\n",
    "--",
    "--from",
    "--mount",
    "--platform=linux/arm64 ",
    "--platform=bogus ",
    "<",
    ">",
    "&",
    "]-->",
    "|",
];

fn random_text(rng: &mut Rng) -> String {
    let n = 1 + rng.next() % 60;
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(PIECES));
    }
    s
}

fn check(text: &str, opts: &BuildOptions) {
    let parse = stagecraft_syntax::parse(text);
    let model = lower(&parse, opts);
    let graph = Graph::new(&model, text);
    let json = graph.to_json();
    let back: Graph = serde_json::from_str(&json).expect("JSON round trip");
    assert_eq!(back, graph);
    let svg = render_svg(&graph, &SvgOptions::default());
    if let Err(e) = roxmltree::Document::parse(&svg) {
        panic!("SVG not well-formed ({e}) for input {text:?}");
    }
    let _ = render_dot(&graph);
    let _ = render_mermaid(&graph);
    for s in &model.stages {
        assert_eq!(s.env_before.len(), s.instructions.len());
    }
    for e in &model.edges {
        assert!((e.to as usize) < model.stages.len());
    }
}

#[test]
fn random_input_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let targets = [None, Some("x"), Some("BUILDER"), Some("nope")];
    for i in 0..3000 {
        let text = random_text(&mut rng);
        let opts = BuildOptions {
            target: targets[i % targets.len()].map(str::to_string),
            platform: if i % 7 == 0 {
                Some("linux/arm/v7".into())
            } else {
                None
            },
            ..BuildOptions::default()
        };
        check(&text, &opts);
    }
}

#[test]
fn random_bytes_never_panic() {
    // Arbitrary bytes (not UTF-8) through parse_bytes, as the CLI reads files.
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..500 {
        let len = (rng.next() % 200) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        // Sprinkle instruction starts so stages and flags appear.
        for piece in [
            &b"\nFROM a AS b\n"[..],
            b"\nCOPY --from=b x y\n",
            b"\nRUN --mount=from=\xff\n",
        ] {
            if rng.next().is_multiple_of(2) {
                let at = (rng.next() as usize) % (bytes.len() + 1);
                bytes.splice(at..at, piece.iter().copied());
            }
        }
        let parse = stagecraft_syntax::parse_bytes(&bytes);
        let model = lower(&parse, &BuildOptions::default());
        let text = String::from_utf8_lossy(&bytes);
        let graph = Graph::new(&model, &text);
        let svg = render_svg(&graph, &SvgOptions::default());
        roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let _ = (render_dot(&graph), render_mermaid(&graph), graph.to_json());
    }
}

#[test]
fn many_stages_stay_fast_and_well_formed() {
    // 300 stages, each copying from stage 0 and from its predecessor: long edges through many
    // rows exercise the layout's budgets.
    let mut text = String::from("FROM alpine AS s0\n");
    for i in 1..300 {
        text.push_str(&format!(
            "FROM s{} AS s{i}\nCOPY --from=0 /a /a\nCOPY --from=img{} /b /b\n",
            i - 1,
            i % 7
        ));
    }
    check(&text, &BuildOptions::default());
}

#[test]
fn pathological_sizes_stay_linear() {
    // 20 000 ENV lines in one stage: the per-instruction scopes share structure (a copy per
    // line would be 200 million entries). 3 000 stages: the SVG declines to draw.
    let mut text = String::from("FROM alpine\n");
    for i in 0..20_000u32 {
        text.push_str(&format!("ENV V{i}=a${{V{}:+b}}\n", i.saturating_sub(1)));
    }
    let m = lower(&stagecraft_syntax::parse(&text), &BuildOptions::default());
    assert_eq!(m.stages[0].env_after.len(), 20_001); // + PATH
    assert_eq!(m.env_at(20_000).get("V19998"), Some("ab"));
    assert_eq!(m.env_at(20_000).get("V19999"), None);

    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "FROM img{} AS s{i}\nCOPY --from=s{} / /\n",
            i % 5,
            i / 2
        ));
    }
    let parse = stagecraft_syntax::parse(&text);
    let graph = Graph::new(&lower(&parse, &BuildOptions::default()), &text);
    let svg = render_svg(&graph, &SvgOptions::default());
    assert!(svg.contains("too many to draw"));
    roxmltree::Document::parse(&svg).expect("well-formed");
    let _ = (render_dot(&graph), render_mermaid(&graph));
}
