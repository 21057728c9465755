//! Reading YAML — CloudFormation templates — into the same [`Node`] tree as JSON, with byte
//! spans, so the checks downstream never know which format a document came in.
//!
//! This module owns the mapping from YAML to that tree: typing plain scalars the way
//! CloudFormation reads them, turning the short-form intrinsic function tags (`!Ref`, `!GetAtt`,
//! `!Sub`, ...) into the long form (`{"Ref": ...}`, `{"Fn::GetAtt": [...]}`), expanding aliases,
//! and explaining syntax errors. Scanning YAML itself is left to `saphyr-parser`, whose events
//! carry a span each; this module turns their character positions into byte offsets.
//!
//! Unlike the JSON reader, this one does not step over syntax errors: YAML's structure comes from
//! indentation, so after a mistake there is no reliable place to resume. The first syntax error
//! is reported with a help line and reading stops.

use std::collections::BTreeMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};

use super::{Member, Node, Parsed, Value, line_column, pointer_push};
use crate::codes;
use crate::diagnostic::Diagnostic;

/// Deeper nesting than this is refused rather than risking the stack on hostile input (the JSON
/// reader's limit; no template comes near it).
const MAX_DEPTH: usize = 200;

/// How many nodes aliases may copy in all. Each alias copies its anchored node, so a few lines
/// of nested aliases ("billion laughs") could otherwise build a tree too large for memory.
const MAX_ALIAS_NODES: usize = 100_000;

/// The short-form tags CloudFormation defines, and the long-form key each stands for.
const INTRINSICS: &[(&str, &str)] = &[
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("FindInMap", "Fn::FindInMap"),
    ("ImportValue", "Fn::ImportValue"),
    ("Base64", "Fn::Base64"),
    ("Cidr", "Fn::Cidr"),
    ("GetAZs", "Fn::GetAZs"),
    ("If", "Fn::If"),
    ("Equals", "Fn::Equals"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("Not", "Fn::Not"),
    ("Transform", "Fn::Transform"),
];

/// Reads a YAML document, such as a CloudFormation template.
///
/// Inside `[...]`, `{...}` and quoted strings, indentation means nothing to the YAML readers
/// CloudFormation templates are written for: PyYAML and libyaml (which cfn-lint loads templates
/// with) accept a flow mapping closed by a `}` at its key's column, as AWS's published samples
/// write `AssumeRolePolicyDocument: {` ... `}`, and continuation lines at any column.
/// `saphyr-parser` follows the YAML 1.2 grammar, which wants those lines indented deeper than the
/// enclosing block. When it refuses a document for that alone, the document is read again with
/// those lines indented enough ([`indent_flow_lines`]): blanks at the start of a line inside
/// brackets or quotes are not part of any value, so the values are the same, and every span
/// still points into the document as written. The second reading is kept only if the parser
/// confirms that each line indented lies inside a flow collection or a quoted string.
pub fn parse_yaml(text: &str) -> Parsed {
    let first = read(text, None);
    let Some(refused) = &first.error else {
        return first.parsed;
    };
    let flow_indentation =
        refused.info.starts_with("invalid indentation") && !refused.info.contains("anchor");
    if !flow_indentation {
        return first.parsed;
    }
    let Some(indented) = indent_flow_lines(text) else {
        return first.parsed;
    };
    let second = read(text, Some(&indented));
    let got_further = second.error.as_ref().is_none_or(|e| e.at > refused.at);
    let read_until = second.error.as_ref().map_or(text.len(), |e| e.at);
    let confirmed = indented
        .lines
        .iter()
        .filter(|line| **line < read_until)
        .all(|line| covers(&second.insensitive, *line));
    if got_further && confirmed {
        second.parsed
    } else {
        first.parsed
    }
}

/// One reading of a document: what it gives, the parser's error if any, and (for a reading of
/// an indented copy) where the flow collections and quoted strings are.
struct Reading {
    parsed: Parsed,
    error: Option<Refusal>,
    insensitive: Vec<Range<usize>>,
}

struct Refusal {
    info: String,
    /// Byte offset in the document as written.
    at: usize,
}

fn read(text: &str, indented: Option<&Indented>) -> Reading {
    let mut reader = Reader {
        text,
        offsets: Offsets::new(text),
        inserted: indented.map(|i| i.inserted.as_slice()).unwrap_or_default(),
        insensitive: Vec::new(),
        diagnostics: Vec::new(),
        frames: Vec::new(),
        anchors: BTreeMap::new(),
        copied: 0,
        documents: 0,
        ended: false,
        root: None,
        last_start: 0,
    };
    let source = indented.map_or(text, |i| i.text.as_str());
    let mut parser = Parser::new_from_str(source);
    let mut error = None;
    while let Some(next) = parser.next_event() {
        let step = match next {
            Ok((event, span)) => reader.event(event, span),
            Err(e) => {
                error = Some(Refusal {
                    info: e.info().to_string(),
                    at: reader.byte(e.marker().index()).min(text.len()),
                });
                reader.syntax_error(&e);
                Err(Stop)
            }
        };
        if step.is_err() {
            let insensitive = std::mem::take(&mut reader.insensitive);
            return Reading {
                parsed: reader.finish(),
                error,
                insensitive,
            };
        }
    }
    match &reader.root {
        None if reader.documents == 0 => reader.empty(),
        // `---` alone, or only comments after it: a document with nothing in it.
        Some(root) if root.value == Value::Null && root.span.is_empty() => {
            reader.root = None;
            reader.empty();
        }
        _ => {}
    }
    let insensitive = std::mem::take(&mut reader.insensitive);
    Reading {
        parsed: reader.finish(),
        error,
        insensitive,
    }
}

/// Reading has stopped; the diagnostic saying why is recorded.
struct Stop;

struct Reader<'a> {
    text: &'a str,
    offsets: Offsets<'a>,
    /// Blanks added to the text the parser reads (see [`indent_flow_lines`]): where each run
    /// starts in that text, in characters, and how many characters were added before its end.
    inserted: &'a [(usize, usize)],
    /// Where flow collections and quoted strings are, read from an indented copy.
    insensitive: Vec<Range<usize>>,
    diagnostics: Vec<Diagnostic>,
    /// The collections being read, outermost first.
    frames: Vec<Frame>,
    /// Completed anchored nodes, by the parser's anchor id.
    anchors: BTreeMap<usize, Anchored>,
    /// Nodes copied by aliases so far (see [`MAX_ALIAS_NODES`]).
    copied: usize,
    documents: usize,
    /// Whether the (first) document has ended: a syntax error after it keeps its tree.
    ended: bool,
    root: Option<Node>,
    /// Byte offset where the latest event starts, for locating mistakes near it.
    last_start: usize,
}

