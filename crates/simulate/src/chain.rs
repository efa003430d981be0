//! Shared why-chains. Every entry and tool carries the instructions that put it where it is;
//! stages based on other stages, `COPY --from` and every base image's tool list copy those
//! chains many times over. A chain is an immutable cons list of shared steps, so copying one
//! is a reference-count bump and prepending a step shares the rest. It becomes a `Vec<Why>`
//! only in the output.

use std::sync::{Arc, OnceLock};

use crate::output::Why;

/// Most steps a why-chain lists in the output.
pub(crate) const MAX_LISTED: usize = 16;

/// A why-chain, newest step first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chain(Option<Arc<Link>>);

#[derive(Debug)]
struct Link {
    head: Arc<Why>,
    tail: Chain,
    /// The chain as the output lists it, made once: every stage lists the chains it
    /// inherited again, and many entries and tools share one chain.
    listed: OnceLock<Arc<[Why]>>,
}

impl Chain {
    /// A chain of one step.
    pub(crate) fn one(step: Arc<Why>) -> Chain {
        Chain::default().prepend(step)
    }

    /// This chain with `step` in front (the rest is shared).
    pub(crate) fn prepend(&self, step: Arc<Why>) -> Chain {
        Chain(Some(Arc::new(Link {
            head: step,
            tail: self.clone(),
            listed: OnceLock::new(),
        })))
    }

    /// The steps, newest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Why> {
        let mut at = self.0.as_deref();
        std::iter::from_fn(move || {
            let l = at?;
            at = l.tail.0.as_deref();
            Some(&*l.head)
        })
    }

    /// The chain as the output lists it: at most [`MAX_LISTED`] steps, the newest ones and the
    /// origin (a copy nested into itself stage after stage would otherwise list, for every
    /// file, a step per stage: output quadratic in the input).
    pub(crate) fn listed(&self) -> Arc<[Why]> {
        let Some(link) = self.0.as_deref() else {
            return Arc::from([]);
        };
        link.listed
            .get_or_init(|| {
                let mut out: Vec<Why> = self.iter().take(MAX_LISTED).cloned().collect();
                if out.len() == MAX_LISTED {
                    if let (Some(origin), Some(last)) = (self.iter().last(), out.last_mut()) {
                        *last = origin.clone();
                    }
                }
                Arc::from(out)
            })
            .clone()
    }

    /// True when both are the same shared chain (not merely equal).
    pub(crate) fn same(&self, other: &Chain) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }

    /// This chain with its newest step re-attributed to `to` (stage, line, instruction; the
    /// note stays). Base-image templates are built once and re-labelled per `FROM`.
    pub(crate) fn relabel_head(&self, to: &Why) -> Chain {
        match self.0.as_deref() {
            Some(l) => l.tail.prepend(Arc::new(Why {
                stage: to.stage,
                line: to.line,
                instruction: to.instruction.clone(),
                note: l.head.note.clone(),
            })),
            None => Chain::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(line: u32) -> Arc<Why> {
        Arc::new(Why {
            stage: 0,
            line,
            instruction: Arc::from(format!("RUN {line}")),
            note: None,
        })
    }

    #[test]
    fn prepend_shares_the_tail_and_lists_newest_first() {
        let a = Chain::one(step(1));
        let b = a.prepend(step(2));
        let c = a.prepend(step(3));
        let lines = |c: &Chain| c.iter().map(|w| w.line).collect::<Vec<_>>();
        assert_eq!(lines(&a), [1]);
        assert_eq!(lines(&b), [2, 1]);
        assert_eq!(lines(&c), [3, 1]);
        assert!(a.same(&a.clone()) && !a.same(&Chain::one(step(1))));
        let r = b.relabel_head(&Why {
            stage: 4,
            line: 9,
            instruction: "FROM x".into(),
            note: Some(Arc::from("n")),
        });
        assert_eq!(
            r.listed()
                .iter()
                .map(|w| (w.stage, w.line, w.note.as_deref().map(str::to_string)))
                .collect::<Vec<_>>(),
            [(4, 9, None), (0, 1, None)]
        );
    }
}
