//! Self-contained SVG of the stage graph, laid out in layers (see `layout`).
//!
//! Every piece of user text is XML-escaped; characters XML 1.0 forbids are replaced. The
//! drawing is styled through classes and CSS custom properties (`--sc-*`) with light
//! defaults and a dark `prefers-color-scheme` variant, so a host page can theme it.

use std::fmt::Write as _;

use super::layout::{layout, LNode, LOptions};
use super::{draw_edges, draw_nodes, edge_label, edge_title, live_nodes, reachable, NodeRef};
use crate::graph::Graph;
use crate::model::EdgeKind;

/// An optional size annotation for a stage (e.g. the simulated image size).
#[derive(Debug, Clone, PartialEq)]
pub struct SizeLabel {
    /// Text shown under the base, e.g. `~ 120 MB (80–190)`.
    pub text: String,
    /// Bar fill between 0 and 1 (relative to the largest stage).
    pub fraction: f64,
}

/// Options of [`render_svg`].
#[derive(Debug, Clone, Default)]
pub struct SvgOptions<'a> {
    /// Per stage index, an optional size annotation.
    pub sizes: &'a [Option<SizeLabel>],
    /// Prefix of the ids inside the SVG (markers), so several graphs can share a page.
    /// Default `sc`.
    pub id_prefix: Option<&'a str>,
}

const NAME_CHAR_W: f64 = 7.6;
const BASE_CHAR_W: f64 = 6.7;
const MIN_W: f64 = 120.0;
const MAX_W: f64 = 250.0;
const PAD: f64 = 12.0;

/// XML-escape text content or an attribute value; characters XML 1.0 does not allow become
/// U+FFFD.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Like [`xml`], keeping line breaks (for `<title>` tooltips).
fn xml_text(s: &str) -> String {
    s.split('\n').map(xml).collect::<Vec<_>>().join("\n")
}