/// A sequence or mapping being read.
struct Frame {
    items: Items,
    props: Props,
    /// Where the collection itself starts, after its tag and anchor.
    start: usize,
    /// The JSON Pointer of the collection (inside its intrinsic function object, if tagged).
    pointer: String,
    /// Depth of the collection node in the tree, counting synthetic intrinsic objects.
    depth: usize,
}

enum Items {
    Sequence(Vec<Node>),
    /// `key` holds the key read and waiting for its value; `seen` where each key first
    /// starts, so that finding a repeated key stays cheap in a mapping of thousands.
    Mapping {
        members: Vec<Member>,
        key: Option<(String, Range<usize>)>,
        seen: BTreeMap<String, usize>,
    },
}

/// What a node's tag and anchor ask of it.
struct Props {
    anchor: usize,
    role: Role,
    /// Where the node starts, properties included.
    outer_start: usize,
    /// Where the node's own text starts, past its properties and the blanks after them.
    content_start: usize,
    /// The tag's own text, such as `!GetAtt`.
    tag_span: Option<Range<usize>>,
}

#[derive(Clone, Copy)]
enum Role {
    Untagged,
    /// `!!str`: a string whatever it looks like.
    Str,
    /// A short-form intrinsic function: the node becomes `{key: node}`.
    Intrinsic(&'static str),
}

struct Anchored {
    node: Node,
    /// The scalar's text, when the node is a scalar (so an alias can be used as a key).
    raw: Option<String>,
    size: usize,
    height: usize,
}

impl Reader<'_> {
    fn finish(self) -> Parsed {
        Parsed {
            root: self.root,
            diagnostics: self.diagnostics,
        }
        .fitted(self.text)
    }

    fn empty(&mut self) {
        let d = Diagnostic::error(
            codes::YAML_EMPTY,
            0..self.text.len(),
            "the document is empty",
        )
        .with_help("paste a template: it starts with a line such as Resources:")
        .at("");
        self.diagnostics.push(d);
    }

