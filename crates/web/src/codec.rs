//! The worker protocol's wire format: a small hand-written binary codec.
//!
//! The page and the analysis worker exchange [`Request`]s and [`Delta`]s as byte arrays
//! (`Uint8Array`). Integers are LEB128 varints, strings are a length and their UTF-8 bytes,
//! `Option` is a 0/1 byte then the value, lists are a length then the items. Both ends are the
//! same wasm, so there is no versioning; a message that does not decode (truncated, garbage)
//! is an error, never a panic, and never allocates more than its own length.
//!
//! Hand-written rather than serde + serde_json: the derived code for the view types was about
//! a fifth of the playground's wasm.

use crate::state::{BuildSettings, ContextEntry};
use crate::view::{
    Delta, FindingView, FindingsView, FixView, GraphView, ImageView, ItemList, ItemView, LayerView,
    Request, StageView, View, WhyView,
};

/// A message that does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeError;

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }

    fn flag(&mut self, b: bool) {
        self.buf.push(u8::from(b));
    }
}

/// Reads values back from a byte buffer.
#[derive(Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

type Res<T> = Result<T, DecodeError>;

impl<'a> Reader<'a> {
    /// Reads from `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    fn byte(&mut self) -> Res<u8> {
        let (&b, rest) = self.rest.split_first().ok_or(DecodeError)?;
        self.rest = rest;
        Ok(b)
    }

    fn varint(&mut self) -> Res<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(DecodeError)
    }

    /// A length, checked against the bytes left (every item takes at least one byte), so a
    /// hostile length never allocates.
    fn len(&mut self) -> Res<usize> {
        let n = usize::try_from(self.varint()?).map_err(|_| DecodeError)?;
        if n > self.rest.len() {
            return Err(DecodeError);
        }
        Ok(n)
    }

    fn bytes(&mut self) -> Res<&'a [u8]> {
        let n = self.len()?;
        let (head, rest) = self.rest.split_at_checked(n).ok_or(DecodeError)?;
        self.rest = rest;
        Ok(head)
    }

    fn flag(&mut self) -> Res<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError),
        }
    }

    /// Succeeds only when every byte was read.
    pub fn end(&self) -> Res<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(DecodeError)
        }
    }
}

/// A value with a wire form.
pub trait Wire: Sized {
    /// Appends the value.
    fn put(&self, w: &mut Writer);
    /// Reads a value.
    fn get(r: &mut Reader<'_>) -> Res<Self>;
}

/// Encodes `value` alone.
pub fn encode<T: Wire>(value: &T) -> Vec<u8> {
    let mut w = Writer::default();
    value.put(&mut w);
    w.finish()
}

/// Decodes a value that fills all of `bytes`.
pub fn decode<T: Wire>(bytes: &[u8]) -> Res<T> {
    let mut r = Reader::new(bytes);
    let value = T::get(&mut r)?;
    r.end()?;
    Ok(value)
}

impl Wire for u64 {
    fn put(&self, w: &mut Writer) {
        w.varint(*self);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        r.varint()
    }
}

impl Wire for u32 {
    fn put(&self, w: &mut Writer) {
        w.varint(u64::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        u32::try_from(r.varint()?).map_err(|_| DecodeError)
    }
}

impl Wire for usize {
    fn put(&self, w: &mut Writer) {
        w.varint(*self as u64);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        usize::try_from(r.varint()?).map_err(|_| DecodeError)
    }
}

impl Wire for bool {
    fn put(&self, w: &mut Writer) {
        w.flag(*self);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        r.flag()
    }
}

impl Wire for f64 {
    fn put(&self, w: &mut Writer) {
        w.buf.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let (head, rest) = r.rest.split_first_chunk::<8>().ok_or(DecodeError)?;
        r.rest = rest;
        Ok(f64::from_bits(u64::from_le_bytes(*head)))
    }
}

impl Wire for String {
    fn put(&self, w: &mut Writer) {
        w.bytes(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        std::str::from_utf8(r.bytes()?)
            .map(str::to_owned)
            .map_err(|_| DecodeError)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut Writer) {
        w.flag(self.is_some());
        if let Some(v) = self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Ok(if r.flag()? { Some(T::get(r)?) } else { None })
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let n = r.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Ok(out)
    }
}

impl<T: Wire, const N: usize> Wire for [T; N] {
    fn put(&self, w: &mut Writer) {
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let mut items = Vec::with_capacity(N);
        for _ in 0..N {
            items.push(T::get(r)?);
        }
        items.try_into().map_err(|_| DecodeError)
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Ok((A::get(r)?, B::get(r)?))
    }
}

impl<A: Wire, B: Wire, C: Wire> Wire for (A, B, C) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Ok((A::get(r)?, B::get(r)?, C::get(r)?))
    }
}

/// `Wire` for a struct: its fields in order.
macro_rules! wire_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Wire for $ty {
            fn put(&self, w: &mut Writer) {
                $( self.$field.put(w); )*
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                Ok($ty { $( $field: Wire::get(r)?, )* })
            }
        }
    };
}