/// Cut `s` to at most `max` characters, ending with `…` when cut.
fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A coordinate with at most one decimal (`12`, `12.5`, `-0.5`). Integer arithmetic: float
/// formatting would pull core's float printer (~10 kB) into the wasm for this alone.
fn f(v: f64) -> String {
    // Saturating float-to-int cast; coordinates are far inside i64.
    let tenths = (v * 10.0).round() as i64;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        let sign = if tenths < 0 { "-" } else { "" };
        let t = tenths.unsigned_abs();
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

struct Box_ {
    title: String,
    line1: String,
    line2: String,
    width: f64,
    height: f64,
}

fn text_width(s: &str, cw: f64) -> f64 {
    s.chars().count() as f64 * cw
}

/// Theme variables: name, light default, dark default. A page can set any `--sc-*` on an
/// ancestor of the SVG (or on `.sc-graph`); the defaults are only fallbacks inside `var()`.
const THEME: &[(&str, &str, &str)] = &[
    ("bg", "#ffffff", "#111827"),
    ("fg", "#1f2937", "#e5e7eb"),
    ("muted", "#6b7280", "#9ca3af"),
    ("stage-bg", "#eef4ff", "#1e293b"),
    ("stage-border", "#3b6fd8", "#60a5fa"),
    ("target-border", "#1d4ed8", "#93c5fd"),
    ("image-bg", "#ffffff", "#111827"),
    ("image-border", "#6b7280", "#9ca3af"),
    ("dim-bg", "#f3f4f6", "#1f2937"),
    ("dim-border", "#c0c4cc", "#4b5563"),
    ("dim-fg", "#9ca3af", "#6b7280"),
    ("edge-from", "#374151", "#d1d5db"),
    ("edge-copy", "#b45309", "#f59e0b"),
    ("edge-mount", "#7c3aed", "#a78bfa"),
    ("size-bar", "#10b981", "#34d399"),
    ("size-track", "#d1d5db", "#374151"),
];

/// Rules using theme colours; `@name` stands for the variable `--sc-name`.
const COLOR_RULES: &str = "\
.sc-graph .sc-bg{fill:@bg}
.sc-graph .sc-stage .sc-box{fill:@stage-bg;stroke:@stage-border}
.sc-graph .sc-target .sc-box{stroke:@target-border}
.sc-graph .sc-image .sc-box,.sc-graph .sc-scratch .sc-box{fill:@image-bg;stroke:@image-border}
.sc-graph .sc-unreachable .sc-box{fill:@dim-bg;stroke:@dim-border}
.sc-graph .sc-name{fill:@fg}
.sc-graph .sc-base,.sc-graph .sc-edge-label,.sc-graph .sc-size,.sc-graph .sc-legend{fill:@muted}
.sc-graph .sc-unreachable .sc-name,.sc-graph .sc-unreachable .sc-base{fill:@dim-fg}
.sc-graph .sc-edge-from path{stroke:@edge-from}
.sc-graph .sc-edge-copy path{stroke:@edge-copy}
.sc-graph .sc-edge-mount path{stroke:@edge-mount}
.sc-graph .sc-edge.sc-unreachable path{stroke:@dim-border}
.sc-graph .sc-edge-label-bg{fill:@bg}
.sc-graph .sc-head-from{fill:@edge-from}
.sc-graph .sc-head-copy{fill:@edge-copy}
.sc-graph .sc-head-mount{fill:@edge-mount}
.sc-graph .sc-head-dim{fill:@dim-border}
.sc-graph .sc-size-track{fill:@size-track}
.sc-graph .sc-size-bar{fill:@size-bar}
";

/// Rules that do not depend on the theme.
const SHAPE_RULES: &str = "\
.sc-graph{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}
.sc-graph .sc-box{stroke-width:1.5}
.sc-graph .sc-target .sc-box{stroke-width:3}
.sc-graph .sc-image .sc-box{stroke-dasharray:6 3}
.sc-graph .sc-scratch .sc-box{stroke-dasharray:2 3}
.sc-graph .sc-name{font-size:13px;font-weight:600}
.sc-graph .sc-base{font-size:11px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sc-graph .sc-edge path{fill:none;stroke-width:1.6}
.sc-graph .sc-edge-copy path{stroke-dasharray:7 4}
.sc-graph .sc-edge-mount path{stroke-dasharray:2 3}
.sc-graph .sc-edge-label{font-size:10px}
.sc-graph .sc-edge-label-bg{opacity:.85}
.sc-graph .sc-size{font-size:10px}
.sc-graph .sc-legend{font-size:11px}
";

/// The edges' click targets: invisible, wide, solid. Last, so they win over the colour rules
/// of equal specificity.
const HIT_RULES: &str = "\
.sc-graph .sc-edge path.sc-hit{stroke:transparent;stroke-width:12;stroke-dasharray:none;fill:none;pointer-events:stroke}
";

/// The embedded style sheet: shapes, then colours with light fallbacks, then the same colour
/// rules with dark fallbacks under `prefers-color-scheme: dark`.
fn style() -> String {
    let with = |dark: bool| {
        let mut rules = COLOR_RULES.to_string();
        // Longest names first so `@dim-border` is not eaten by a shorter name.
        let mut theme: Vec<&(&str, &str, &str)> = THEME.iter().collect();
        stagecraft_syntax::sort::sort_by_key(&mut theme, |t| std::cmp::Reverse(t.0.len()));
        for (name, light, dark_v) in theme {
            let v = if dark { dark_v } else { light };
            rules = rules.replace(&format!("@{name}"), &format!("var(--sc-{name},{v})"));
        }
        rules
    };
    format!(
        "\n{SHAPE_RULES}{}@media (prefers-color-scheme:dark){{\n{}}}\n{HIT_RULES}",
        with(false),
        with(true)
    )
}

/// The SVG for a graph too large to draw: a sentence instead of a hairball.
fn too_large(g: &Graph, prefix: &str) -> String {
    let text = format!(
        "{} stages, {} images and {} dependencies: too many to draw (limits: {} nodes, {} edges).",
        g.stages.len(),
        g.images.len(),
        g.edges.len(),
        super::MAX_DRAWN_NODES,
        super::MAX_DRAWN_EDGES
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sc-graph sc-too-large\" data-testid=\"stage-graph\" viewBox=\"0 0 720 60\" width=\"720\" height=\"60\" role=\"img\" aria-labelledby=\"{prefix}-title\">\n<title id=\"{prefix}-title\">{}</title>\n<style>{}</style>\n<rect class=\"sc-bg\" x=\"0\" y=\"0\" width=\"720\" height=\"60\"/>\n<text class=\"sc-legend\" x=\"20\" y=\"34\">{}</text>\n</svg>\n",
        xml(&text),
        style(),
        xml(&text)
    )
}

/// `(x, y, width, height)`.
type Rect = (f64, f64, f64, f64);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Where to put an edge label of width `w`: the midpoint of the route's segment nearest the
/// middle whose label box overlaps no label placed so far and no node; else the middle.
fn place_label(route: &[(f64, f64)], w: f64, placed: &[Rect], nodes: &[Rect]) -> (f64, f64) {
    let mid = route.len() / 2;
    let mut candidates: Vec<(usize, (f64, f64))> = Vec::new();
    for (i, pair) in route.windows(2).enumerate() {
        if let [(xa, ya), (xb, yb)] = pair {
            for t in [0.5, 0.3, 0.7] {
                let p = (xa + (xb - xa) * t, ya + (yb - ya) * t);
                candidates.push((i.abs_diff(mid.saturating_sub(1)), p));
            }
        }
    }
    stagecraft_syntax::sort::sort_by_key(&mut candidates, |c| c.0);
    let free = |p: (f64, f64)| {
        let r = (p.0 - w / 2.0, p.1 - 7.0, w, 14.0);
        !placed.iter().chain(nodes).any(|&o| overlaps(r, o))
    };
    candidates
        .iter()
        .map(|c| c.1)
        .find(|&p| free(p))
        .or_else(|| candidates.first().map(|c| c.1))
        .unwrap_or((0.0, 0.0))
}

/// The graph as a standalone SVG document.
///
/// Hooks for a host page:
/// - `<svg class="sc-graph" data-testid="stage-graph">`;
/// - each stage `<g class="sc-node sc-stage [sc-target] [sc-from-scratch] [sc-unreachable]"
///   data-testid="stage-node"
///   data-stage-index data-stage-name (lower-cased AS name or empty) data-stage-label (name or
///   `stage-N`) data-reachable="true|false" data-span="start,end"
///   data-line>` (the span is the FROM instruction's bytes, for selecting it in an editor);
///   images `data-testid="image-node" data-image-ref`, scratch `data-testid="scratch-node"`;
/// - edges `<g class="sc-edge sc-edge-from|copy|mount [sc-unreachable]" data-testid="stage-edge"
///   data-kind data-to data-span="start,end" data-line>` (the span is the first merged
///   reference's bytes: the FROM image word or the `--from`/`--mount` flag; the group's first
///   path is a wide transparent hit area);
/// - colours come from `--sc-bg`, `--sc-fg`, `--sc-muted`, `--sc-stage-bg`, `--sc-stage-border`,
///   `--sc-target-border`, `--sc-image-bg`, `--sc-image-border`, `--sc-dim-bg`,
///   `--sc-dim-border`, `--sc-dim-fg`, `--sc-edge-from`, `--sc-edge-copy`, `--sc-edge-mount`,
///   `--sc-size-bar`, `--sc-size-track`, set anywhere above the SVG; without them, light
///   defaults, or dark ones under `prefers-color-scheme: dark`.
pub fn render_svg(g: &Graph, opts: &SvgOptions<'_>) -> String {
    let prefix = xml(opts.id_prefix.unwrap_or("sc"));
    if g.stages.len() + g.images.len() > super::MAX_DRAWN_NODES
        || g.edges.len() > super::MAX_DRAWN_EDGES
    {
        return too_large(g, &prefix);
    }
    // `FROM scratch` is said in the stage box ("FROM scratch"); drawing an edge from one shared
    // scratch node to every such stage only adds long lines. The scratch node stays for
    // `COPY --from=scratch` and mounts.
    let edges: Vec<super::DrawEdge> = draw_edges(g)
        .into_iter()
        .filter(|e| !(e.from == NodeRef::Scratch && e.kind == EdgeKind::From))
        .collect();
    let scratch_used = edges.iter().any(|e| e.from == NodeRef::Scratch);
    let nodes: Vec<NodeRef> = draw_nodes(g)
        .into_iter()
        .filter(|&n| n != NodeRef::Scratch || scratch_used)
        .collect();
    let live_set = live_nodes(g, &edges);
    let name_max = ((MAX_W - 2.0 * PAD) / NAME_CHAR_W) as usize;
    let base_max = ((MAX_W - 2.0 * PAD) / BASE_CHAR_W) as usize;

    let boxes: Vec<Box_> = nodes
        .iter()
        .map(|&n| {
            let (title, line1, line2, sized) = match n {
                NodeRef::Stage(i) => {
                    let s = g.stages.get(i as usize);
                    let name = g.stage_label(i);
                    let base = s.map(|s| s.base_resolved.clone()).unwrap_or_default();
                    let mut title = format!(
                        "{name} (stage {i}, line {})\nFROM {base}",
                        s.map_or(0, |s| s.line)
                    );
                    if let Some(p) = s.and_then(|s| s.platform.clone()) {
                        title.push_str(&format!(" --platform={p}"));
                    }
                    if g.target == Some(i) {
                        title.push_str("\ntarget");
                    }
                    if s.is_some_and(|s| !s.reachable) {
                        title.push_str("\nnot built for this target");
                    }
                    let sized = opts.sizes.get(i as usize).is_some_and(Option::is_some);
                    let line1 = if g.target == Some(i) {
                        format!("{name} ★")
                    } else {
                        name
                    };
                    (title, line1, format!("FROM {base}"), sized)
                }
                NodeRef::Image(i) => {
                    let r = g
                        .images
                        .get(i as usize)
                        .map(|im| im.reference.clone())
                        .unwrap_or_default();
                    (format!("image {r}"), r, "image".to_string(), false)
                }
                NodeRef::Scratch => (
                    "scratch: the empty image".into(),
                    "scratch".into(),
                    "empty image".into(),
                    false,
                ),
            };
            let line1 = ellipsize(&line1, name_max);
            let line2 = ellipsize(&line2, base_max);
            let width = (text_width(&line1, NAME_CHAR_W).max(text_width(&line2, BASE_CHAR_W))
                + 2.0 * PAD)
                .clamp(MIN_W, MAX_W);
            let height = if sized { 62.0 } else { 44.0 };
            Box_ {
                title,
                line1,
                line2,
                width,
                height,
            }
        })
        .collect();

    let positions: std::collections::BTreeMap<NodeRef, usize> =
        nodes.iter().enumerate().map(|(k, &n)| (n, k)).collect();
    let index_of = |n: NodeRef| positions.get(&n).copied();
    let ledges: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|e| Some((index_of(e.from)?, index_of(NodeRef::Stage(e.to))?)))
        .collect();
    let drawn: Vec<&super::DrawEdge> = edges
        .iter()
        .filter(|e| index_of(e.from).is_some() && index_of(NodeRef::Stage(e.to)).is_some())
        .collect();
    let lnodes: Vec<LNode> = boxes
        .iter()
        .map(|b| LNode {
            width: b.width,
            height: b.height,
        })
        .collect();
    let Some(lay) = layout(
        &lnodes,
        &ledges,
        LOptions {
            max_per_row: 6,
            node_gap: 28.0,
            dummy_gap: 6.0,
            row_gap: 56.0,
            margin: 20.0,
            dummy_width: 8.0,
            max_dummies: 20_000,
        },
    ) else {
        return too_large(g, &prefix);
    };

    let legend_h = 34.0;
    let width = lay.width.max(520.0);
    let height = lay.height + legend_h;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sc-graph\" data-testid=\"stage-graph\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{prefix}-title\">",
        w = f(width),
        h = f(height)
    );
    let target_text = g
        .target
        .map_or_else(|| "none".to_string(), |t| g.stage_label(t));
    let _ = writeln!(
        out,
        "<title id=\"{prefix}-title\">Stage graph: {} stages, {} images, target {}</title>",
        g.stages.len(),
        g.images.len(),
        xml(&target_text)
    );
    let _ = writeln!(out, "<style>{}</style>", style());
    out.push_str("<defs>\n");
    for k in ["from", "copy", "mount", "dim"] {
        let _ = writeln!(
            out,
            "<marker id=\"{prefix}-arrow-{k}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"sc-head-{k}\" d=\"M0,0 L10,5 L0,10 z\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect class=\"sc-bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
        f(width),
        f(height)
    );

    // Edges below nodes.
    out.push_str("<g class=\"sc-edges\">\n");
    let mut labels = String::new();
    let mut placed: Vec<Rect> = Vec::new();
    let node_rects: Vec<Rect> = boxes
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let (cx, top) = lay.pos.get(k).copied().unwrap_or((0.0, 0.0));
            (cx - b.width / 2.0, top, b.width, b.height)
        })
        .collect();
    for (e, route) in drawn.iter().zip(&lay.routes) {
        let live = reachable(g, e.to);
        let kind = e.kind.as_str();
        let mut d = String::new();
        if let Some(&(x0, y0)) = route.first() {
            let _ = write!(d, "M{},{}", f(x0), f(y0));
            for pair in route.windows(2) {
                if let [(x1, y1), (x2, y2)] = pair {
                    let my = (y1 + y2) / 2.0;
                    let _ = write!(
                        d,
                        " C{},{} {},{} {},{}",
                        f(*x1),
                        f(my),
                        f(*x2),
                        f(my),
                        f(*x2),
                        f(*y2)
                    );
                }
            }
        }
        let head = if live { kind } else { "dim" };
        let dim = if live { "" } else { " sc-unreachable" };
        // A wide transparent copy of the path under the visible one makes the edge easy to
        // click; `data-span`/`data-line` say which instruction it stands for.
        let line = e.uses.first().map_or(0, |u| u.1);
        let _ = writeln!(
            out,
            "<g class=\"sc-edge sc-edge-{kind}{dim}\" data-testid=\"stage-edge\" data-kind=\"{kind}\" data-to=\"{}\" data-span=\"{},{}\" data-line=\"{line}\"><title>{}</title><path class=\"sc-hit\" d=\"{d}\"/><path d=\"{d}\" marker-end=\"url(#{prefix}-arrow-{head})\"/></g>",
            e.to,
            e.span[0],
            e.span[1],
            xml(&edge_title(e))
        );
        let label = edge_label(e);
        // In big graphs a plain "copy"/"mount" on every edge is noise: the line style and the
        // legend say it; counts and ONBUILD stay labelled.
        let worth = drawn.len() <= 30 || e.count > 1 || e.onbuild;
        if !label.is_empty() && worth && route.len() >= 2 {
            let lw = text_width(&label, 6.0) + 8.0;
            let (lx, ly) = place_label(route, lw, &placed, &node_rects);
            placed.push((lx - lw / 2.0, ly - 7.0, lw, 14.0));
            let _ = writeln!(
                labels,
                "<g class=\"sc-edge-label-g\"><rect class=\"sc-edge-label-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\"/><text class=\"sc-edge-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
                f(lx - lw / 2.0),
                f(ly - 7.0),
                f(lw),
                f(lx),
                f(ly + 3.5),
                xml(&label)
            );
        }
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"sc-nodes\">\n");
    for (k, (&n, b)) in nodes.iter().zip(&boxes).enumerate() {
        let (cx, top) = lay.pos.get(k).copied().unwrap_or((0.0, 0.0));
        let x = cx - b.width / 2.0;
        let live = live_set.contains(&n);
        let dim = if live { "" } else { " sc-unreachable" };
        match n {
            NodeRef::Stage(i) => {
                let s = g.stages.get(i as usize);
                let target = if g.target == Some(i) {
                    " sc-target"
                } else {
                    ""
                };
                let scratch = if s.is_some_and(|s| s.scratch) {
                    " sc-from-scratch"
                } else {
                    ""
                };
                let name = s.and_then(|s| s.name.clone()).unwrap_or_default();
                let span = s.map_or([0, 0], |s| s.span);
                let _ = writeln!(
                    out,
                    "<g class=\"sc-node sc-stage{target}{scratch}{dim}\" data-testid=\"stage-node\" data-stage-index=\"{i}\" data-stage-name=\"{}\" data-stage-label=\"{}\" data-reachable=\"{}\" data-span=\"{},{}\" data-line=\"{}\" transform=\"translate({},{})\">",
                    xml(&name),
                    xml(&g.stage_label(i)),
                    s.is_some_and(|s| s.reachable),
                    span[0],
                    span[1],
                    s.map_or(0, |s| s.line),
                    f(x),
                    f(top)
                );
            }
            NodeRef::Image(i) => {
                let r = g
                    .images
                    .get(i as usize)
                    .map(|im| im.reference.as_str())
                    .unwrap_or("");
                let _ = writeln!(
                    out,
                    "<g class=\"sc-node sc-image{dim}\" data-testid=\"image-node\" data-image-ref=\"{}\" transform=\"translate({},{})\">",
                    xml(r),
                    f(x),
                    f(top)
                );
            }
            NodeRef::Scratch => {
                let _ = writeln!(
                    out,
                    "<g class=\"sc-node sc-scratch{dim}\" data-testid=\"scratch-node\" transform=\"translate({},{})\">",
                    f(x),
                    f(top)
                );
            }
        }
        let _ = writeln!(out, "<title>{}</title>", xml_text(&b.title));
        let _ = writeln!(
            out,
            "<rect class=\"sc-box\" width=\"{}\" height=\"{}\" rx=\"7\"/>",
            f(b.width),
            f(b.height)
        );
        let _ = writeln!(
            out,
            "<text class=\"sc-name\" x=\"{}\" y=\"18\" text-anchor=\"middle\">{}</text>",
            f(b.width / 2.0),
            xml(&b.line1)
        );
        let _ = writeln!(
            out,
            "<text class=\"sc-base\" x=\"{}\" y=\"34\" text-anchor=\"middle\">{}</text>",
            f(b.width / 2.0),
            xml(&b.line2)
        );
        if let NodeRef::Stage(i) = n {
            if let Some(Some(sz)) = opts.sizes.get(i as usize) {
                let frac = if sz.fraction.is_finite() {
                    sz.fraction.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let bw = b.width - 2.0 * PAD;
                let _ = writeln!(
                    out,
                    "<rect class=\"sc-size-track\" x=\"{}\" y=\"42\" width=\"{}\" height=\"4\" rx=\"2\"/><rect class=\"sc-size-bar\" x=\"{}\" y=\"42\" width=\"{}\" height=\"4\" rx=\"2\"/><text class=\"sc-size\" x=\"{}\" y=\"57\" text-anchor=\"middle\">{}</text>",
                    f(PAD),
                    f(bw),
                    f(PAD),
                    f(bw * frac),
                    f(b.width / 2.0),
                    xml(&ellipsize(&sz.text, base_max))
                );
            }
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    out.push_str("<g class=\"sc-labels\">\n");
    out.push_str(&labels);
    out.push_str("</g>\n");

    // Legend.
    let ly = height - legend_h / 2.0;
    let _ = writeln!(
        out,
        "<g class=\"sc-legend\" transform=\"translate(20,{})\">",
        f(ly)
    );
    let items: [(&str, EdgeKind, &str); 3] = [
        ("from", EdgeKind::From, "FROM"),
        ("copy", EdgeKind::Copy, "COPY --from"),
        ("mount", EdgeKind::Mount, "RUN --mount from="),
    ];
    let mut lx = 0.0;
    for (k, _, text) in items {
        let _ = writeln!(
            out,
            "<g class=\"sc-edge sc-edge-{k}\"><path d=\"M{},0 L{},0\" marker-end=\"url(#{prefix}-arrow-{k})\"/></g><text x=\"{}\" y=\"4\">{}</text>",
            f(lx),
            f(lx + 28.0),
            f(lx + 34.0),
            xml(text)
        );
        lx += 34.0 + text_width(text, 6.2) + 18.0;
    }
    let _ = writeln!(
        out,
        "<g class=\"sc-node sc-image\"><rect class=\"sc-box\" x=\"{}\" y=\"-7\" width=\"22\" height=\"14\" rx=\"3\"/></g><text x=\"{}\" y=\"4\">image</text>",
        f(lx),
        f(lx + 28.0)
    );
    lx += 28.0 + 40.0;
    let _ = writeln!(
        out,
        "<g class=\"sc-node sc-stage sc-unreachable\"><rect class=\"sc-box\" x=\"{}\" y=\"-7\" width=\"22\" height=\"14\" rx=\"3\"/></g><text x=\"{}\" y=\"4\">not built</text>",
        f(lx),
        f(lx + 28.0)
    );
    out.push_str("</g>\n");
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    /// The integer formatting prints exactly what `{:.1}` of the rounded value printed before.
    #[test]
    fn coordinates_print_as_float_formatting_did() {
        for i in -20_000..20_000 {
            let v = f64::from(i) * 0.037;
            let r = (v * 10.0).round() / 10.0;
            let old = if r == r.trunc() {
                format!("{}", r as i64)
            } else {
                format!("{r:.1}")
            };
            assert_eq!(super::f(v), old, "{v}");
        }
    }
}