    fn span(&mut self, span: Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index());
        start..end.max(start)
    }

    /// The byte offset in the document of the parser's character index in the text it reads.
    fn byte(&mut self, index: usize) -> usize {
        self.offsets.byte(written_index(self.inserted, index))
    }

    /// The pointer of the value being read: the innermost collection's, plus the member or item
    /// under way (none while a mapping key is read).
    fn pointer(&self) -> String {
        let Some(frame) = self.frames.last() else {
            return String::new();
        };
        match &frame.items {
            Items::Sequence(items) => pointer_push(&frame.pointer, &items.len().to_string()),
            Items::Mapping { key: Some(k), .. } => pointer_push(&frame.pointer, &k.0),
            Items::Mapping { key: None, .. } => frame.pointer.clone(),
        }
    }

    /// Whether the next node is a mapping key.
    fn reading_key(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame {
                items: Items::Mapping { key: None, .. },
                ..
            })
        )
    }

    fn depth(&self) -> usize {
        self.frames.last().map_or(0, |f| f.depth)
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Stop> {
        let span = self.span(span);
        self.last_start = span.start;
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let end = self.text.trim_end().len().max(span.start);
                    let d = Diagnostic::error(
                        codes::YAML_MULTIPLE_DOCUMENTS,
                        span.start..end,
                        "a second document starts here",
                    )
                    .with_help(
                        "a template is one YAML document: remove this --- and what follows, \
                         or put it in a template of its own",
                    )
                    .at("");
                    self.diagnostics.push(d);
                    return Err(Stop);
                }
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => {
                let props = self.props(anchor, tag.as_deref(), span.start);
                let mut inner = props.content_start.min(span.end)..span.end;
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    inner = self.block_scalar_span(inner);
                } else if style == ScalarStyle::Plain && value.is_empty() {
                    // Nothing is written; the parser may span what follows, such as `...`.
                    inner.end = inner.start;
                } else if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
                    // In a flow collection the parser's span takes the blanks after the closing
                    // quote too.
                    let written = self.text[inner.clone()].trim_end().len();
                    inner.end = inner.start + written;
                }
                if !self.inserted.is_empty()
                    && matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
                {
                    self.insensitive.push(inner.clone());
                }
                let value_typed = match (props.role, style) {
                    (Role::Str, _) => Value::String(value.to_string()),
                    (_, ScalarStyle::Plain) => plain_scalar(&value),
                    _ => Value::String(value.to_string()),
                };
                let node = Node {
                    value: value_typed,
                    span: inner,
                };
                self.complete(node, Some(value.into_owned()), props)
            }
            Event::SequenceStart(anchor, tag) => self.open(anchor, tag.as_deref(), span, true),
            Event::MappingStart(anchor, tag) => self.open(anchor, tag.as_deref(), span, false),
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(id) => self.alias(id, span),
            Event::DocumentEnd => {
                self.ended = true;
                Ok(())
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
        }
    }

    /// Reads a node's tag and anchor, warning about tags CloudFormation does not define.
    fn props(&mut self, anchor: usize, tag: Option<&Tag>, start: usize) -> Props {
        let count = usize::from(anchor != 0) + usize::from(tag.is_some());
        let (content_start, tag_span) = property_spans(self.text, start, count);
        let role = match tag {
            None => Role::Untagged,
            Some(tag) => {
                let shown = tag_span
                    .clone()
                    .map_or_else(|| tag.to_string(), |s| self.text[s].to_string());
                let span = tag_span.clone().unwrap_or(start..start);
                self.tag_role(tag, &shown, span)
            }
        };
        Props {
            anchor,
            role,
            outer_start: start,
            content_start,
            tag_span,
        }
    }

    fn tag_role(&mut self, tag: &Tag, shown: &str, span: Range<usize>) -> Role {
        // `!Ref` and its verbatim spelling `!<!Ref>` name the same local tag.
        let local = match tag.handle.as_str() {
            "!" => Some(tag.suffix.as_str()),
            "" => tag.suffix.strip_prefix('!'),
            _ => None,
        };
        let core = tag.is_yaml_core_schema().then_some(tag.suffix.as_str());
        if self.reading_key() {
            if core != Some("str") {
                let d = Diagnostic::warning(
                    codes::YAML_KEY_TAG,
                    span,
                    format!("the tag {shown} on a key is ignored"),
                )
                .with_help("keys are plain names in a template; remove the tag")
                .at(self.pointer());
                self.diagnostics.push(d);
            }
            return Role::Untagged;
        }
        if let Some(name) = local
            && let Some((_, key)) = INTRINSICS.iter().find(|(short, _)| *short == name)
        {
            return Role::Intrinsic(key);
        }
        match core {
            Some("str") => return Role::Str,
            // The types YAML would infer anyway: read as if untagged.
            Some("int" | "float" | "bool" | "null" | "map" | "seq") => return Role::Untagged,
            _ => {}
        }
        let d = Diagnostic::warning(
            codes::YAML_UNKNOWN_TAG,
            span,
            format!("{shown} is not a tag CloudFormation knows"),
        )
        .with_help(
            "the short forms are !Ref, !GetAtt, !Sub, !Join, !Select, !Split, !FindInMap, \
             !ImportValue, !Base64, !Cidr, !GetAZs, !If, !Equals, !And, !Or, !Not, !Transform \
             and !Condition; vaultsim reads this value as if it had no tag",
        )
        .at(self.pointer());
        self.diagnostics.push(d);
        Role::Untagged
    }

    /// A `|` or `>` scalar's span, from its indicator to its last character: the parser's span
    /// starts at the content (unless a tag precedes it) and ends after the final line break.
    fn block_scalar_span(&self, span: Range<usize>) -> Range<usize> {
        let text = self.text;
        let start = if text[span.start..].starts_with(['|', '>']) {
            span.start
        } else {
            let before = &text[self.previous_end().min(span.start)..span.start];
            let header = before.find('#').map_or(before, |i| &before[..i]);
            header
                .find(['|', '>'])
                .map_or(span.start, |i| span.start - before.len() + i)
        };
        // Keep at least the indicator when the content is empty.
        let end = text[..span.end]
            .trim_end()
            .len()
            .max(start + 1)
            .min(text.len());
        start..end.max(start)
    }

    /// Where the node read before the current one ends (its key, or its collection's start).
    fn previous_end(&self) -> usize {
        let Some(frame) = self.frames.last() else {
            return 0;
        };
        let end = match &frame.items {
            Items::Mapping { key: Some(k), .. } => k.1.end,
            Items::Mapping { members, .. } => members.last().map_or(0, |m| m.value.span.end),
            Items::Sequence(items) => items.last().map_or(0, |n| n.span.end),
        };
        end.max(frame.props.outer_start)
    }

    fn open(
        &mut self,
        anchor: usize,
        tag: Option<&Tag>,
        span: Range<usize>,
        sequence: bool,
    ) -> Result<(), Stop> {
        let props = self.props(anchor, tag, span.start);
        let wrapped = matches!(props.role, Role::Intrinsic(_));
        let depth = self.depth() + 1 + usize::from(wrapped);
        if depth > MAX_DEPTH {
            self.too_deep(span.start..span.start + 1);
            return Err(Stop);
        }
        let mut pointer = self.pointer();
        if let Role::Intrinsic(key) = props.role {
            pointer = pointer_push(&pointer, key);
        }
        let items = if sequence {
            Items::Sequence(Vec::new())
        } else {
            Items::Mapping {
                members: Vec::new(),
                key: None,
                seen: BTreeMap::new(),
            }
        };
        let start = props.content_start;
        self.frames.push(Frame {
            items,
            props,
            start,
            pointer,
            depth,
        });
        Ok(())
    }

    fn close(&mut self, span: Range<usize>) -> Result<(), Stop> {
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        // A flow collection's end event spans its `]` or `}`; a block collection's is empty and
        // sits at whatever follows, so a block collection ends where its last item ends.
        let last_end = match &frame.items {
            Items::Sequence(items) => items.last().map(|n| n.span.end),
            Items::Mapping { members, .. } => members.last().map(|m| m.value.span.end),
        };
        let end = if span.is_empty() {
            last_end.unwrap_or(frame.start)
        } else {
            if !self.inserted.is_empty() {
                self.insensitive.push(frame.start..span.end);
            }
            span.end
        };
        let value = match frame.items {
            Items::Sequence(items) => Value::Array(items),
            Items::Mapping { members, .. } => Value::Object(members),
        };
        let node = Node {
            value,
            span: frame.start..end.max(frame.start),
        };
        self.complete(node, None, frame.props)
    }

    fn alias(&mut self, id: usize, span: Range<usize>) -> Result<(), Stop> {
        let Some(anchored) = self.anchors.get(&id) else {
            // The parser rejects unknown anchors, so this one is still being read: the alias
            // would make the tree contain itself.
            let d = Diagnostic::error(
                codes::YAML_SYNTAX,
                span,
                "this alias refers to the value that contains it",
            )
            .with_help("an alias copies a finished value; move it out of the anchored value")
            .at(self.pointer());
            self.diagnostics.push(d);
            return Err(Stop);
        };
        let (size, height) = (anchored.size, anchored.height);
        if self.depth() + height > MAX_DEPTH {
            self.too_deep(span);
            return Err(Stop);
        }
        self.copied += size;
        if self.copied > MAX_ALIAS_NODES {
            let d = Diagnostic::error(
                codes::YAML_ALIASES_TOO_LARGE,
                span,
                "aliases copy more values than vaultsim reads",
            )
            .with_help("no template needs this many copies; check for aliases of aliases")
            .at(self.pointer());
            self.diagnostics.push(d);
            return Err(Stop);
        }
        let mut node = anchored.node.clone();
        let raw = anchored.raw.clone();
        // The copy's own span is the alias, where it is used; the values inside it keep the
        // spans of the anchored text, the only place they are written.
        node.span = span.clone();
        // CloudFormation refuses aliases ("YAML aliases are not allowed in CloudFormation
        // templates"); `aws cloudformation package` expands them. Read on with the copy.
        let d = Diagnostic::error(
            codes::YAML_ALIAS,
            span,
            "CloudFormation does not accept YAML aliases",
        )
        .with_help(
            "write the value out here, or deploy through `aws cloudformation package`, \
             which expands aliases; vaultsim reads the alias as a copy of its anchored value",
        )
        .at(self.pointer());
        self.diagnostics.push(d);
        let props = Props {
            anchor: 0,
            role: Role::Untagged,
            outer_start: node.span.start,
            content_start: node.span.start,
            tag_span: None,
        };
        self.complete(node, raw, props)
    }

    /// A node is read: wrap it if tagged, remember it if anchored, and hand it to its parent.
    fn complete(&mut self, node: Node, raw: Option<String>, props: Props) -> Result<(), Stop> {
        let node = match props.role {
            Role::Intrinsic(key) => {
                let tag_span = props
                    .tag_span
                    .unwrap_or(props.outer_start..props.outer_start);
                self.intrinsic(key, tag_span, props.outer_start, node, raw.as_deref())
            }
            Role::Untagged | Role::Str => node,
        };
        if props.anchor != 0 {
            let (size, height) = measure(&node);
            let anchored = Anchored {
                node: node.clone(),
                raw: raw.clone(),
                size,
                height,
            };
            self.anchors.insert(props.anchor, anchored);
        }
        self.deliver(node, raw)
    }

    /// `{key: node}` for a short-form intrinsic function, `!GetAtt A.B` split into `["A", "B"]`.
    fn intrinsic(
        &self,
        key: &'static str,
        tag_span: Range<usize>,
        outer_start: usize,
        node: Node,
        raw: Option<&str>,
    ) -> Node {
        let span = outer_start..node.span.end.max(outer_start);
        let is_scalar = !matches!(node.value, Value::Array(_) | Value::Object(_));
        let value = match raw {
            Some(raw) if key == "Fn::GetAtt" && is_scalar && !raw.is_empty() => {
                self.split_get_att(raw, node.span)
            }
            _ => node,
        };
        Node {
            value: Value::Object(vec![Member {
                key: key.to_string(),
                key_span: tag_span,
                value,
            }]),
            span,
        }
    }

    /// `A.B` as `["A", "B"]`, split at the first dot as CloudFormation does (attribute names
    /// such as `Endpoint.Address` keep theirs).
    fn split_get_att(&self, raw: &str, span: Range<usize>) -> Node {
        let written = &self.text[span.clone()];
        // Where the scalar's text starts, if it is written as is (plain or simply quoted);
        // otherwise (escapes, folded lines) each part gets the whole scalar's span.
        let offset = if written == raw {
            Some(span.start)
        } else if written.len() >= 2 && written.get(1..written.len() - 1) == Some(raw) {
            Some(span.start + 1)
        } else {
            None
        };
        let part = |from: usize, to: usize| offset.map_or(span.clone(), |o| o + from..o + to);
        let items = match raw.split_once('.') {
            Some((resource, attribute)) => vec![
                Node {
                    value: Value::String(resource.to_string()),
                    span: part(0, resource.len()),
                },
                Node {
                    value: Value::String(attribute.to_string()),
                    span: part(resource.len() + 1, raw.len()),
                },
            ],
            None => vec![Node {
                value: Value::String(raw.to_string()),
                span: part(0, raw.len()),
            }],
        };
        Node {
            value: Value::Array(items),
            span,
        }
    }

    fn deliver(&mut self, node: Node, raw: Option<String>) -> Result<(), Stop> {
        let pointer = self.pointer();
        let Some(frame) = self.frames.last_mut() else {
            self.root.get_or_insert(node);
            return Ok(());
        };
        let (members, key, seen) = match &mut frame.items {
            Items::Sequence(items) => {
                items.push(node);
                return Ok(());
            }
            Items::Mapping { members, key, seen } => (members, key, seen),
        };
        if let Some((key, key_span)) = key.take() {
            // A repeated key's earlier value is shadowed (reported when the key was read): the
            // tree keeps only the one that counts, so every pointer names one value.
            members.retain(|m| m.key != key);
            members.push(Member {
                key,
                key_span,
                value: node,
            });
            return Ok(());
        }
        // The node is a key.
        let name = match raw {
            Some(raw) => raw,
            None => {
                let d = Diagnostic::error(
                    codes::YAML_COMPLEX_KEY,
                    node.span.clone(),
                    "a key must be a name, not a list or a mapping",
                )
                .with_help("write each member as Name: value")
                .at(pointer.clone());
                self.diagnostics.push(d);
                self.text[node.span.clone()].to_string()
            }
        };
        if let Some(&first) = seen.get(&name) {
            let (line, _) = line_column(self.text, first);
            let d = Diagnostic::warning(
                codes::YAML_DUPLICATE_KEY,
                node.span.clone(),
                format!("\"{name}\" appears twice in this mapping (first on line {line})"),
            )
            .with_help("keep one; vaultsim reads the last")
            .at(pointer);
            self.diagnostics.push(d);
        } else {
            seen.insert(name.clone(), node.span.start);
        }
        *key = Some((name, node.span));
        Ok(())
    }

    /// The innermost open `[` or `{` collection, and the line it opens on.
    fn open_flow(&self) -> Option<(char, usize)> {
        self.frames.iter().rev().find_map(|frame| {
            let c = self.text[frame.start..].chars().next()?;
            let open = matches!(c, '[' | '{');
            open.then(|| (c, line_column(self.text, frame.start).0))
        })
    }

    fn too_deep(&mut self, span: Range<usize>) {
        let d = Diagnostic::error(
            codes::YAML_TOO_DEEP,
            span,
            "the document nests deeper than vaultsim reads",
        )
        .with_help("no template nests this deep; check for a runaway [ or {, or indentation")
        .at(self.pointer());
        self.diagnostics.push(d);
    }

    /// Turns the parser's error into a diagnostic, recognising the common mistakes to give a
    /// help line that says how to fix them.
    fn syntax_error(&mut self, error: &ScanError) {
        let text = self.text;
        let at = self.byte(error.marker().index()).min(text.len());
        let info = error.info();
        let pointer = self.pointer();
        if !self.ended {
            // What was read is a fragment: checking it would report what is missing from it.
            self.root = None;
        }
        if info.contains("recursion limit") {
            let span = at..next_char_end(text, at);
            self.too_deep(span);
            return;
        }
        let (span, message, help) = self.explain(info, at);
        let d = Diagnostic::error(codes::YAML_SYNTAX, span, message)
            .with_help(help)
            .at(pointer);
        self.diagnostics.push(d);
    }

    fn explain(&self, info: &str, at: usize) -> (Range<usize>, String, String) {
        let text = self.text;
        let point = at..next_char_end(text, at);
        let rest_of_line = at..line_end(text, at).max(next_char_end(text, at));
        let quote = text[at..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'');

        let tab = indentation_tab(text, at);
        if let Some(tab) = tab.filter(|&t| info.contains("tab") || on_line(text, at, t)) {
            return (
                tab..tab + 1,
                "a tab is used for indentation".into(),
                "YAML forbids tabs in indentation: indent with spaces".into(),
            );
        }
        if let Some(q) = quote
            && info.contains("quoted scalar")
        {
            let help = if q == '"' {
                "end it with \" on the same line (write a \" inside it as \\\"); a string that \
                 goes on to the next line needs that line indented deeper than its key"
            } else {
                "end it with ' on the same line (write a ' inside it as ''); a string that \
                 goes on to the next line needs that line indented deeper than its key"
            };
            return (
                rest_of_line,
                "this quoted string is not closed on its line".into(),
                help.into(),
            );
        }
        if info.contains("trailing content after") {
            let opened_single = text[..at].trim_end().ends_with('\'');
            let help = if opened_single {
                "to write ' inside a '...' string, double it: 'it''s'"
            } else {
                "a quoted value ends at its closing quote: quote the whole value"
            };
            return (
                rest_of_line,
                "text follows the closing quote".into(),
                help.into(),
            );
        }
        if info.contains("mapping values are not allowed") {
            if let Some(colon) = missing_space_after_colon(text, self.last_start, at) {
                let end = line_end(text, colon);
                let written = text[line_start(text, colon)..end].trim();
                return (
                    colon..colon + 1,
                    format!("a space is missing after the colon in {written}"),
                    "YAML reads key:value as one piece of text; write key: value, with a space \
                     after the colon"
                        .into(),
                );
            }
            if line_start(text, at) > self.last_start {
                let line = line_start(text, at);
                let indent = text[line..].len() - text[line..].trim_start().len();
                return (
                    (line + indent).min(at)..line_end(text, at),
                    "this line is indented deeper than the key above it".into(),
                    "YAML reads it as the rest of the value above; indent the keys of one \
                     mapping by the same number of spaces"
                        .into(),
                );
            }
            return (
                point,
                "a second ': ' on the line of a key".into(),
                "a value that contains ': ' must be quoted: Key: \"a: b\"".into(),
            );
        }
        if info.contains("did not find expected key") || info.contains("expected '-' indicator") {
            return (
                rest_of_line,
                "this line is not indented like the lines above it".into(),
                "indent the keys of one mapping, or the - items of one list, by the same number \
                 of spaces; a value nested under a key goes deeper than the key"
                    .into(),
            );
        }
        if info.contains("unknown anchor") {
            let name = text[at..]
                .split(|c: char| c.is_whitespace() || ",[]{}".contains(c))
                .next()
                .unwrap_or("");
            return (
                at..at + name.len().max(1).min(text.len() - at),
                format!("{name} names no anchor defined before it"),
                "an alias *name copies the value marked &name earlier in the document".into(),
            );
        }
        if info.contains("misplaced bracket") {
            return (
                point,
                "this bracket closes nothing".into(),
                "remove it, or add the [ or { it should close".into(),
            );
        }
        if let Some((open, line)) = self.open_flow()
            && (info.contains("flow") || info.contains("':' indicator"))
        {
            let (what, close) = if open == '[' {
                ("list", ']')
            } else {
                ("mapping", '}')
            };
            return (
                point,
                format!("the {open} {what} opened on line {line} is not closed where expected"),
                format!(
                    "separate its items with commas and close it with {close}; \
                     quote a value that contains ':' or a comma"
                ),
            );
        }
        if info.contains("handle wasn't declared") {
            let tag = text[at..]
                .split([' ', '\t', '\r', '\n'])
                .next()
                .unwrap_or("");
            return (
                at..at + tag.len(),
                format!("the tag {tag} uses an undeclared handle"),
                "CloudFormation's tags start with a single !, as in !Ref or !GetAtt".into(),
            );
        }
        if info.contains("unexpected character") {
            let found = &text[point.clone()];
            return (
                point,
                format!("a value cannot start with {found}"),
                "put the value in quotes".into(),
            );
        }
        (
            point,
            format!("YAML syntax: {info}"),
            "check the indentation and the quoting here; YAML indents with spaces, and a value \
             containing ': ' or ' #' needs quotes"
                .into(),
        )
    }
}