wire_struct!(BuildSettings {
    target,
    build_args,
    platform
});
wire_struct!(ContextEntry {
    path,
    size,
    contents
});
wire_struct!(Request {
    text,
    build,
    context,
    inspect
});
wire_struct!(StageView {
    index,
    name,
    label,
    base,
    line,
    reachable,
    span,
    size
});
wire_struct!(GraphView {
    svg,
    dot,
    mermaid,
    edge_instructions
});
wire_struct!(FixView { title, edits });
wire_struct!(FindingView {
    code,
    severity,
    message,
    help,
    line,
    range,
    fix,
    url
});
wire_struct!(FindingsView { counts, groups });
wire_struct!(WhyView {
    line,
    instruction,
    note
});
wire_struct!(LayerView {
    line,
    instruction,
    range,
    creates_layer,
    added,
    effects
});
wire_struct!(ItemView {
    name,
    side,
    detail,
    flag,
    why
});
wire_struct!(ItemList { total, items });
wire_struct!(ImageView {
    stage,
    final_stage,
    choices,
    title,
    size,
    range,
    unknown,
    compressed,
    base,
    base_note,
    total,
    layer_count,
    layers,
    files,
    tools,
    caches,
    secrets
});
wire_struct!(Delta {
    summary,
    stages,
    args,
    graph,
    findings,
    marks,
    image
});

/// What the page sends the worker: a numbered [`Request`].
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    /// The request's number.
    pub id: u32,
    /// Send every part (the page showed an analysis of its own since the worker's last one).
    pub full: bool,
    /// The request.
    pub request: Request,
}
wire_struct!(Ask { id, full, request });

/// What the worker answers: the parts that changed, and the core's time.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The request's number.
    pub id: u32,
    /// How long the core took, in milliseconds.
    pub core_ms: f64,
    /// The changed parts.
    pub delta: Delta,
}
wire_struct!(Answer { id, core_ms, delta });

/// A part of an [`Answer`]'s delta: present when it differs from the part last sent.
fn part<T: Wire + PartialEq>(w: &mut Writer, new: &T, old: Option<&T>) {
    let changed = old != Some(new);
    w.flag(changed);
    if changed {
        new.put(w);
    }
}

