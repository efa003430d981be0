//! Small, non-generic element builders for the panels' markup.
//!
//! Each `html!` element expands to a few hundred bytes of wasm (a `VTag` built field by field,
//! its attribute and listener arrays); a call of these builders is a few instructions. The
//! busiest panels (the image panel, item lists, findings) are built with them; the DOM they
//! produce is the same as the `html!` markup they replace.

use std::rc::Rc;
use yew::virtual_dom::{Listener, VList, VNode, VTag, VText};
use yew::{AttrValue, Callback, Html, MouseEvent};

/// An element being built.
#[derive(Debug)]
pub struct El(Box<VTag>);

/// Starts a `<tag>` element.
pub fn el(tag: &'static str) -> El {
    El(Box::new(VTag::new(AttrValue::Static(tag))))
}

/// A text node.
pub fn text(s: AttrValue) -> Html {
    VNode::VText(VText::new(s))
}

/// Nodes side by side (a fragment).
pub fn list(nodes: Vec<Html>) -> Html {
    VNode::VList(Rc::new(VList::with_children(nodes, None)))
}

impl El {
    /// Sets an attribute to a fixed value.
    pub fn attr(mut self, key: &'static str, value: &'static str) -> Self {
        self.0.add_attribute(key, AttrValue::Static(value));
        self
    }

    /// Sets an attribute to a computed value.
    pub fn attr_s(mut self, key: &'static str, value: AttrValue) -> Self {
        self.0.add_attribute(key, value);
        self
    }

    /// `class`.
    pub fn class(self, class: &'static str) -> Self {
        self.attr("class", class)
    }

    /// `data-testid`.
    pub fn testid(self, id: &'static str) -> Self {
        self.attr("data-testid", id)
    }

    /// Appends a child node.
    pub fn child(mut self, child: Html) -> Self {
        self.0.add_child(child);
        self
    }

    /// Appends child nodes.
    pub fn children(mut self, children: Vec<Html>) -> Self {
        self.0.add_children(children);
        self
    }

    /// Appends a fixed text.
    pub fn text(self, s: &'static str) -> Self {
        self.child(text(AttrValue::Static(s)))
    }

    /// Appends a computed text.
    pub fn text_s(self, s: AttrValue) -> Self {
        self.child(text(s))
    }

    /// `onclick`.
    pub fn onclick(mut self, callback: Callback<MouseEvent>) -> Self {
        let listener: Rc<dyn Listener> = Rc::new(yew::html::onclick::Wrapper::new(callback));
        self.0.add_listener(listener);
        self
    }

    /// The finished element.
    pub fn done(self) -> Html {
        VNode::VTag(Rc::new(*self.0))
    }
}

/// `<button type="button" class=…>` with a click handler: the panels' most common element.
pub fn button(class: &'static str, onclick: Callback<MouseEvent>) -> El {
    el("button")
        .attr("type", "button")
        .class(class)
        .onclick(onclick)
}