/// A copy of a document with the lines inside flow collections and quoted strings indented
/// enough for `saphyr-parser` (see [`parse_yaml`]).
struct Indented {
    text: String,
    /// Each run of blanks added: where it starts in `text`, in characters, and how many
    /// characters were added up to its end.
    inserted: Vec<(usize, usize)>,
    /// The byte offsets in the document of the lines indented.
    lines: Vec<usize>,
}

/// The character index in the document as written of a character index in its indented copy.
/// A blank that was added stands for the start of its line.
fn written_index(inserted: &[(usize, usize)], index: usize) -> usize {
    let i = inserted.partition_point(|(start, _)| *start <= index);
    let Some(&(start, through)) = i.checked_sub(1).map(|i| &inserted[i]) else {
        return index;
    };
    let before = i.checked_sub(2).map_or(0, |j| inserted[j].1);
    index - before - (index - start).min(through - before)
}

/// Whether some range strictly contains `offset` after its first byte: the line starting there
/// is inside a flow collection or a quoted string.
fn covers(ranges: &[Range<usize>], offset: usize) -> bool {
    ranges.iter().any(|r| r.start < offset && offset < r.end)
}

/// Indents each line that starts inside a `[...]` or `{...}` collection or a quoted string,
/// and sits left of where the outermost of them opened, to that column: the depth YAML 1.2
/// asks of such lines and PyYAML and libyaml do not. A line whose indentation holds a tab, or
/// that is a document marker, is left as it is. The scan knows comments, quotes, plain
/// scalars (over several lines too), tags and block scalars well enough for documents YAML
/// readers accept; where it guesses wrong, [`parse_yaml`]'s check against the parser's own
/// reading keeps the first reading. `None` when no line needs indenting.
fn indent_flow_lines(text: &str) -> Option<Indented> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut inserted = Vec::new();
    let mut lines = Vec::new();
    let mut added = 0;
    // Characters of `out` so far.
    let mut chars = 0;
    let mut scan = Scan::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let blank = body.trim().is_empty();
        // A block scalar's lines, and a plain scalar's, are text: blank or deeper than the
        // line that opened it.
        if let Some(parent) = scan.block_scalar {
            if blank || indent > parent {
                chars += line.chars().count();
                out.push_str(line);
                continue;
            }
            scan.block_scalar = None;
        }
        let continues_plain = scan.plain_parent.is_some_and(|p| indent > p) && !blank;
        if !continues_plain && !blank {
            scan.plain_parent = None;
        }
        let inside = scan.depth > 0 || scan.quote.is_some();
        let marker = ["---", "..."].iter().any(|m| {
            body.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        });
        let tab = body[indent..].starts_with('\t');
        if inside && !blank && !marker && !tab && indent < scan.outer {
            let add = scan.outer - indent;
            out.extend(std::iter::repeat_n(' ', add));
            added += add;
            inserted.push((chars, added));
            chars += add;
            lines.push(start);
        }
        chars += line.chars().count();
        out.push_str(line);
        if !blank {
            scan.line(body, indent, continues_plain);
        }
    }
    (!inserted.is_empty()).then_some(Indented {
        text: out,
        inserted,
        lines,
    })
}