/// The bytes of the [`Answer`] whose delta takes `view` from `sent` (everything when there is no
/// `sent`), written straight from the views: the worker never builds (clones) the delta.
pub fn encode_answer(id: u32, core_ms: f64, view: &View, sent: Option<&View>) -> Vec<u8> {
    let mut w = Writer::default();
    id.put(&mut w);
    core_ms.put(&mut w);
    part(&mut w, &view.summary, sent.map(|s| &s.summary));
    part(&mut w, &view.stages, sent.map(|s| &s.stages));
    part(&mut w, &view.args, sent.map(|s| &s.args));
    part(&mut w, &view.graph, sent.map(|s| &s.graph));
    part(&mut w, &view.findings, sent.map(|s| &s.findings));
    part(&mut w, &view.marks, sent.map(|s| &s.marks));
    part(&mut w, &view.image, sent.map(|s| &s.image));
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{Engine, View};

    fn request(text: &str) -> Request {
        Request {
            text: text.into(),
            build: BuildSettings {
                target: Some("build".into()),
                build_args: vec![("GO".into(), "1.22 é".into()), (String::new(), "x".into())],
                platform: None,
            },
            context: vec![
                ContextEntry {
                    path: "requirements.txt".into(),
                    size: 14,
                    contents: Some("flask==3.0.3\n".into()),
                },
                ContextEntry {
                    path: "big.bin".into(),
                    size: u64::MAX,
                    contents: None,
                },
            ],
            inspect: Some(1),
        }
    }

    fn view(text: &str) -> View {
        let mut r = request(text);
        r.context.clear();
        Engine::default().view(&r)
    }

    const TEXT: &str = "# é\nFROM python:3.12 AS Build\nRUN pip install flask\nRUN apt-get update && apt-get install -y gcc\nFROM build\nCOPY --from=Build /root/.cache /c\nENV AWS_SECRET_ACCESS_KEY=abc\n";

    #[test]
    fn asks_round_trip() {
        let ask = Ask {
            id: u32::MAX,
            full: true,
            request: request(TEXT),
        };
        assert_eq!(decode::<Ask>(&encode(&ask)), Ok(ask));
    }

    #[test]
    fn answers_round_trip_full_and_partial() {
        let a = view(TEXT);
        // Every list of the view is exercised.
        assert!(a
            .findings
            .groups
            .iter()
            .any(|g| g.iter().any(|f| f.fix.is_some())));
        assert!(a
            .findings
            .groups
            .iter()
            .any(|g| g.iter().any(|f| f.help.is_some())));
        assert!(!a.graph.edge_instructions.is_empty());
        assert!(a.image.layers.iter().any(|l| !l.effects.is_empty()));
        assert!(!a.image.files.items.is_empty());
        assert!(a.image.files.items.iter().any(|i| !i.why.is_empty()));
        let full = Answer {
            id: 7,
            core_ms: 12.25,
            delta: Delta::between(&a, None),
        };
        let back = decode::<Answer>(&encode(&full)).expect("decodes");
        assert_eq!(back, full);
        let b = view(&format!("{TEXT}RUN echo 2\n"));
        let partial = Answer {
            id: 8,
            core_ms: 0.0,
            delta: Delta::between(&b, Some(&a)),
        };
        assert!(partial.delta.graph.is_none() || partial.delta.image.is_some());
        assert_eq!(decode::<Answer>(&encode(&partial)), Ok(partial.clone()));
        // What the worker writes without building the delta is the same bytes.
        assert_eq!(encode_answer(8, 0.0, &b, Some(&a)), encode(&partial));
        assert_eq!(encode_answer(7, 12.25, &a, None), encode(&full));
        assert_eq!(
            encode_answer(9, 1.0, &a, Some(&a)),
            encode(&Answer {
                id: 9,
                core_ms: 1.0,
                delta: Delta::default()
            })
        );
        let empty = Answer {
            id: 0,
            core_ms: f64::NAN,
            delta: Delta::default(),
        };
        let back = decode::<Answer>(&encode(&empty)).expect("decodes");
        assert!(back.core_ms.is_nan());
        assert_eq!(back.delta, Delta::default());
    }

    #[test]
    fn varints_cover_the_range() {
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(decode::<u64>(&encode(&v)), Ok(v));
        }
        assert_eq!(encode(&300u32), [0xac, 0x02]);
        // Past u32: an error, not a truncation.
        assert_eq!(
            decode::<u32>(&encode(&(u64::from(u32::MAX) + 1))),
            Err(DecodeError)
        );
        // Eleven continuation bytes: too long for a u64.
        assert_eq!(decode::<u64>(&[0xff; 11]), Err(DecodeError));
    }

    #[test]
    fn truncated_or_garbage_messages_are_errors() {
        let a = view(TEXT);
        let bytes = encode(&Answer {
            id: 3,
            core_ms: 1.5,
            delta: Delta::between(&a, None),
        });
        // Every prefix is an error (a string, list or flag is cut), never a panic.
        for n in 0..bytes.len() {
            assert_eq!(
                decode::<Answer>(&bytes[..n]),
                Err(DecodeError),
                "prefix {n}"
            );
        }
        // A trailing byte is an error too.
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode::<Answer>(&longer), Err(DecodeError));
        // Garbage: deterministic pseudo-random bytes, and every single-byte corruption of a
        // real message, decode to a value or an error.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..2_000 {
            let junk: Vec<u8> = (0..len % 97)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            let _ = decode::<Answer>(&junk);
            let _ = decode::<Ask>(&junk);
        }
        let ask = encode(&Ask {
            id: 1,
            full: false,
            request: request(TEXT),
        });
        for i in 0..ask.len() {
            for b in [0x00, 0x01, 0x7f, 0x80, 0xff] {
                let mut bad = ask.clone();
                bad[i] = b;
                let _ = decode::<Ask>(&bad);
            }
        }
        // A hostile length does not allocate: it is longer than the message.
        assert_eq!(
            decode::<Vec<String>>(&[0xff, 0xff, 0xff, 0xff, 0x0f]),
            Err(DecodeError)
        );
        // Invalid UTF-8 in a string.
        assert_eq!(decode::<String>(&[2, 0xc3, 0x28]), Err(DecodeError));
        // A flag other than 0 or 1.
        assert_eq!(decode::<Option<u32>>(&[2, 0]), Err(DecodeError));
    }
}
