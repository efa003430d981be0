//! Small, non-generic element builders for the panels' markup.
//!
//! Each `html!` element expands to a few hundred bytes of wasm (a `VTag` built field by field,
//! its attribute and listener arrays); a call of these builders is a few instructions. The
//! panels and the editor (crates/web/src/panels.rs, editor.rs) are built with them; the DOM
//! they produce is the same as the `html!` markup they replace.

use std::rc::Rc;
use yew::virtual_dom::{Listener, VList, VNode, VTag, VText};
use yew::{AttrValue, Callback, Event, Html, InputEvent, MouseEvent, NodeRef, SubmitEvent};

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

    /// Sets a boolean attribute (`selected`, `multiple`, …): present as `key="key"` when `on`,
    /// absent otherwise (what `html!` does with `selected={on}`).
    pub fn flag(self, key: &'static str, on: bool) -> Self {
        if on {
            self.attr(key, key)
        } else {
            self
        }
    }

    /// The live `value` of an `<input>` or `<textarea>` (a property, as `html!`'s `value=` on
    /// those elements: the attribute would not follow the user's typing).
    pub fn value(mut self, value: AttrValue) -> Self {
        self.0.set_value(value);
        self
    }

    /// Binds a [`NodeRef`] to the element.
    pub fn node_ref(mut self, node_ref: NodeRef) -> Self {
        self.0.node_ref = node_ref;
        self
    }

    /// Adds an event listener.
    fn listen(mut self, listener: Rc<dyn Listener>) -> Self {
        self.0.add_listener(listener);
        self
    }

    /// `onclick`.
    pub fn onclick(self, callback: Callback<MouseEvent>) -> Self {
        self.listen(Rc::new(yew::html::onclick::Wrapper::new(callback)))
    }

    /// `onchange`.
    pub fn onchange(self, callback: Callback<Event>) -> Self {
        self.listen(Rc::new(yew::html::onchange::Wrapper::new(callback)))
    }

    /// `oninput`.
    pub fn oninput(self, callback: Callback<InputEvent>) -> Self {
        self.listen(Rc::new(yew::html::oninput::Wrapper::new(callback)))
    }

    /// `onsubmit`.
    pub fn onsubmit(self, callback: Callback<SubmitEvent>) -> Self {
        self.listen(Rc::new(yew::html::onsubmit::Wrapper::new(callback)))
    }

    /// `ontoggle` (`<details>`).
    pub fn ontoggle(self, callback: Callback<Event>) -> Self {
        self.listen(Rc::new(yew::html::ontoggle::Wrapper::new(callback)))
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

/// `<option value=…>label</option>`, `selected` when `selected`.
pub fn option(value: AttrValue, selected: bool, label: AttrValue) -> Html {
    el("option")
        .attr_s("value", value)
        .flag("selected", selected)
        .text_s(label)
        .done()
}