/// What [`indent_flow_lines`] knows at the end of a line.
#[derive(Default)]
struct Scan {
    /// Open `[` and `{` outside quotes.
    depth: usize,
    /// The column of the outermost open bracket or quote.
    outer: usize,
    /// The open quote.
    quote: Option<char>,
    /// A block scalar's lines are being skipped: the indentation of its header's line.
    block_scalar: Option<usize>,
    /// A plain scalar outside brackets is open at the line's end: the column its lines must
    /// be deeper than to continue it (its key's, or its `-`'s).
    plain_parent: Option<usize>,
}

impl Scan {
    /// Follows one line: brackets opened and closed outside quotes, comments and plain scalars;
    /// quotes opened and closed; a block scalar's header.
    fn line(&mut self, body: &str, indent: usize, continues_plain: bool) {
        // Whether the next character may start a token (after a blank, an indicator, or a
        // line start); whether a plain scalar is being read (its quotes and brackets are
        // text); whether a quoted string or a collection just closed, so that a `:` right after
        // it (`"a":"b"`) separates a key from its value.
        let mut token_start = !continues_plain;
        let mut plain = continues_plain;
        let mut closed = false;
        // Where the line's latest key started; the column of the key or `-` the next node
        // follows: a plain value's lines must be deeper than it.
        let mut key = indent;
        let mut after = None;
        let mut chars = body.chars().enumerate().peekable();
        while let Some((column, c)) = chars.next() {
            if let Some(q) = self.quote {
                match c {
                    '\\' if q == '"' => {
                        chars.next();
                    }
                    '\'' if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                        chars.next();
                    }
                    _ if c == q => {
                        self.quote = None;
                        token_start = false;
                        closed = true;
                    }
                    _ => {}
                }
                continue;
            }
            let next_blank = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            let next_flow = chars.peek().is_some_and(|(_, n)| ",[]{}".contains(*n));
            let after_close = std::mem::take(&mut closed);
            match c {
                ' ' | '\t' => token_start = true,
                '#' if token_start => {
                    // A comment ends a plain scalar.
                    self.plain_parent = None;
                    return;
                }
                ':' if next_blank || after_close || (self.depth > 0 && next_flow) => {
                    plain = false;
                    self.plain_parent = None;
                    token_start = true;
                    after = Some(key);
                }
                ',' | '[' | ']' | '{' | '}' if self.depth > 0 || (token_start && !plain) => {
                    plain = false;
                    match c {
                        '[' | '{' => {
                            if self.depth == 0 {
                                self.outer = column;
                            }
                            self.depth += 1;
                        }
                        ']' | '}' => {
                            self.depth = self.depth.saturating_sub(1);
                            closed = true;
                        }
                        _ => {}
                    }
                    token_start = !closed;
                }
                '"' | '\'' if token_start && !plain => {
                    if self.depth == 0 {
                        self.outer = column;
                        key = column;
                    }
                    self.quote = Some(c);
                }
                '|' | '>' if token_start && !plain && self.depth == 0 => {
                    self.block_scalar = Some(indent);
                    return;
                }
                // A tag, an anchor or an alias: the node follows it.
                '!' | '&' | '*' if token_start && !plain => {
                    while chars
                        .peek()
                        .is_some_and(|(_, n)| !n.is_whitespace() && !",[]{}".contains(*n))
                    {
                        chars.next();
                    }
                }
                '-' | '?' if token_start && !plain && next_blank => after = Some(column),
                _ => {
                    if token_start && !plain {
                        plain = true;
                        if self.depth == 0 {
                            key = column;
                            // The scalar's lines must be deeper than its key or its `-`; a
                            // scalar starting its line continues at the line's indentation.
                            self.plain_parent =
                                Some(after.unwrap_or_else(|| indent.saturating_sub(1)));
                        }
                    }
                    token_start = false;
                }
            }
        }
        if !plain || self.depth > 0 {
            self.plain_parent = None;
        }
    }
}

/// Skips `count` node properties (`!tag`, `&anchor`) from `start`, with the whitespace and
/// comments after them; returns where the node's content starts and the tag's span.
fn property_spans(text: &str, start: usize, count: usize) -> (usize, Option<Range<usize>>) {
    let mut pos = start.min(text.len());
    let mut tag = None;
    for _ in 0..count {
        pos = skip_blanks(text, pos);
        let rest = &text[pos..];
        if !rest.starts_with(['!', '&']) {
            break;
        }
        // A verbatim tag `!<...>` may hold any character up to its `>`.
        let len = if rest.starts_with("!<") {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        } else {
            rest.find([' ', '\t', '\r', '\n', ',', '[', ']', '{', '}'])
                .unwrap_or(rest.len())
        };
        if rest.starts_with('!') {
            tag = Some(pos..pos + len);
        }
        pos += len;
    }
    if count > 0 {
        pos = skip_blanks(text, pos);
    }
    (pos, tag)
}

/// Skips whitespace, line breaks and `#` comments.
fn skip_blanks(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with('#') {
            pos = line_end(text, pos);
        } else {
            return pos;
        }
    }
}

/// How YAML's plain (unquoted) scalars are typed, as CloudFormation reads them: `true`/`false`
/// (also `True`, `TRUE`, ...) are booleans; `null`, `Null`, `NULL`, `~` and nothing at all are
/// null; a JSON-style number (`-?digits`, optional `.digits`, optional exponent) is a number,
/// kept as written so that `60` and `60.0` (and `007`) can be told apart; everything else —
/// `yes`, `on`, `+1`, `.5`, `0x1F`, `.inf`, dates — is a string, as in YAML 1.2's JSON schema.
fn plain_scalar(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ if is_number(s) => Value::Number(s.to_string()),
        _ => Value::String(s.to_string()),
    }
}

/// `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn is_number(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, fraction)) => digits(int) && digits(fraction),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

/// The number of nodes in a tree and its height, without recursion.
fn measure(node: &Node) -> (usize, usize) {
    let (mut size, mut height) = (0, 0);
    let mut stack = vec![(node, 1)];
    while let Some((node, depth)) = stack.pop() {
        size += 1;
        height = height.max(depth);
        match &node.value {
            Value::Array(items) => stack.extend(items.iter().map(|n| (n, depth + 1))),
            Value::Object(members) => stack.extend(members.iter().map(|m| (&m.value, depth + 1))),
            _ => {}
        }
    }
    (size, height)
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding `pos`, before its line break and trailing blanks.
fn line_end(text: &str, pos: usize) -> usize {
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    text[..end].trim_end().len().max(pos)
}

fn next_char_end(text: &str, pos: usize) -> usize {
    pos + text[pos..].chars().next().map_or(0, char::len_utf8)
}

/// A tab in the indentation of the line holding `pos` or of the next line (the parser often
/// stops at the end of the value before the offending line).
fn indentation_tab(text: &str, pos: usize) -> Option<usize> {
    let mut start = line_start(text, pos);
    for _ in 0..2 {
        let line = &text[start..];
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return Some(start + i);
        }
        start += line.find('\n')? + 1;
    }
    None
}

fn on_line(text: &str, pos: usize, other: usize) -> bool {
    line_start(text, pos) == line_start(text, other)
}

/// A line between `from` and `to` that starts with `key:value` (no space after the colon), the
/// usual cause of "mapping values are not allowed" a line or two later; the colon's offset.
fn missing_space_after_colon(text: &str, from: usize, to: usize) -> Option<usize> {
    let mut start = line_start(text, from.min(to));
    while start <= to {
        let line = &text[start..line_end(text, start)];
        let body = line.trim_start();
        let body = body.strip_prefix("- ").unwrap_or(body).trim_start();
        let offset = start + line.len() - body.len();
        let key_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .unwrap_or(body.len());
        let after = &body[key_len..];
        if key_len > 0
            && after.starts_with(':')
            && after[1..].starts_with(|c: char| !c.is_whitespace() && c != ':' && c != '/')
        {
            return Some(offset + key_len);
        }
        start += text[start..].find('\n')? + 1;
    }
    None
}

/// Byte offsets for the parser's positions, which count characters. Events arrive in nearly
/// increasing order, so a cursor that walks from the last position is cheap; ASCII text needs
/// no walking at all.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        while self.chars < index {
            let Some(c) = self.text[self.bytes..].chars().next() else {
                return self.bytes;
            };
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        while self.chars > index {
            let Some(c) = self.text[..self.bytes].chars().next_back() else {
                break;
            };
            self.bytes -= c.len_utf8();
            self.chars -= 1;
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_json_style() {
        for yes in ["0", "-0", "7", "007", "60", "2.5", "1e9", "1E-3", "-1.5e+2"] {
            assert!(is_number(yes), "{yes}");
        }
        for no in [
            "+1", ".5", "1.", "1e", "--1", "1.2.3", "-", "0x1F", "1_000", ".inf",
        ] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn offsets_walk_both_ways_over_multibyte_text() {
        let text = "aé😀b";
        let mut offsets = Offsets::new(text);
        assert_eq!(offsets.byte(3), 7);
        assert_eq!(offsets.byte(1), 1);
        assert_eq!(offsets.byte(2), 3);
        assert_eq!(offsets.byte(99), text.len());
        assert_eq!(offsets.byte(0), 0);
    }

    #[test]
    fn added_blanks_map_back_to_the_start_of_their_line() {
        // "a: [\n1]\n" read as "a: [\n   1]\n": three blanks added at index 5.
        let indented = indent_flow_lines("a: [\n1]\n").unwrap();
        assert_eq!(indented.text, "a: [\n   1]\n");
        assert_eq!(indented.inserted, [(5, 3)]);
        assert_eq!(indented.lines, [5]);
        let written: Vec<usize> = (0..indented.text.len())
            .map(|i| written_index(&indented.inserted, i))
            .collect();
        assert_eq!(written, [0, 1, 2, 3, 4, 5, 5, 5, 5, 6, 7]);
        // Two runs: the second counts the first's blanks too.
        let runs = [(2, 2), (6, 3)];
        assert_eq!(written_index(&runs, 4), 2);
        assert_eq!(written_index(&runs, 5), 3);
        assert_eq!(written_index(&runs, 6), 4);
        assert_eq!(written_index(&runs, 7), 4);
        assert_eq!(written_index(&runs, 8), 5);
        assert!(indent_flow_lines("a: [1]\nb: |\n  [\n}\n").is_none());
    }

    #[test]
    fn properties_are_skipped_to_the_content() {
        let text = "&a !Sub # c\n  x";
        assert_eq!(property_spans(text, 0, 2), (14, Some(3..7)));
        assert_eq!(property_spans("!<!Ref> x", 0, 1), (8, Some(0..7)));
    }
}
